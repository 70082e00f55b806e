import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAssessor } from '../src/assessment.js';
import { resultFromFile } from '../src/index.js';
import { buildPortfolio, distribution, percentileOf, quantile, quarterOf } from '../src/portfolio/portfolio.js';
import { renderPortfolio } from '../src/portfolio/render.js';
import { slugify } from '../src/report/write.js';
import type { AssessmentResult } from '../src/result/result.js';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'irready.js');
// The seeded generator reads the built questionnaire plan from dist/ (`npm test` builds first).
const { generate } = (await import(join(ROOT, 'test', 'bench', 'generate.mjs'))) as {
  generate: (o: { count: number; seed: number; dir?: string }) => Promise<{ dir: string; files: string[] }>;
};

const assessor = createAssessor();
const { dir, files } = await generate({ count: 7, seed: 42, dir: mkdtempSync(join(tmpdir(), 'irready-portfolio-')) });
const results: AssessmentResult[] = files.map((f) => resultFromFile(f, { assessor, generatedAt: '2026-01-01T00:00:00.000Z' }));

describe('portfolio numbers', () => {
  it('quartiles interpolate between ordered scores', () => {
    expect(quantile([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(distribution([3, null, 1, 2, 4, 0])).toEqual({ n: 5, min: 0, q1: 1, median: 2, q3: 3, max: 4 });
    expect(distribution([null]).n).toBe(0);
    expect(quarterOf(percentileOf(0, [0, 1, 2, 3, 4]))).toBe('lowest');
    expect(quarterOf(percentileOf(4, [0, 1, 2, 3, 4]))).toBe('highest');
    expect(percentileOf(2, [0, 1, 2, 3, 4])).toBe(0.5);
  });

  it('gives each domain and stage the spread of the generated engagements\' scores', () => {
    const p = buildPortfolio(results, slugify);
    expect(p.organisations).toBe(7);
    const lc = p.cells.find((c) => c.domain === 'LC' && c.stage === 'operation')!;
    const scores = results.map((r) => r.domains.find((d) => d.id === 'LC')!.stages.operation.score).filter((s): s is number => s !== null).sort((a, b) => a - b);
    expect(lc.distribution.n).toBe(scores.length);
    expect(lc.distribution.min).toBe(scores[0]);
    expect(lc.distribution.max).toBe(scores.at(-1));
    // Seven scores: the median is the fourth, the quartiles the 2.5th and 5.5th.
    if (scores.length === 7) {
      expect(lc.distribution.median).toBe(scores[3]);
      expect(lc.distribution.q1).toBeCloseTo((scores[1] + scores[2]) / 2, 2);
      expect(lc.distribution.q3).toBeCloseTo((scores[4] + scores[5]) / 2, 2);
    }
    const overall = results.map((r) => r.overall.score!).sort((a, b) => a - b);
    expect(p.overall).toMatchObject({ n: 7, min: overall[0], median: overall[3], max: overall[6] });
    // The organisation with the lowest overall score is in the lowest quarter, the highest in the highest.
    const lowest = p.positions.find((o) => o.overall.score === overall[0])!;
    expect(lowest.overall.quarter).toBe('lowest');
    expect(lowest.overall.sentence).toBe('Overall readiness in the lowest quarter of organisations assessed');
    expect(p.positions.find((o) => o.overall.score === overall[6])!.overall.quarter).toBe('highest');
  });
});

describe('portfolio documents', () => {
  const names = results.map((r) => r.organization.name);

  it('names no organisation in the overview and only its own on each page', () => {
    const { files: docs, portfolio } = renderPortfolio(results, ['md', 'html'], { generatedAt: '2026-01-01T00:00:00.000Z' });
    expect(docs).toHaveLength(2 * (1 + results.length));
    for (const doc of docs) {
      const own = portfolio.positions.find((o) => doc.name.startsWith(`${o.slug}-position.`));
      for (const name of names) {
        if (own && name === own.name) expect(doc.content).toContain(name);
        else expect(doc.content, `${doc.name} names ${name}`).not.toContain(name);
      }
      if (doc.name.endsWith('.html')) {
        expect(doc.content).toMatch(/^<!DOCTYPE html>/);
        expect(doc.content).not.toMatch(/<(script|link|img)\b/); // self-contained
      }
    }
  });

  it('escapes names in HTML and Markdown', () => {
    const evil = { ...results[0], organization: { name: 'Evil <script>alert(1)</script> & Co' } };
    const { files: docs } = renderPortfolio([evil, ...results.slice(1)], ['md', 'html'], { generatedAt: '2026-01-01T00:00:00.000Z' });
    for (const doc of docs) expect(doc.content).not.toContain('<script>');
    expect(docs.find((d) => d.name.startsWith('evil-script') && d.name.endsWith('.html'))!.content).toContain('Evil &lt;script&gt;');
  });

  it('the command writes the overview and one page per organisation', () => {
    const out = join(dir, 'out');
    const r = spawnSync(process.execPath, [BIN, 'portfolio', ...files.slice(0, 3), '--out-dir', out, '--format', 'md'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(out)).toHaveLength(4);
    const overview = readFileSync(join(out, 'portfolio.md'), 'utf8');
    expect(overview).toMatch(/\| \*\*Logging coverage\*\* \| All stages \| 3 \|/);
    const bad = spawnSync(process.execPath, [BIN, 'portfolio', files[0], '--format', 'pdf', '--out-dir', out], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
  }, 30_000);
});
