import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAssessor } from '../src/assessment.js';
import { checkHandover, loadHandover } from '../src/handover/load.js';
import { completeness, percent } from '../src/handover/completeness.js';
import { HANDOVER_FORMAT_VERSION, HANDOVER_KEYS, serializeHandover, type Handover } from '../src/handover/format.js';
import { handoverFromResult } from '../src/handover/init.js';
import { MIGRATIONS, migrateHandover } from '../src/handover/migrate.js';
import { buildHandoverView, parseHandoverFormats, renderHandoverHtml, renderHandoverMarkdown, renderHandoverPdf, writeHandover } from '../src/handover/render.js';
import { findSecrets, looksRandom } from '../src/handover/secrets.js';
import { schemaText } from '../src/util/schema.js';
import { InputError } from '../src/util/errors.js';
import { expectDeterministicPdf, hasPdftotext, pdfText } from './helpers.js';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'irready.js');
const EXAMPLE = join(ROOT, 'docs', 'examples', 'handover-example.json');
const ANSWERS = join(ROOT, 'examples', 'midsize-8x5-team.json');

let work: string;
const exampleJson = (): Record<string, any> => JSON.parse(readFileSync(EXAMPLE, 'utf8'));

/** Writes a changed copy of the example and returns its path. */
function variant(name: string, change: (h: Record<string, any>) => void): string {
  const h = exampleJson();
  change(h);
  const file = join(work, name);
  writeFileSync(file, `${JSON.stringify(h, null, 2)}\n`);
  return file;
}

/** The problems of a file, as checkHandover reports them. */
function problemsOf(file: string) {
  return checkHandover(JSON.parse(readFileSync(file, 'utf8')), file, () => readFileSync(file, 'utf8')).problems;
}

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: work, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'irready-handover-'));
});

describe('the example file', () => {
  it('validates, renders and reads back unchanged (round trip)', async () => {
    const before = readFileSync(EXAMPLE, 'utf8');
    const { handover, migratedFrom } = loadHandover(EXAMPLE);
    expect(migratedFrom).toBeUndefined();
    const out = join(work, 'round-trip');
    const files = await writeHandover(handover, ['md', 'html', 'pdf'], out);
    expect(files.map((f) => f.slice(out.length + 1))).toEqual(['lodz-logistyka-sp-z-o-o-handover.md', 'lodz-logistyka-sp-z-o-o-handover.html', 'lodz-logistyka-sp-z-o-o-handover.pdf']);
    // Rendering changes nothing: the file and its parsed value read back equal.
    expect(readFileSync(EXAMPLE, 'utf8')).toBe(before);
    expect(loadHandover(EXAMPLE).handover).toEqual(handover);
    expect(handover).toEqual(JSON.parse(before));
    // Writing it out again gives the same text (keys in documented order), which validates again.
    expect(serializeHandover(handover)).toBe(before);
    const again = join(work, 'again.json');
    writeFileSync(again, serializeHandover(handover));
    expect(loadHandover(again).handover).toEqual(handover);
  });

  it('uses every section and is mostly complete', () => {
    const h = exampleJson();
    for (const key of HANDOVER_KEYS) expect(h[key], key).toBeDefined();
    const c = completeness(loadHandover(EXAMPLE).handover);
    expect(c.sections.every((s) => s.items > 0)).toBe(true);
    expect(c.overall.todo).toBeGreaterThan(0);
    expect(c.overall.share).toBeGreaterThan(0.8);
  });

  it('has a schema with the published $id and the format version', () => {
    const schema = JSON.parse(schemaText('handover'));
    expect(schema.$id).toBe('https://irready.dev/schemas/handover-1.json');
    expect(schema.properties.formatVersion.const).toBe(HANDOVER_FORMAT_VERSION);
    expect(HANDOVER_FORMAT_VERSION).toBe('1.0');
  });

  it('documents every field of the schema, and the short example in the docs is valid', () => {
    const docs = readFileSync(join(ROOT, 'docs', 'handover-format.md'), 'utf8');
    const schema = JSON.parse(schemaText('handover'));
    for (const [name, def] of Object.entries<any>(schema.$defs)) {
      if (name === 'status' || name === 'note') continue;
      expect(docs, name).toContain(`### ${name}`);
      for (const field of Object.keys(def.properties)) if (field !== 'status' && field !== 'note') expect(docs, `${name}.${field}`).toContain(`| \`${field}\` |`);
    }
    for (const field of Object.keys(schema.properties)) expect(docs, field).toContain(`| \`${field}\` |`);
    const short = /## A short example\n\n```json\n([\s\S]*?)\n```/.exec(docs)![1];
    const check = checkHandover(JSON.parse(short), 'docs', () => short);
    expect(check.problems).toEqual([]);
  });
});

describe('invalid files', () => {
  it('a missing required field is reported at its item, with line and column', () => {
    const file = variant('missing.json', (h) => delete h.contacts[1].role);
    const problems = problemsOf(file);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ place: 'contacts[1]', message: expect.stringContaining("'role'") });
    expect(problems[0].line).toBeGreaterThan(1);
    expect(readFileSync(file, 'utf8').split('\n').slice(problems[0].line! - 1, problems[0].line! + 1).join('\n')).toMatch(/\{\s+"name": "Tomasz Nowak"/);
  });

  it('a missing section is reported at the top', () => {
    const problems = problemsOf(variant('no-section.json', (h) => delete h.openCases));
    expect(problems).toEqual([expect.objectContaining({ place: undefined, message: expect.stringContaining("'openCases'") })]);
  });

  it('a wrong type is reported at its field', () => {
    const problems = problemsOf(variant('type.json', (h) => (h.organization.sites = 'seven')));
    expect(problems).toEqual([expect.objectContaining({ place: 'organization.sites', message: 'must be integer' })]);
  });

  it('an unknown field is reported by name', () => {
    const problems = problemsOf(variant('unknown.json', (h) => (h.logSources[0].retentionMonth = 12)));
    expect(problems).toEqual([expect.objectContaining({ place: 'logSources[0]', message: 'unknown field "retentionMonth"' })]);
  });

  it('a value outside an enum lists the allowed ones', () => {
    const problems = problemsOf(variant('enum.json', (h) => (h.slas[0].environment = 'prod')));
    expect(problems).toEqual([expect.objectContaining({ place: 'slas[0].environment', message: expect.stringMatching(/^must be one of "production", "staging", "test", "development", "all"$/) })]);
  });

  it('a malformed date, e-mail or role is refused', () => {
    const problems = problemsOf(
      variant('formats.json', (h) => {
        h.transition.handoverDate = '1 April 2026';
        h.contacts[0].email = 'not an address';
        h.raci.activities[0].assignments[0].role = 'Owner';
      }),
    );
    expect(problems.map((p) => p.place)).toEqual(['transition.handoverDate', 'contacts[0].email', 'raci.activities[0].assignments[0].role']);
  });

  it('a todo item may lack its required fields, a complete one may not', () => {
    expect(problemsOf(variant('todo.json', (h) => (h.playbooks[0] = { status: 'todo' })))).toEqual([]);
    expect(problemsOf(variant('done.json', (h) => (h.playbooks[0] = { status: 'done' }))).map((p) => p.message)).toEqual([
      "must have required property 'title'",
      "must have required property 'location'",
      "must have required property 'owner'",
    ]);
  });

  it('RACI assignments must name listed parties, once each', () => {
    const problems = problemsOf(
      variant('raci.json', (h) => {
        h.raci.activities[1].assignments[1].party = 'Vendor';
        h.raci.activities[2].id = 'declare';
      }),
    );
    expect(problems).toEqual([
      expect.objectContaining({ place: 'raci.activities[1].assignments[1].party', message: expect.stringContaining('"Vendor" is not listed in raci.parties') }),
      expect.objectContaining({ place: 'raci.activities[2].id', message: expect.stringContaining('used twice') }),
    ]);
  });

  it('something that is not a handover file is refused', () => {
    expect(checkHandover([1, 2], 'x.json', () => '[1, 2]').problems[0].message).toContain('is not a handover file');
  });

  it('loadHandover throws an InputError naming every problem', () => {
    const file = variant('two.json', (h) => {
      h.organization.sites = 'seven';
      h.slas[0].environment = 'prod';
    });
    expect(() => loadHandover(file)).toThrow(InputError);
    try {
      loadHandover(file);
    } catch (err) {
      expect((err as InputError).problems).toHaveLength(2);
    }
  });
});

describe('secrets', () => {
  const KINDS: [string, (h: Record<string, any>) => void, string, RegExp][] = [
    ['PEM private key', (h) => (h.accessToRevoke[0].note = '-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA7\n-----END RSA PRIVATE KEY-----'), 'accessToRevoke[0].note', /PEM private key/],
    ['OpenSSH private key', (h) => (h.agents[0].removal = '-----BEGIN OPENSSH PRIVATE KEY-----'), 'agents[0].removal', /PEM private key/],
    ['password field', (h) => (h.contacts[0].password = 'Sommer2026!'), 'contacts[0].password', /field named "password"/],
    ['passwd field', (h) => (h.accessToRevoke[0].passwd = 'x'), 'accessToRevoke[0].passwd', /field named "passwd"/],
    ['secret field', (h) => (h.logSources[0].clientSecret = 'abc'), 'logSources[0].clientSecret', /field named "clientSecret"/],
    ['token field', (h) => (h.detectionContent[0].token = 'abc'), 'detectionContent[0].token', /field named "token"/],
    ['apiKey field', (h) => (h.accessToRevoke[2].apiKey = 'k-123'), 'accessToRevoke[2].apiKey', /field named "apiKey"/],
    ['privateKey field', (h) => (h.agents[0].privateKey = 'k'), 'agents[0].privateKey', /field named "privateKey"/],
    ['credential field', (h) => (h.onCall[0].credentials = ['admin/admin']), 'onCall[0].credentials', /field named "credentials"/],
    ['AWS access key id', (h) => (h.accessToRevoke[0].account = 'AKIAIOSFODNN7EXAMPLE'), 'accessToRevoke[0].account', /AWS access key id/],
    ['bearer token', (h) => (h.playbooks[0].note = 'Call the API with Authorization: Bearer eyJhbGciOiJIUzI1NiJ9abcdef'), 'playbooks[0].note', /bearer token/],
    ['password in an address', (h) => (h.playbooks[1].location = 'https://soc:Winter2026@wiki.example/playbooks'), 'playbooks[1].location', /password in an address/],
    ['GitHub token', (h) => (h.detectionContent[0].note = 'export with ghp_16C7e42F292c6912E7710c838347Ae178B4a'), 'detectionContent[0].note', /access token/],
    ['high-entropy string', (h) => (h.logSources[1].location = 'k3Jd9sLq2Bv8XnRtY4zWp0Mf7Hc1GaEo6UiQ5e'), 'logSources[1].location', /long random string/],
    ['hex key', (h) => (h.accessToRevoke[1].system = 'key 5f4dcc3b5aa765d61d8327deb882cf99a1b2c3d4'), 'accessToRevoke[1].system', /long random string/],
  ];

  for (const [kind, change, place, message] of KINDS) {
    it(`refuses a ${kind}, naming its path and not its value`, () => {
      const file = variant(`secret-${kind.replace(/\W+/g, '-')}.json`, change);
      const problems = problemsOf(file).filter((p) => /secret/.test(p.message));
      expect(problems).toHaveLength(1);
      expect(problems[0].place).toBe(place);
      expect(problems[0].message).toMatch(message);
      expect(problems[0].line).toBeGreaterThan(1);
      for (const secret of ['Sommer2026', 'AKIAIOSFODNN7EXAMPLE', 'k3Jd9sLq', 'Winter2026', 'MIIEpA']) expect(problems[0].message).not.toContain(secret);
    });
  }

  it('leaves names, paths, identifiers, hashes and empty secret-like fields alone', () => {
    expect(findSecrets(exampleJson())).toEqual([]);
    const h = exampleJson();
    h.contacts[0].password = '';
    expect(findSecrets(h)).toEqual([]);
    for (const s of ['ChainOfCustodyRegister2024', 'svc-soc-collector-prod-01', 'arn:aws:iam::123456789012:role/SocReadOnlyAuditRole2024', 'C:\\ProgramData\\Vendor\\Agent\\config.xml', '3f2504e0-4f89-11d3-9a0c-0305e82c3301', 'https://intranet.lodz-logistyka.example/security/playbooks/ransomware-v3', 'INC-2025-000123']) {
      expect(looksRandom(s), s).toBe(false);
    }
    // Free-text fields are not tested for entropy; sha256 holds a hash by design.
    h.criticalAssets[0].note = 'Ticket ref k3Jd9sLq2Bv8XnRtY4zWp0Mf7Hc1GaEo6UiQ5e';
    expect(findSecrets(h)).toEqual([]);
  });
});

describe('migration', () => {
  /** The example as the 0.9 draft wrote it. */
  function draft09(): Record<string, any> {
    const h = exampleJson();
    const { organization, accessToRevoke, ...rest } = h;
    const old: Record<string, any> = { ...rest, formatVersion: '0.9', organisation: organization, accounts: accessToRevoke };
    old.logSources = h.logSources.map(({ retentionMonths, ...s }: Record<string, any>) => (retentionMonths === undefined ? s : { ...s, retentionDays: retentionMonths * 30 - 5 }));
    return old;
  }

  it('lifts a 0.9 file to 1.0 with the renamed fields', () => {
    const input = draft09();
    const copy = structuredClone(input);
    const m = migrateHandover(input);
    expect(m.problem).toBeUndefined();
    expect(m.from).toBe('0.9');
    expect(m.applied).toEqual(['0.9 -> 1.0']);
    expect(m.doc).toEqual(exampleJson());
    expect(input).toEqual(copy); // the input is not changed
  });

  it('reads a 0.9 file as valid and says it migrated it', () => {
    const file = join(work, 'draft-0.9.json');
    writeFileSync(file, JSON.stringify(draft09(), null, 2));
    const loaded = loadHandover(file);
    expect(loaded.migratedFrom).toBe('0.9');
    expect(loaded.handover).toEqual(exampleJson());
    const r = cli('handover', 'validate', file);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/migrated from format 0\.9/);
  });

  it('applies the steps in order and refuses unknown or newer versions', () => {
    const steps = [
      { from: '0.8', to: '0.9', changes: 'a', migrate: (d: Record<string, unknown>) => ({ ...d, formatVersion: '0.9', seen: ['0.8'] }) },
      ...MIGRATIONS.map((s) => ({ ...s, migrate: (d: Record<string, unknown>) => ({ ...s.migrate(d), seen: [...((d.seen as string[]) ?? []), '0.9'] }) })),
    ];
    const m = migrateHandover({ formatVersion: '0.8' }, steps);
    expect(m.applied).toEqual(['0.8 -> 0.9', '0.9 -> 1.0']);
    expect((m.doc as { seen: string[] }).seen).toEqual(['0.8', '0.9']);
    expect(migrateHandover({ formatVersion: '2.0' }).problem).toMatch(/newer than this irready reads/);
    expect(migrateHandover({ formatVersion: '0.5' }).problem).toMatch(/not known \(this irready reads 0\.9, 1\.0\)/);
    const problems = problemsOf(variant('v2.json', (h) => (h.formatVersion = '2.0')));
    expect(problems).toEqual([expect.objectContaining({ place: 'formatVersion', message: expect.stringContaining('update irready') })]);
  });
});

describe('handover init', () => {
  let h: Handover;
  beforeAll(() => {
    const assessor = createAssessor();
    const result = assessor.assess(assessor.load(ANSWERS), { generatedAt: '2026-01-15T09:00:00.000Z' });
    h = handoverFromResult(result, assessor.plan);
  });

  it('fills the organisation from the assessment', () => {
    expect(h.formatVersion).toBe('1.0');
    expect(h.organization).toMatchObject({ name: 'Łódź Logistyka sp. z o.o.', sector: 'transport', employees: 900, sites: 7, regulations: ['NIS2 (EU)', 'GDPR (EU personal data)'] });
    expect(h.organization.status).toBeUndefined();
    expect(h.transition).toMatchObject({ status: 'todo', preparedAt: '2026-01-15T09:00:00.000Z' });
    expect(h.contacts[0]).toMatchObject({ name: 'Małgorzata Wójcik', role: 'Head of IT security', party: 'customer', status: 'todo' });
  });

  it('takes the RACI from the plan, with the unclear activity todo', () => {
    expect(h.raci.parties).toEqual([{ name: 'Customer', kind: 'customer' }, { name: 'Provider', kind: 'provider' }]);
    expect(h.raci.activities.length).toBeGreaterThan(5);
    const contain = h.raci.activities.find((a) => a.id === 'contain')!;
    expect(contain.assignments).toEqual([{ party: 'Customer', role: 'A, R' }, { party: 'Provider', role: 'R' }]);
    expect(contain.status).toBeUndefined();
    const todo = h.raci.activities.filter((a) => a.status === 'todo');
    expect(todo).toHaveLength(1);
    expect(todo[0].note).toMatch(/unclear or disputed/);
    expect(todo[0].assignments!.some((a) => a.party === 'Customer')).toBe(false);
  });

  it('turns the log source matrix into log sources with retention', () => {
    expect(h.logSources.map((s) => s.name)).toEqual(['Identity and authentication', 'Endpoints', 'Servers and operating systems', 'Network, firewall, DNS and proxy', 'Cloud and SaaS', 'Business applications and databases']);
    expect(h.logSources[0]).toMatchObject({ location: expect.stringContaining('reachable by the responder'), retentionMonths: 12, status: 'todo' });
    expect(h.logSources[5]).toMatchObject({ location: 'Logged locally only' });
    expect(h.logSources[5].retentionMonths).toBeUndefined();
  });

  it('marks what it cannot know as todo, and lists gaps as known issues', () => {
    expect(h.criticalAssets.length).toBeGreaterThan(0);
    expect(h.criticalAssets.every((a) => a.status === 'todo')).toBe(true);
    expect(h.criticalAssets[0].note).toMatch(/critical assets/);
    expect(h.slas.map((s) => [s.severity, s.status])).toEqual([['critical', 'todo'], ['high', 'todo'], ['medium', 'todo'], ['low', 'todo']]);
    for (const key of ['escalationPaths', 'onCall', 'detectionContent', 'playbooks', 'agents', 'openCases', 'evidence', 'accessToRevoke'] as const) {
      expect(h[key].length, key).toBeGreaterThan(0);
      expect(h[key].every((i) => i.status === 'todo'), key).toBe(true);
    }
    expect(h.detectionContent[0].note).toMatch(/does not own the detection content/);
    const gaps = h.knownIssues.filter((i) => i.kind === 'gap');
    expect(gaps.length).toBeGreaterThan(5);
    expect(gaps.some((g) => /exit plan/.test(g.title!))).toBe(true);
    expect(h.knownIssues.at(-1)).toMatchObject({ kind: 'provider-shortfall', status: 'todo' });
  });

  it('writes a valid file', () => {
    const text = serializeHandover(h);
    expect(checkHandover(JSON.parse(text), 'init.json', () => text).problems).toEqual([]);
    const c = completeness(h);
    expect(c.overall.share).toBeGreaterThan(0);
    expect(c.overall.share).toBeLessThan(1);
  });

  it('names blockers as known issues', () => {
    const assessor = createAssessor();
    const result = assessor.assess(assessor.load(join(ROOT, 'examples', 'no-logging-no-plan.json')), { generatedAt: '2026-01-15T09:00:00.000Z' });
    const poor = handoverFromResult(result, assessor.plan);
    expect(result.decision.blockers.length).toBeGreaterThan(0);
    expect(poor.knownIssues[0]).toMatchObject({ title: result.decision.blockers[0].title, kind: 'gap', source: expect.stringContaining(result.decision.blockers[0].id) });
    const text = serializeHandover(poor);
    expect(checkHandover(JSON.parse(text), 'poor.json', () => text).problems).toEqual([]);
  });
});

describe('handover render', () => {
  let h: Handover;
  beforeAll(() => {
    h = loadHandover(EXAMPLE).handover;
  });

  it('markdown shows the completeness and the missing items before the sections', () => {
    const md = renderHandoverMarkdown(h);
    const c = completeness(h);
    expect(md).toContain(`**${percent(c.overall.share)}** of the items are known: ${c.overall.done} of ${c.overall.items}; ${c.overall.todo} still to do.`);
    expect(md).toMatch(/\| Contacts \| 5 \| 1 \| 80% \|/);
    const missing = md.indexOf('## Missing items (6)');
    expect(missing).toBeGreaterThan(md.indexOf('## Completeness'));
    expect(missing).toBeLessThan(md.search(/^## Contacts \(/m));
    expect(md).toContain('- [ ] **Legal counsel for evidence and chain of custody** (`contacts[4]`)');
    // Within a section the todo item comes first.
    const contacts = md.slice(md.search(/^## Contacts \(/m), md.search(/^## Critical assets \(/m));
    expect(contacts.length).toBeGreaterThan(100);
    expect(contacts.indexOf('**TODO**')).toBeLessThan(contacts.indexOf('Małgorzata Wójcik'));
    // All three parties are named, with a sign-off.
    for (const party of ['| Customer | Łódź Logistyka sp. z o.o. |', '| Outgoing provider | Wisła Managed Security sp. z o.o. |', '| Incoming provider | Baltic SOC Services AB |']) expect(md).toContain(party);
    expect(md).toContain('## Sign-off');
  });

  it('html is self-contained, escaped and shows the missing items first', () => {
    const nasty = structuredClone(h);
    nasty.contacts[4].note = '<script>alert(1)</script> & <img src=x onerror=alert(2)>';
    nasty.knownIssues[0].title = 'Alerts | "e-mailed" *only*';
    const html = renderHandoverHtml(nasty);
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src&#x3D;x onerror&#x3D;alert(2)&gt;');
    expect(html).not.toMatch(/<link|src=|href="http|@import|url\(/);
    expect(html.indexOf('id="missing"')).toBeLessThan(html.indexOf('id="contacts"'));
    expect(html.indexOf('id="completeness"')).toBeLessThan(html.indexOf('id="missing"'));
    expect(html).toContain('<span class="score">87%</span>');
    const md = renderHandoverMarkdown(nasty);
    expect(md).not.toContain('<script>');
    expect(md).toContain('Alerts \\| "e-mailed" \\*only\\*');
  });

  it('renders an empty section and a file without todo items', () => {
    const done = structuredClone(h) as Handover;
    for (const key of HANDOVER_KEYS) {
      const v = (done as any)[key];
      if (Array.isArray(v)) (done as any)[key] = v.filter((i: { status?: string }) => i.status !== 'todo');
    }
    done.raci.activities = done.raci.activities.filter((a) => a.status !== 'todo');
    done.openCases = [];
    const md = renderHandoverMarkdown(done);
    expect(md).toContain('**100%** of the items are known');
    expect(md).toContain('## Missing items (0)\n\nNone: every item is known.');
    expect(md).toMatch(/## Open incidents and cases \(–\)\n\n.*\n\nNothing listed\./);
    expect(renderHandoverHtml(done)).toContain('None: every item is known.');
  });

  it('the view counts per section', () => {
    const v = buildHandoverView(h);
    expect(v.completeness.sections.find((s) => s.id === 'slas')).toMatchObject({ items: 5, todo: 1, percent: '80%' });
    expect(v.body.map((s) => s.id)).toEqual(['contacts', 'criticalAssets', 'logSources', 'escalationPaths', 'onCall', 'raci', 'slas', 'detectionContent', 'playbooks', 'agents', 'openCases', 'evidence', 'accessToRevoke', 'knownIssues']);
  });

  it('pdf is deterministic', async () => {
    await expectDeterministicPdf(() => renderHandoverPdf(h));
    expect(renderHandoverMarkdown(h)).toBe(renderHandoverMarkdown(h));
  });

  it.skipIf(!hasPdftotext)('pdf shows the completeness and the missing items on page 1', async () => {
    const text = pdfText(await renderHandoverPdf(h), ['-f', '1', '-l', '1', '-layout']);
    expect(text).toContain('87% of the items are known');
    expect(text).toContain('Missing items (6)');
    expect(text).toContain('Wisła Managed Security');
  });

  it('rejects an unknown format', () => {
    expect(() => parseHandoverFormats('md,docx')).toThrow(/unknown format "docx"/);
    expect(parseHandoverFormats('pdf, md,pdf')).toEqual(['pdf', 'md']);
  });
});

describe('handover CLI', () => {
  it('validate prints one ok line and exits 0', () => {
    const r = cli('handover', 'validate', EXAMPLE);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toMatch(/^ok: .*handover-example\.json \(handover for Łódź Logistyka sp\. z o\.o\., format 1\.0; 48 items, 87% complete, 6 to do\)\n$/);
  });

  it('validate prints one line per problem with path, line and column, and exits 2', () => {
    const file = variant('cli-bad.json', (h) => {
      delete h.contacts[1].role;
      h.organization.sites = 'seven';
      h.slas[0].environment = 'prod';
      h.accessToRevoke[0].account = 'AKIAIOSFODNN7EXAMPLE';
    });
    const r = cli('handover', 'validate', file);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(4);
    for (const line of lines) expect(line).toMatch(/^error: .*cli-bad\.json:\d+:\d+: [\w.[\]]+: .+$/);
    expect(lines[0]).toContain('organization.sites: must be integer');
    expect(lines.some((l) => l.includes('accessToRevoke[0].account: looks like a secret (an AWS access key id)'))).toBe(true);
  });

  it('validate reports a file that is not JSON, and a missing file, with exit 2', () => {
    const file = join(work, 'broken.json');
    writeFileSync(file, '{ "formatVersion": "1.0", ');
    expect(cli('handover', 'validate', file).code).toBe(2);
    const missing = cli('handover', 'validate', join(work, 'nope.json'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/file not found/);
  });

  it('init writes handover.json from an answers file, validate and render accept it', () => {
    const dir = join(work, 'cli-init');
    mkdirSync(dir, { recursive: true });
    const out = join(dir, 'h.json');
    const r = cli('handover', 'init', ANSWERS, '-o', out, '--date', '2026-01-15');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^wrote .*h\.json \(\d+ items, \d+% complete, \d+ to do\)\n$/);
    const h = JSON.parse(readFileSync(out, 'utf8'));
    expect(h.organization.name).toBe('Łódź Logistyka sp. z o.o.');
    expect(h.transition.preparedAt).toBe('2026-01-15T00:00:00.000Z');
    // It does not replace a file without --force.
    const again = cli('handover', 'init', ANSWERS, '-o', out);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists/);
    expect(cli('handover', 'init', ANSWERS, '-o', out, '--force', '--date', '2026-01-15').code).toBe(0);
    expect(cli('handover', 'validate', out).code).toBe(0);
    const rendered = cli('handover', 'render', out, '--format', 'md,html', '--out-dir', join(dir, 'out'));
    expect(rendered.code).toBe(0);
    expect(rendered.stdout.trim().split('\n')).toHaveLength(2);
    expect(readFileSync(join(dir, 'out', 'lodz-logistyka-sp-z-o-o-handover.md'), 'utf8')).toContain('## Missing items');
  });

  it('init writes into a workspace by default', () => {
    const ws = join(work, 'ws');
    expect(cli('init', ws, '--org', 'Example Hospital').code).toBe(0);
    expect(cli('invite', ws, '--respondent', 'Ann Lee', '--role', 'CISO').code).toBe(0);
    // Ann's answers: those of the midsize example.
    const answersFile = join(ws, 'respondents', 'ann-lee.json');
    const answers = JSON.parse(readFileSync(answersFile, 'utf8'));
    answers.data = JSON.parse(readFileSync(ANSWERS, 'utf8')).data;
    writeFileSync(answersFile, JSON.stringify(answers, null, 2));
    const r = cli('handover', 'init', ws, '--date', '2026-01-15');
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(join(ws, 'handover.json'), 'utf8')).organization.name).toBe('Example Hospital');
    expect(JSON.parse(readFileSync(join(ws, 'handover.json'), 'utf8')).contacts[0]).toMatchObject({ name: 'Ann Lee', role: 'CISO' });
  }, 60_000);

  it('render refuses an invalid file with exit 2 and an unknown format', () => {
    const bad = variant('cli-render-bad.json', (h) => (h.slas[0].environment = 'prod'));
    const r = cli('handover', 'render', bad, '--out-dir', join(work, 'none'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/slas\[0\]\.environment: must be one of/);
    expect(existsSync(join(work, 'none'))).toBe(false);
    expect(cli('handover', 'render', EXAMPLE, '--format', 'docx').code).toBe(2);
  });
});
