import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAssessor } from '../src/assessment.js';
import { compareResults, type Comparison } from '../src/compare/compare.js';
import { parseCompareFormats, renderCompareHtml, renderCompareMarkdown, renderComparePdf, writeComparison } from '../src/compare/render.js';
import type { AssessmentResult } from '../src/result/result.js';
import { InputError } from '../src/util/errors.js';
import { answersVariant, expectDeterministicPdf, hasPdftotext, pdfText } from './helpers.js';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'irready.js');
const EXAMPLE = join(ROOT, 'examples', 'midsize-8x5-team.json');

/** The older assessment: logs and roles worse (two blockers), the exit plan and threat intelligence better. */
const OLDER_CHANGES: Record<string, unknown> = {
  lc_central_collection: '1',
  rc_roles_documented: '1',
  cs_exit_plan: '4',
  ti_intel_use: '4',
  ti_false_positive_tuning: '4',
  ti_cross_customer_limits: '3',
};

let work: string;
let olderFile: string;
let older: AssessmentResult;
let newer: AssessmentResult;
let comparison: Comparison;

const answersWith = (change: (a: Record<string, any>) => void, name: string) => answersVariant(EXAMPLE, work, name, change);

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'irready-compare-'));
  olderFile = answersWith((a) => Object.assign(a.data, OLDER_CHANGES), 'older.json');
  const assessor = createAssessor();
  older = assessor.assess(assessor.load(olderFile), { generatedAt: '2025-06-01T09:00:00.000Z' });
  newer = assessor.assess(assessor.load(EXAMPLE), { generatedAt: '2026-01-15T09:00:00.000Z' });
  comparison = compareResults(older, newer, { older: olderFile, newer: EXAMPLE });
});

/** A deep copy (results hold arrays that structuredClone cannot copy). */
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x));
const byId = (c: Comparison, id: string) => c.domains.find((d) => d.id === id)!;

describe('compareResults', () => {
  it('finds the domains that moved up and down, with score deltas', () => {
    expect(byId(comparison, 'LC')).toMatchObject({ change: 'up', older: { level: 1 }, newer: { level: 3 } });
    expect(byId(comparison, 'RC')).toMatchObject({ change: 'up', older: { level: 1 }, newer: { level: 2 } });
    expect(byId(comparison, 'TI').change).toBe('down');
    expect(byId(comparison, 'FR')).toMatchObject({ change: 'same', delta: 0 });
    expect(byId(comparison, 'LC').delta).toBeGreaterThan(0);
    expect(byId(comparison, 'LC').stages['pre-operation'].change).toBe('up');
    expect(comparison.counts).toMatchObject({ up: 2, down: 1, same: 4, new: 0, 'not-assessed': 0 });
    expect(comparison.domains.map((d) => d.id)).toEqual(newer.domains.map((d) => d.id));
    expect(comparison.overall.older.score).toBe(older.overall.score);
    expect(comparison.overall.newer.score).toBe(newer.overall.score);
  });

  it('lists the blockers resolved and the change of readiness', () => {
    expect(comparison.blockers.resolved.map((b) => b.id).sort()).toEqual(['BLOCK-NO-USABLE-LOGS', 'BLOCK-ROLES-UNDEFINED']);
    expect(comparison.blockers.new).toEqual([]);
    expect(comparison.blockers.remaining).toEqual([]);
    expect(comparison.decision).toMatchObject({
      older: { model: 'partial', readiness: 'not-ready', blockers: 2 },
      newer: { model: 'partial', readiness: 'ready', blockers: 0 },
      modelChanged: false,
      readinessChange: 'improved',
    });
  });

  it('matches actions by id: closed, new and still open', () => {
    const closed = comparison.actions.closed.map((a) => a.id);
    expect(closed.sort()).toEqual(['BLOCK-NO-USABLE-LOGS', 'BLOCK-ROLES-UNDEFINED', 'Q-lc_central_collection', 'Q-rc_roles_documented']);
    expect(comparison.actions.new.map((a) => a.id).sort()).toEqual(['ACT-DETECTION-QUALITY', 'Q-cs_exit_plan', 'Q-ti_cross_customer_limits']);
    const olderIds = new Set(older.actions.map((a) => a.id));
    const newerIds = new Set(newer.actions.map((a) => a.id));
    expect(comparison.actions.stillOpen.map((a) => a.id)).toEqual(newer.actions.filter((a) => olderIds.has(a.id)).map((a) => a.id));
    expect(comparison.actions.closed.length + comparison.actions.stillOpen.length).toBe(olderIds.size);
    expect(comparison.actions.new.length + comparison.actions.stillOpen.length).toBe(newerIds.size);
    const exitPlan = comparison.actions.new.find((a) => a.id === 'Q-cs_exit_plan')!;
    expect(exitPlan).toMatchObject({ priority: 'high', domainTitle: 'Contract and SLA readiness' });
    expect(exitPlan.title).toMatch(/exit plan/);
  });

  it('sums it up in a headline', () => {
    expect(comparison.verdict).toBe('improved');
    expect(comparison.headline).toBe(
      'Readiness improved from not ready to ready: 2 domains up, 1 down; 2 blockers resolved; the recommendation is unchanged: partial (co-managed) outsourcing.',
    );
    expect(comparison.older.date).toBe('2025-06-01');
    expect(comparison.newer.date).toBe('2026-01-15');
    expect(comparison.notes).toEqual([]);
  });

  it('reads the other way round as a decline, and the same result twice as no change', () => {
    const back = compareResults(newer, older);
    expect(back.verdict).toBe('declined');
    expect(back.headline).toMatch(/^Readiness declined from ready to not ready: 1 domain up, 2 down; 2 new blockers;/);
    expect(back.notes.join(' ')).toMatch(/dated after/);
    const same = compareResults(newer, newer);
    expect(same.verdict).toBe('unchanged');
    expect(same.headline).toBe('No change in readiness: no domain changed level; no blockers; the recommendation is unchanged: partial (co-managed) outsourcing.');
  });

  it('marks domains newly assessed or no longer assessed, and notes another questionnaire version', () => {
    const without = clone(older);
    without.domains = without.domains.filter((d) => d.id !== 'KT');
    without.questionnaire.version = '0.9.0';
    const c = compareResults(without, newer);
    expect(byId(c, 'KT')).toMatchObject({ change: 'new', delta: null, older: { level: null } });
    expect(c.notes.join(' ')).toMatch(/different versions of the questionnaire \(0\.9\.0 and 1\.0\.0\)/);
    expect(compareResults(newer, without).domains.find((d) => d.id === 'KT')!.change).toBe('not-assessed');
  });

  it('refuses two different organisations or questionnaires, naming both files', () => {
    const other = clone(newer);
    other.organization = { ...other.organization, name: 'Another Company Ltd' };
    expect(() => compareResults(older, other, { older: 'a.json', newer: 'b.json' })).toThrow(InputError);
    try {
      compareResults(older, other, { older: 'a.json', newer: 'b.json' });
    } catch (err) {
      expect((err as InputError).message).toMatch(/^a\.json: .*Łódź Logistyka.*b\.json.*Another Company Ltd/);
    }
    const otherQuestionnaire = clone(newer);
    otherQuestionnaire.questionnaire.id = 'something-else';
    expect(() => compareResults(older, otherQuestionnaire)).toThrow(InputError);
  });
});

describe('comparison reports', () => {
  it('renders Markdown with the organisation, domains, blockers and actions', () => {
    const md = renderCompareMarkdown(comparison);
    expect(md).toContain('Łódź Logistyka sp. z o.o.');
    for (const d of newer.domains) expect(md).toContain(d.title);
    expect(md).toContain(comparison.headline);
    expect(md).toContain('**up (+');
    expect(md).toContain('**down (-');
    expect(md).toContain('Logs are not collected well enough');
    expect(md).toContain('### Closed (4)');
    expect(md).toContain('### New (3)');
  });

  it('renders self-contained, escaped HTML that shows changes in words', () => {
    const html = renderCompareHtml(comparison);
    expect(html).toContain('Łódź Logistyka sp. z o.o.');
    for (const d of newer.domains) expect(html).toContain(d.title);
    expect(html).toMatch(/class="change change-up">up \(\+/);
    expect(html).toMatch(/class="change change-down">down \(-/);
    expect(html).toContain('@media print');
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?\s*(https?:)?\/\//i);
    expect(html).not.toMatch(/<link|<script|@import/i);

    const evil = clone(comparison);
    evil.organization = { name: '<script>alert(1)</script> & Co' };
    const escaped = renderCompareHtml(evil);
    expect(escaped).not.toContain('<script>');
    expect(escaped).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co');
    expect(renderCompareMarkdown(evil)).not.toContain('<script>');
  });

  it('renders a deterministic PDF', async () => {
    await expectDeterministicPdf(() => renderComparePdf(comparison));
  });

  it.skipIf(!hasPdftotext)('puts the headline and the domain titles in the PDF text', async () => {
    const text = pdfText(await renderComparePdf(comparison)).replace(/\s+/g, ' ');
    expect(text).toContain(comparison.headline);
    expect(text).toContain('Łódź Logistyka sp. z o.o.');
    expect(text).toContain('Blockers resolved (2)');
    expect(text).toContain('Actions closed (4)');
    expect(text).toContain('Logging coverage');
  });

  it('writes <slug>-compare files and rejects unknown formats', async () => {
    const dir = join(work, 'lib-out');
    const written = await writeComparison(comparison, parseCompareFormats('md, html'), dir);
    expect(written.map((f) => f.slice(dir.length + 1))).toEqual(['lodz-logistyka-sp-z-o-o-compare.md', 'lodz-logistyka-sp-z-o-o-compare.html']);
    expect(() => parseCompareFormats('md,docx')).toThrow(/unknown format "docx"/);
    expect(() => parseCompareFormats('')).toThrow(InputError);
  });
});

describe('irready compare', () => {
  function irready(args: string[]) {
    const r = spawnSync(process.execPath, [BIN, ...args], {
      cwd: work,
      encoding: 'utf8',
      env: { ...process.env, IRREADY_CACHE_DIR: join(work, '.cache'), IRREADY_NO_CACHE: '', NO_COLOR: '1', SOURCE_DATE_EPOCH: '1767225600' },
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  beforeAll(() => {
    expect(existsSync(join(ROOT, 'dist', 'cli', 'main.js')), 'run npx tsc -p . first').toBe(true);
  });

  it('writes the comparison in every format from answers and result files', () => {
    const resultFile = join(work, 'older-result.json');
    writeFileSync(resultFile, JSON.stringify(older, null, 2));
    const out = join(work, 'cli-out');
    const r = irready(['compare', resultFile, EXAMPLE, '--format', 'md,html,pdf', '--out-dir', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['lodz-logistyka-sp-z-o-o-compare.html', 'lodz-logistyka-sp-z-o-o-compare.md', 'lodz-logistyka-sp-z-o-o-compare.pdf']);
    expect(r.stdout.trim().split('\n')).toHaveLength(3);
    expect(readFileSync(join(out, 'lodz-logistyka-sp-z-o-o-compare.md'), 'utf8')).toContain('2 domains up, 1 down; 2 blockers resolved');

    const defaults = irready(['compare', olderFile, EXAMPLE]);
    expect(defaults.code).toBe(0);
    expect(readdirSync(join(work, 'reports')).sort()).toEqual(['lodz-logistyka-sp-z-o-o-compare.html', 'lodz-logistyka-sp-z-o-o-compare.md']);
  });

  it('exits 2 with one line for a bad format or two organisations', () => {
    const bad = irready(['compare', olderFile, EXAMPLE, '--format', 'md,pdfx', '--out-dir', join(work, 'bad-out')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain('unknown format "pdfx"');
    expect(existsSync(join(work, 'bad-out'))).toBe(false);

    const otherOrg = answersWith((a) => (a.organization.name = 'Another Company Ltd'), 'other.json');
    const mismatch = irready(['compare', olderFile, otherOrg, '--out-dir', join(work, 'bad-out')]);
    expect(mismatch.code).toBe(2);
    expect(mismatch.stderr.trim().split('\n')).toHaveLength(1);
    expect(mismatch.stderr).toContain('older.json');
    expect(mismatch.stderr).toContain('other.json');
    expect(existsSync(join(work, 'bad-out'))).toBe(false);
  });
});
