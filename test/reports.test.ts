import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAssessor } from '../src/assessment.js';
import { loadBrand, readLogo } from '../src/report/brand.js';
import { renderReport } from '../src/report/render.js';
import { applyTargets, loadTargets } from '../src/result/targets.js';
import { checkResult } from '../src/result/load-result.js';
import type { AssessmentResult } from '../src/result/result.js';
import { hasPdftotext, pdfText, problemsOf } from './helpers.js';

const ROOT = join(import.meta.dirname, '..');
const assessor = createAssessor();
const DATE = '2026-01-01T00:00:00.000Z';
const work = mkdtempSync(join(tmpdir(), 'irready-reports-'));

function assessExample(name: string, change?: (a: Record<string, any>) => void): AssessmentResult {
  const answers = JSON.parse(readFileSync(join(ROOT, 'examples', name), 'utf8'));
  change?.(answers);
  const file = join(work, `${name}-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(answers));
  return assessor.assess(assessor.load(file), { generatedAt: DATE });
}

const HOSTILE = '<script>alert("x")</script> & <img src=x onerror=alert(1)> {{title}} | *bold* [link](http://evil.example)';
const LONG_WORD = 'A'.repeat(300);

describe('PDF', () => {
  it.skipIf(!hasPdftotext)('holds the cover, the decision, every domain and every action', async () => {
    const result = assessExample('demo-aeroskobing.json');
    const text = pdfText((await renderReport(result, 'pdf')) as Uint8Array).replace(/\s+/g, ' ');
    expect(text).toContain('Ærøskøbing Kommune');
    expect(text).toContain('TLP:AMBER');
    expect(text).toContain('Incident response outsourcing readiness');
    expect(text).toContain(`Recommendation: ${result.decision.modelTitle}`);
    for (const d of result.domains) expect(text, d.title).toContain(d.title);
    // Action titles wrap across lines in tables; compare without spaces.
    const squashed = text.replace(/[\s\u200b]+/g, '');
    for (const a of result.actions) expect(squashed, a.id).toContain(a.title.replace(/\s+/g, ''));
    expect(text).toMatch(/Page 3 of \d+/);
  });

  it.skipIf(!hasPdftotext)('shows names in any Latin script correctly (embedded font)', async () => {
    for (const name of ['Łódź Logistyka', 'Müller & Söhne', 'Ñuñoa Salud', 'Ærøskøbing Kommune']) {
      const result = assessExample('midsize-8x5-team.json', (a) => (a.organization.name = name));
      expect(pdfText((await renderReport(result, 'pdf')) as Uint8Array)).toContain(name);
    }
  });

  it('is byte-identical for the same result (the date comes from the result)', async () => {
    const result = assessExample('midsize-8x5-team.json');
    const a = (await renderReport(result, 'pdf')) as Uint8Array;
    const b = (await renderReport(result, 'pdf')) as Uint8Array;
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it.skipIf(!hasPdftotext)('survives hostile and very long text typed by respondents', async () => {
    const result = assessExample('midsize-8x5-team.json', (a) => {
      a.organization.name = `Müller ${HOSTILE}`;
      a.data['lc_central_collection-Comment'] = `${LONG_WORD}\nline two\n\n${HOSTILE}`;
      a.data['fr_legal_review-Comment'] = Array.from({ length: 60 }, (_, i) => `line ${i}`).join('\n');
    });
    const text = pdfText((await renderReport(result, 'pdf')) as Uint8Array);
    expect(text).toContain('<script>alert("x")</script>');
    expect(text.replace(/[\s\u200b]/g, '')).toContain(LONG_WORD);
  });
});

describe('HTML', () => {
  it('is one self-contained file: no request to anything outside it', async () => {
    const brand = loadBrand(writeBrand({ name: 'Nordlys Rådgivning', logo: 'logo.svg', accent: '#7a2e8e' }));
    const html = (await renderReport(assessExample('demo-aeroskobing.json'), 'html', { brand })) as string;
    expect(html).not.toMatch(/<(script|link|iframe|object|embed)\b/i);
    expect(html).not.toMatch(/\b(src|href|action|poster)\s*=\s*["'](?!#|data:)/i);
    expect(html).not.toMatch(/\b(src|href|action|poster)\s*=\s*[^"'\s]/i);
    expect(html).not.toMatch(/url\(\s*["']?(?!data:|#)/i);
    expect(html).not.toMatch(/@import/i);
    expect(html).toContain('data:image/svg+xml;base64,');
    expect(html).toContain('--accent: #7a2e8e');
    expect(html).toContain('@media print');
    expect(html).toContain('<svg');
  });

  it('escapes everything respondents typed', async () => {
    const result = assessExample('midsize-8x5-team.json', (a) => {
      a.organization.name = HOSTILE;
      a.respondent.name = HOSTILE;
      a.data['lc_central_collection-Comment'] = HOSTILE;
    });
    const html = (await renderReport(result, 'html')) as string;
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  });

  it('shows targets and the gap to them', async () => {
    const targetsFile = join(work, 'targets.yaml');
    writeFileSync(targetsFile, 'targets:\n  FR: 3\n  LC: { level: 3, operation: 4 }\n');
    const result = applyTargets(assessExample('demo-aeroskobing.json'), loadTargets(targetsFile));
    expect(() => checkResult(JSON.parse(JSON.stringify(result)), 'r.json')).not.toThrow();
    const fr = result.domains.find((d) => d.id === 'FR')!;
    expect(fr).toMatchObject({ target: 3, gap: 2 });
    expect(result.domains.find((d) => d.id === 'LC')!.stages.operation).toMatchObject({ target: 4 });
    const html = (await renderReport(result, 'html')) as string;
    expect(html).toContain('target level');
    expect(html).toContain('(2 short)');
  });
});

describe('Markdown', () => {
  it('escapes markup typed by respondents', async () => {
    const result = assessExample('midsize-8x5-team.json', (a) => (a.data['lc_central_collection-Comment'] = `${HOSTILE}\nsecond line`));
    const md = (await renderReport(result, 'md')) as string;
    expect(md).toContain('&lt;script&gt;');
    expect(md).not.toContain('<script>');
    expect(md).toContain('\\| \\*bold\\* \\[link\\]');
    expect(md).toContain('<br>second line');
  });
});

describe('action plan CSV', () => {
  it('has a BOM, a header, one quoted row per action and defuses formulas', async () => {
    const result = assessExample('small-firm-no-security-staff.json', (a) => (a.organization.name = '=HYPERLINK("http://x") Müller'));
    const csv = (await renderReport(result, 'csv')) as string;
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('"#","id","priority","horizon_days","action","domain","stages","owner","questions","references","why","organisation"');
    expect(lines).toHaveLength(result.actions.length + 1);
    expect(lines[1]).toContain(`"${result.actions[0].id}"`);
    expect(csv).toContain(`"'=HYPERLINK(""http://x"") Müller"`);
  });
});

describe('brand and targets files', () => {
  it('rejects a bad brand file with every problem named', () => {
    const found = problemsOf(() => loadBrand(writeBrand({ accent: 'red', logo: 'missing.png', colour: 1 }))).join('\n');
    expect(found).toContain('colour: unknown field "colour"');
    expect(found).toContain('accent: "red" is not a colour');
    expect(found).toContain('logo: logo file not found');
  });

  it('recognises logos by content and refuses scripted SVG', () => {
    const evil = join(work, 'evil.svg');
    writeFileSync(evil, '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>');
    expect(problemsOf(() => readLogo(evil))[0]).toContain('must not contain scripts');
    const text = join(work, 'logo.txt');
    writeFileSync(text, 'hello');
    expect(problemsOf(() => readLogo(text))[0]).toContain('must be a PNG, JPEG or SVG');
  });

  it('rejects bad targets', () => {
    const file = join(work, 'bad-targets.json');
    writeFileSync(file, JSON.stringify({ XX: 3, FR: 7, LC: { during: 2 } }));
    const found = problemsOf(() => loadTargets(file)).join('\n');
    expect(found).toContain('targets.XX: unknown domain "XX"');
    expect(found).toContain('targets.FR: 7 is not a level');
    expect(found).toContain('targets.LC.during: unknown key "during"');
  });
});

function writeBrand(brand: Record<string, unknown>): string {
  writeFileSync(join(work, 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="120" height="40" fill="#7a2e8e"/></svg>');
  const file = join(work, `brand-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(brand));
  return file;
}
