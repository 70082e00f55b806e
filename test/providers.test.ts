import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { createAssessor } from '../src/assessment.js';
import { checkOffer, loadOffer, type LoadedOffer } from '../src/providers/offer.js';
import { parseProviderFormats, renderProvidersHtml, renderProvidersMarkdown, renderProvidersPdf, writeProviders } from '../src/providers/render.js';
import { compareOffers, type OfferScore, type ProviderComparison } from '../src/providers/score.js';
import type { AssessmentResult } from '../src/result/result.js';
import { InputError } from '../src/util/errors.js';
import { expectDeterministicPdf, hasPdftotext, pdfText, problemsOf } from './helpers.js';

/**
 * `irready providers`: offers as data, scored against the plan, side by side.
 * Refresh the golden Markdown with `UPDATE_GOLDEN=1 npx vitest run test/providers.test.ts` after an
 * intended change, and review the diff.
 */
const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'irready.js');
const OFFERS = join(ROOT, 'examples', 'offers');
const HELIX = join(OFFERS, 'helix-global-mss.yaml');
const KATTEGAT = join(OFFERS, 'kattegat-cyberforsvar.yaml');
const MIDSIZE = join(ROOT, 'examples', 'midsize-8x5-team.json');
const DEMO = join(ROOT, 'examples', 'demo-aeroskobing.json');
const GOLDEN = join(import.meta.dirname, 'fixtures', 'providers', 'demo-aeroskobing-providers.md');
const FIXED_DATE = '2026-01-01T00:00:00.000Z';
const update = !!process.env.UPDATE_GOLDEN;

const assessor = createAssessor();
let work: string;
let offers: LoadedOffer[];
let midsize: AssessmentResult;
let demo: AssessmentResult;
let demoDk: ProviderComparison;
let midsizePl: ProviderComparison;

const byName = (c: ProviderComparison, provider: string): OfferScore => c.offers.find((o) => o.provider.startsWith(provider))!;
const requirement = (o: OfferScore, id: string) => o.requirements.items.find((r) => r.id === id)!;
const helixOffer = () => parseYaml(readFileSync(HELIX, 'utf8')) as Record<string, any>;

/** Writes an offer (changed by `change`) as YAML or JSON and returns its path. */
function offerFile(name: string, change: (o: Record<string, any>) => void): string {
  const o = helixOffer();
  change(o);
  const file = join(work, name);
  writeFileSync(file, name.endsWith('.json') ? JSON.stringify(o, null, 2) : stringifyYaml(o));
  return file;
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'irready-providers-'));
  offers = [loadOffer(HELIX, assessor.catalogue), loadOffer(KATTEGAT, assessor.catalogue)];
  midsize = assessor.assess(assessor.load(MIDSIZE), { generatedAt: FIXED_DATE });
  demo = assessor.assess(assessor.load(DEMO), { generatedAt: FIXED_DATE });
  demoDk = compareOffers(demo, offers, { countries: ['DK'] });
  midsizePl = compareOffers(midsize, offers, { countries: ['PL'] });
});

describe('offer files', () => {
  it('loads the two example offers, named in the providers\' own words', () => {
    expect(offers.map((o) => o.offer.provider)).toEqual(['Helix Global MSS Ltd', 'Kattegat Cyberforsvar ApS']);
    const titles = new Set(assessor.catalogue.services.map((s) => s.title.toLowerCase()));
    for (const { offer } of offers) for (const s of offer.services) expect(titles.has(s.name.toLowerCase())).toBe(false);
    expect(offers[1].offer.services[0]).toMatchObject({ name: 'Døgnovervågning (24/7 SOC-overvågning)', maps: ['event-monitoring', 'event-analysis'], hours: '24x7' });
    expect(offers[0].offer.sla.production?.critical).toEqual({ notify: 15, respond: 'best-effort' });
  });

  it('reports schema errors with their paths and lines', () => {
    const file = offerFile('bad-schema.yaml', (o) => {
      o.services[0].hours = 'nights';
      delete o.staff.named_team;
      o.sla.production.critical.respond = '2 hours';
      o.languages = ['English'];
      o.socs[1].country = 'usa';
      o.price = 100;
    });
    const problems = problemsOf(() => loadOffer(file, assessor.catalogue));
    expect(problems).toContain('services[0].hours: must be one of "24x7", "business-hours"');
    expect(problems).toContain("staff: must have required property 'named_team'");
    expect(problems).toContain('sla.production.critical.respond: must be integer');
    expect(problems).toContain('languages[0]: must match pattern "^[a-z]{2}$"');
    expect(problems).toContain('socs[1].country: must match pattern "^[A-Z]{2}$"');
    expect(problems).toContain(': unknown field "price"');
    try {
      loadOffer(file, assessor.catalogue);
    } catch (err) {
      const hours = (err as InputError).problems.find((p) => p.place === 'services[0].hours')!;
      const lines = readFileSync(file, 'utf8').split('\n');
      expect(lines[hours.line! - 1]).toContain('nights');
    }
  });

  it('cross-checks service ids against the catalogue, in YAML and JSON, naming each place', () => {
    const change = (o: Record<string, any>) => {
      o.services[1].maps = ['incident-triage', 'soc-magic'];
      o.services[3].name = o.services[2].name;
      o.socs[2] = { ...o.socs[0] };
    };
    for (const name of ['bad-ids.yaml', 'bad-ids.json']) {
      const file = offerFile(name, change);
      const problems = problemsOf(() => loadOffer(file, assessor.catalogue));
      expect(problems).toHaveLength(3);
      expect(problems[0]).toMatch(/^services\[1\]\.maps\[1\]: unknown catalogue service "soc-magic" \(services: event-monitoring, /);
      expect(problems[1]).toMatch(/^services\[3\]\.name: the service ".*" is offered twice \(also services\[2\]\)$/);
      expect(problems[2]).toBe('socs[2]: the SOC in Dublin (IE) is listed twice');
      try {
        loadOffer(file, assessor.catalogue);
      } catch (err) {
        const p = (err as InputError).problems[0];
        expect(readFileSync(file, 'utf8').split('\n')[p.line! - 1]).toContain('soc-magic');
      }
    }
    expect(() => checkOffer({ provider: 'x' }, assessor.catalogue, 'inline.json')).toThrow(InputError);
  });
});

describe('compareOffers', () => {
  it('finds the services each offer covers and which are missing', () => {
    expect(demoDk.needed).toHaveLength(10);
    const helix = byName(demoDk, 'Helix');
    const kattegat = byName(demoDk, 'Kattegat');
    expect(helix.coverage).toMatchObject({ needed: 10, covered: 8, partial: 0, missing: ['mitigation-recovery', 'training-exercises'] });
    expect(kattegat.coverage).toMatchObject({ needed: 10, covered: 9, partial: 0, missing: ['threat-intelligence'] });
    expect(kattegat.coverage.score).toBeGreaterThan(helix.coverage.score);
    expect(helix.coverage.services.find((s) => s.id === 'event-monitoring')!.offeredAs.map((o) => o.name)).toEqual(['Helix MDR Enterprise (24/7 threat monitoring and alert triage)']);
    // Offered, but the plan keeps triage in-house (ENISA: the customer keeps control).
    expect(helix.inHouseOffered.map((s) => s.id)).toEqual(['incident-triage']);
    expect(kattegat.inHouseOffered).toEqual([]);
  });

  it('scores SLA fit: best-effort response and missing notification terms count against an offer', () => {
    const helix = byName(demoDk, 'Helix');
    const kattegat = byName(demoDk, 'Kattegat');
    expect(helix.sla).toMatchObject({ notifyFirm: 6, productionResponseFirm: 0 });
    expect(kattegat.sla).toMatchObject({ notifyFirm: 10, productionResponseFirm: 4 });
    expect(helix.sla.issues).toContain('critical production incidents have no firm response time, which the plan requires (REQ-RESPONSE-SLA)');
    expect(helix.sla.issues).toContain('development: no SLA terms');
    expect(kattegat.sla.issues).toEqual(['development: no terms for medium and low']);
  });

  it('maps each plan requirement to the offer fields that satisfy it', () => {
    const helix = byName(demoDk, 'Helix');
    const kattegat = byName(demoDk, 'Kattegat');
    expect(helix.requirements.items.map((r) => r.id)).toEqual(demo.plan.requirements.map((r) => r.id));
    expect(requirement(helix, 'REQ-RESPONSE-SLA').status).toBe('not-met');
    expect(requirement(kattegat, 'REQ-RESPONSE-SLA').status).toBe('met');
    expect(requirement(helix, 'REQ-LANGUAGE')).toMatchObject({ status: 'partly', score: 0.5 });
    expect(requirement(kattegat, 'REQ-LANGUAGE').status).toBe('met');
    const exit = requirement(helix, 'REQ-EXIT');
    expect(exit.checks.filter((c) => !c.ok).map((c) => c.field)).toEqual(['exit.transition_assistance_months', 'exit.knowledge_pack']);
    expect(requirement(kattegat, 'REQ-EXIT').status).toBe('met');
    const staff = requirement(kattegat, 'REQ-STAFF-AVAILABILITY');
    expect(staff.checks.map((c) => [c.field, c.ok])).toEqual([['staff.named_team', true], ['staff.emergency_answer_minutes', true], ['socs', false], ['staff.onsite_reach', true]]);
    expect(requirement(helix, 'REQ-STAFF-AVAILABILITY').score).toBe(0.25);
    // Restricted data sharing: data must stay in the organisation's countries.
    expect(requirement(helix, 'REQ-DATA-LIMITS').checks[1]).toMatchObject({ field: 'socs', ok: false, actual: 'also in IE, US, IN' });
  });

  it('flags offshore, one-location, language and penalty risks', () => {
    const risks = (c: ProviderComparison, p: string) => byName(c, p).risks.map((r) => `${r.id}:${r.level}`);
    expect(risks(demoDk, 'Helix')).toEqual(['offshore-only:high', 'language-mismatch:medium']);
    expect(risks(demoDk, 'Kattegat')).toEqual(['single-soc:medium']);
    // A Polish company whose staff work in English: both providers are offshore, no language risk.
    expect(risks(midsizePl, 'Helix')).toEqual(['offshore-only:high']);
    expect(risks(midsizePl, 'Kattegat')).toEqual(['offshore-only:high', 'single-soc:medium']);
    const noCredits = offerFile('no-credits.yaml', (o) => (o.penalties = { service_credits: false }));
    const c = compareOffers(demo, [loadOffer(noCredits, assessor.catalogue)], { countries: ['DK'] });
    expect(c.offers[0].risks.map((r) => r.id)).toContain('no-penalties');
    expect(requirement(c.offers[0], 'REQ-PENALTIES').status).toBe('partly');
    const german = offerFile('german.yaml', (o) => (o.languages = ['de']));
    expect(compareOffers(demo, [loadOffer(german, assessor.catalogue)]).offers[0].risks.find((r) => r.id === 'language-mismatch')?.level).toBe('high');
  });

  it('ranks the regional provider first for both organisations, with the documented totals', () => {
    expect(demoDk.ranking).toEqual(['Kattegat Cyberforsvar ApS', 'Helix Global MSS Ltd']);
    expect(midsizePl.ranking).toEqual(['Kattegat Cyberforsvar ApS', 'Helix Global MSS Ltd']);
    expect(demoDk.offers.map((o) => [o.provider, o.total, o.rank])).toEqual([['Helix Global MSS Ltd', 40, 2], ['Kattegat Cyberforsvar ApS', 87, 1]]);
    expect(midsizePl.offers.map((o) => o.total)).toEqual([46, 75]);
    for (const o of [...demoDk.offers, ...midsizePl.offers]) {
      const sum = o.points.coverage + o.points.sla + o.points.requirements - o.points.risks;
      expect(Math.abs(o.total - Math.max(0, sum))).toBeLessThanOrEqual(0.6);
    }
    expect(demoDk.headline).toBe('Kattegat Cyberforsvar ApS fits best with 87 of 100 (Helix Global MSS Ltd 40); it covers 9 of 10 services the plan outsources or shares and carries 1 risk.');
    expect(demoDk.method[0]).toMatch(/^Total = 40 × service coverage \+ 25 × SLA fit \+ 35 × requirement coverage/);
  });

  it('is pure and deterministic, and notes what it could not check', () => {
    const before = JSON.stringify(offers);
    expect(compareOffers(demo, offers, { countries: ['DK'] })).toEqual(demoDk);
    expect(JSON.stringify(offers)).toBe(before);
    const unknown = compareOffers(demo, offers);
    expect(unknown.context.countries).toBeNull();
    expect(unknown.notes[0]).toMatch(/countries are not known/);
    expect(byName(unknown, 'Helix').risks.map((r) => r.id)).not.toContain('offshore-only');
    expect(midsizePl.notes.join(' ')).toMatch(/"other"/);
    // Countries in the answers are used when no --country is given.
    const withCountry = { ...demo, organization: { ...demo.organization, country: 'dk' } };
    expect(compareOffers(withCountry, offers).context).toMatchObject({ countries: ['DK'], countriesFrom: 'organization' });
  });

  it('counts a round-the-clock service offered in business hours only as half covered', () => {
    const office = offerFile('office-hours.yaml', (o) => (o.services[0].hours = 'business-hours'));
    const c = compareOffers(demo, [loadOffer(office, assessor.catalogue)]);
    const monitoring = c.offers[0].coverage.services.find((s) => s.id === 'event-monitoring')!;
    expect(monitoring).toMatchObject({ status: 'partial', notes: ['business hours only; the organisation needs 24x7'] });
    expect(c.offers[0].coverage.partial).toBe(2);
  });
});

describe('provider reports', () => {
  it('matches the golden Markdown (UPDATE_GOLDEN=1 refreshes it)', () => {
    const md = renderProvidersMarkdown(demoDk);
    if (update) {
      mkdirSync(join(GOLDEN, '..'), { recursive: true });
      writeFileSync(GOLDEN, md);
    }
    expect(existsSync(GOLDEN), `${GOLDEN} is missing: run UPDATE_GOLDEN=1 npx vitest run test/providers.test.ts`).toBe(true);
    expect(md, 'the Markdown differs from the golden file: if intended, refresh it with UPDATE_GOLDEN=1 and review the diff').toBe(readFileSync(GOLDEN, 'utf8'));
    expect(renderProvidersMarkdown(demoDk)).toBe(md);
  });

  it('renders self-contained, escaped HTML side by side', () => {
    const html = renderProvidersHtml(demoDk);
    expect(html).toContain('Helix Global MSS Ltd');
    expect(html).toContain('Kattegat Cyberforsvar ApS');
    expect(html).toContain('Døgnovervågning (24/7 SOC-overvågning)');
    expect(html).toContain('class="status status-missing">missing');
    expect(html).toContain('@media print');
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?\s*(https?:)?\/\//i);
    expect(html).not.toMatch(/<link|<script|@import|url\(/i);
    const evil = JSON.parse(JSON.stringify(demoDk)) as ProviderComparison;
    evil.offers[0].provider = '<script>alert(1)</script> & Co';
    const escaped = renderProvidersHtml(evil);
    expect(escaped).not.toContain('<script>');
    expect(escaped).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co');
    expect(renderProvidersMarkdown(evil)).not.toContain('<script>');
  });

  it('renders a deterministic PDF', async () => {
    await expectDeterministicPdf(() => renderProvidersPdf(demoDk));
  });

  it.skipIf(!hasPdftotext)('puts both provider names and the scores in the PDF text', async () => {
    const text = pdfText(await renderProvidersPdf(demoDk)).replace(/\s+/g, ' ');
    expect(text).toContain('Helix Global MSS Ltd');
    expect(text).toContain('Kattegat Cyberforsvar ApS');
    expect(text).toContain('Ærøskøbing Kommune');
    expect(text).toContain('REQ-RESPONSE-SLA');
    expect(text).toContain('Offshore only');
  });

  it('writes every format or none', async () => {
    const dir = join(work, 'lib-out');
    const written = await writeProviders(demoDk, parseProviderFormats('md, html'), dir);
    expect(written.map((f) => f.slice(dir.length + 1))).toEqual(['aeroskobing-kommune-providers.md', 'aeroskobing-kommune-providers.html']);
    expect(() => parseProviderFormats('md,docx')).toThrow(/unknown format "docx"/);

    const broken = join(work, 'broken-templates');
    mkdirSync(join(broken, 'providers-html'), { recursive: true });
    writeFileSync(join(broken, 'providers-html', 'report.hbs'), '{{#each offers}}unclosed');
    const none = join(work, 'none-out');
    await expect(writeProviders(demoDk, ['md', 'html'], none, { templatesDir: broken })).rejects.toThrow(InputError);
    expect(existsSync(none)).toBe(false);
  });
});

describe('irready providers', () => {
  function irready(args: string[]) {
    const r = spawnSync(process.execPath, [BIN, ...args], {
      cwd: work,
      encoding: 'utf8',
      env: { ...process.env, IRREADY_CACHE_DIR: join(work, '.cache'), IRREADY_NO_CACHE: '', NO_COLOR: '1', SOURCE_DATE_EPOCH: '1767225600' },
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  beforeAll(() => {
    expect(existsSync(join(ROOT, 'dist', 'cli', 'main.js')), 'run npm run build first').toBe(true);
  });

  it('exits 0 and writes every format', () => {
    const out = join(work, 'cli-out');
    const r = irready(['providers', MIDSIZE, HELIX, KATTEGAT, '--country', 'pl', '--out-dir', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['lodz-logistyka-sp-z-o-o-providers.html', 'lodz-logistyka-sp-z-o-o-providers.md', 'lodz-logistyka-sp-z-o-o-providers.pdf']);
    const md = readFileSync(join(out, 'lodz-logistyka-sp-z-o-o-providers.md'), 'utf8');
    expect(md).toContain('Kattegat Cyberforsvar ApS fits best with 75 of 100 (Helix Global MSS Ltd 46)');
    expect(md).toContain('PL (given with --country)');
  });

  it('exits 2 for a bad offer, naming every problem with its place, and writes nothing', () => {
    const bad = offerFile('cli-bad.yaml', (o) => {
      o.services[0].maps = ['no-such-service'];
    });
    const out = join(work, 'cli-bad-out');
    const r = irready(['providers', DEMO, HELIX, bad, '--out-dir', out]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/cli-bad\.yaml:\d+:\d+: services\[0\]\.maps\[0\]: unknown catalogue service "no-such-service"/);
    expect(existsSync(out)).toBe(false);

    const country = irready(['providers', DEMO, HELIX, '--country', 'Denmark', '--out-dir', out]);
    expect(country.code).toBe(2);
    expect(country.stderr).toContain('--country');
    expect(existsSync(out)).toBe(false);
  });
});
