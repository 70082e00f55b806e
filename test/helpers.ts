import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { compileQuestionnaire } from '../src/questionnaire/compile.js';
import { checkRules } from '../src/decision/load-rules.js';
import type { ScoringPlan } from '../src/questionnaire/plan.js';
import type { RuleSet } from '../src/decision/rules.js';
import { InputError } from '../src/util/errors.js';

export const SCALE = [
  { value: '0', score: 0 },
  { value: '1', score: 1 },
  { value: '2', score: 2 },
  { value: '3', score: 3 },
  { value: '4', score: 4 },
  { value: 'na' },
  { value: 'dk', score: 0 },
];

/** A practice question on the 0-4 scale. */
export function practice(name: string, domain: string, stages: string[], extra: Record<string, unknown> = {}) {
  return { type: 'radiogroup', name, domain, stages, references: ['SIM3'], choices: SCALE, ...extra };
}

/** A small questionnaire: one profile page and one page of the given scored elements. */
export function miniQuestionnaire(elements: unknown[], profile: unknown[] = []) {
  return {
    questionnaireId: 'mini',
    questionnaireVersion: '1.0.0',
    title: 'Mini',
    pages: [
      ...(profile.length ? [{ name: 'profile', elements: profile }] : []),
      { name: 'scored', elements },
    ],
  };
}

export function miniPlan(elements: unknown[], profile: unknown[] = []): ScoringPlan {
  return compileQuestionnaire(miniQuestionnaire(elements, profile), 'mini.json');
}

export function miniRules(plan: ScoringPlan, rules: unknown[]): RuleSet {
  return checkRules({ questionnaire: plan.id, version: '1.0.0', rules }, plan, 'mini.rules.json');
}

/** The problems an InputError carries, as "place: message" lines; fails when nothing is thrown. */
export function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof InputError) return err.problems.map((p) => `${p.place ?? ''}: ${p.message}`);
    throw err;
  }
  throw new Error('expected an InputError, but nothing was thrown');
}

/** Every file under a folder and its text, to show that a refused request or command wrote nothing. */
export function snapshotFiles(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (sub: string) => {
    for (const entry of readdirSync(join(dir, sub), { withFileTypes: true })) {
      const rel = join(sub, entry.name);
      if (entry.isDirectory()) walk(rel);
      else files[rel] = readFileSync(join(dir, rel), 'utf8');
    }
  };
  walk('.');
  return files;
}

/** Writes a copy of an answers file with changes applied to it, and returns its path. */
export function answersVariant(source: string, dir: string, name: string, change: (a: Record<string, any>) => void): string {
  const answers = JSON.parse(readFileSync(source, 'utf8'));
  change(answers);
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(answers, null, 2));
  return file;
}

/** Whether PDF text can be read here. On CI, .ci/run installs poppler-utils: a missing pdftotext there fails, it does not skip. */
export const hasPdftotext = spawnSync('pdftotext', ['-v']).status === 0 || !!process.env.CI;

let pdfFolder: string | undefined;

/** A PDF's text as pdftotext reads it; `args` (a page range, -layout) go before the file. Reading order by default. */
export function pdfText(pdf: Uint8Array, args: string[] = []): string {
  pdfFolder ??= mkdtempSync(join(tmpdir(), 'irready-pdf-text-'));
  const file = join(pdfFolder, `${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', [...args, file, '-'], { encoding: 'utf8' });
}

/** Renders a PDF twice: both times a PDF, and the same bytes. */
export async function expectDeterministicPdf(render: () => Promise<Uint8Array>): Promise<void> {
  const a = await render();
  const b = await render();
  expect(Buffer.from(a.subarray(0, 5)).toString()).toBe('%PDF-');
  expect(Buffer.compare(Buffer.from(a), Buffer.from(b))).toBe(0);
}
