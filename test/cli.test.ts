import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { answersVariant } from './helpers.js';

/** These tests spawn the built command (npm test builds first), as a user runs it. */
const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'irready.js');
const EXAMPLE = join(ROOT, 'examples', 'midsize-8x5-team.json');
let work: string;

function irready(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: work,
    encoding: 'utf8',
    env: { ...process.env, IRREADY_CACHE_DIR: join(work, '.cache'), IRREADY_NO_CACHE: '', NO_COLOR: '1', ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Writes an answers file: the example with changes applied to it. */
const answersWith = (change: (a: Record<string, any>) => void, name = 'answers.json') => answersVariant(EXAMPLE, work, name, change);

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'irready-cli-'));
  expect(existsSync(join(ROOT, 'dist', 'cli', 'main.js')), 'run npm run build first').toBe(true);
});

describe('irready command', () => {
  it('prints its version and help', () => {
    const version = irready(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
    const help = irready(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['validate', 'score', 'report', 'demo']) expect(help.stdout).toContain(command);
    for (const command of ['validate', 'score', 'report', 'demo']) {
      const sub = irready([command, '--help']);
      expect(sub.code, command).toBe(0);
      expect(sub.stdout).toContain(`Usage: irready ${command}`);
    }
  });

  it('validates good files', () => {
    const r = irready(['validate', EXAMPLE, join(ROOT, 'questionnaires', 'ir-outsourcing-readiness.json'), join(ROOT, 'questionnaires', 'ir-outsourcing-readiness.rules.json')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(3);
  });

  it('scores answers to JSON on stdout or to a file, stamped with SOURCE_DATE_EPOCH', () => {
    const r = irready(['score', EXAMPLE], { SOURCE_DATE_EPOCH: '1767225600' });
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.decision.model).toBe('partial');
    expect(result.generatedAt).toBe('2026-01-01T00:00:00.000Z');
    const out = join(work, 'out', 'result.json');
    expect(irready(['score', EXAMPLE, '-o', out, '--date', '2026-02-03']).code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).generatedAt).toBe('2026-02-03T00:00:00.000Z');
  });

  it('writes reports from answers and from a result, and the runs agree', () => {
    const dir = join(work, 'reports-a');
    const r = irready(['report', EXAMPLE, '--format', 'json,md', '--out-dir', dir, '--date', '2026-01-01']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n').sort()).toEqual([join(dir, 'lodz-logistyka-sp-z-o-o.json'), join(dir, 'lodz-logistyka-sp-z-o-o.md')]);
    const md = readFileSync(join(dir, 'lodz-logistyka-sp-z-o-o.md'), 'utf8');
    expect(md).toContain('# Incident response outsourcing readiness: Łódź Logistyka sp. z o.o.');
    const dirB = join(work, 'reports-b');
    expect(irready(['report', join(dir, 'lodz-logistyka-sp-z-o-o.json'), '--format', 'md', '--out-dir', dirB]).code).toBe(0);
    expect(readFileSync(join(dirB, 'lodz-logistyka-sp-z-o-o.md'), 'utf8')).toBe(md);
  });

  it('runs the demo', () => {
    const dir = join(work, 'demo');
    const r = irready(['demo', '--out-dir', dir]);
    expect(r.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['aeroskobing-kommune.html', 'aeroskobing-kommune.json', 'aeroskobing-kommune.md', 'aeroskobing-kommune.pdf']);
    expect(readFileSync(join(dir, 'aeroskobing-kommune.md'), 'utf8')).toContain('Ærøskøbing Kommune');
  });

  it('gives the same answer from the plan cache as without it', () => {
    const first = irready(['score', EXAMPLE, '--date', '2026-01-01']);
    const cached = irready(['score', EXAMPLE, '--date', '2026-01-01']);
    const uncached = irready(['score', EXAMPLE, '--date', '2026-01-01'], { IRREADY_NO_CACHE: '1' });
    expect(cached.stdout).toBe(first.stdout);
    expect(uncached.stdout).toBe(first.stdout);
    expect(readdirSync(join(work, '.cache')).length).toBeGreaterThan(0);
  });
});

describe('bad input: exit code 2, one line per problem naming file and place, no stack trace', () => {
  const bad = (args: string[]) => {
    const r = irready(args);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    return r.stderr.trim();
  };

  it('a missing file', () => {
    expect(bad(['score', 'nope.json'])).toBe('error: nope.json: file not found');
  });

  it('truncated JSON, with line and column', () => {
    const file = join(work, 'truncated.json');
    writeFileSync(file, '{\n  "questionnaire": {"id": "ir-outsourcing-readiness",\n  "data": {');
    expect(bad(['score', file])).toMatch(/^error: .*truncated\.json:3:\d+: is not valid JSON/);
  });

  it('a missing value, on one line with its place (not a copy of the text)', () => {
    const file = join(work, 'missing-value.json');
    writeFileSync(file, '{\n  "questionnaire": "ir-outsourcing-readiness",\n  "data": \n}\n');
    expect(bad(['score', file])).toMatch(/^error: .*missing-value\.json:4:1: is not valid JSON: a value is expected here$/);
  });

  it('an empty file', () => {
    const file = join(work, 'empty.json');
    writeFileSync(file, '');
    expect(bad(['score', file])).toMatch(/empty\.json:1:1: is empty, expected JSON/);
  });

  it('an unknown question, with its line', () => {
    const file = answersWith((a) => (a.data.lc_retention_monthz = 12));
    const err = bad(['score', file]);
    expect(err).toMatch(/answers\.json:\d+:\d+: data\.lc_retention_monthz: unknown question "lc_retention_monthz"; did you mean "lc_retention_months"\?/);
    const line = Number(/answers\.json:(\d+)/.exec(err)![1]);
    expect(readFileSync(file, 'utf8').split('\n')[line - 1]).toContain('lc_retention_monthz');
  });

  it('a value that is not an allowed choice, and a wrong type', () => {
    const file = answersWith((a) => {
      a.data.rc_roles_documented = '5';
      a.data.lc_retention_months = 'twelve';
    });
    const lines = bad(['score', file]).split('\n');
    expect(lines).toHaveLength(2);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringContaining('data.rc_roles_documented: "5" is not one of the allowed answers'),
        expect.stringContaining('data.lc_retention_months: "twelve" is not a number'),
      ]),
    );
  });

  it('answers for another questionnaire or version', () => {
    expect(bad(['score', answersWith((a) => (a.questionnaire.id = 'other'))])).toContain('questionnaire.id: answers are for questionnaire "other"');
    expect(bad(['score', answersWith((a) => (a.questionnaire.version = '2.0.0'))])).toContain('questionnaire.version: answers are for version 2.0.0');
  });

  it('a broken questionnaire given with --questionnaire', () => {
    const q = JSON.parse(readFileSync(join(ROOT, 'questionnaires', 'ir-outsourcing-readiness.json'), 'utf8'));
    q.pages[1].elements[0].domain = 'XX';
    const qFile = join(work, 'q.json');
    writeFileSync(qFile, JSON.stringify(q, null, 2));
    const err = bad(['score', EXAMPLE, '--questionnaire', qFile, '--rules', join(ROOT, 'questionnaires', 'ir-outsourcing-readiness.rules.json')]);
    expect(err).toMatch(/q\.json:\d+:\d+: pages\[1\]\.elements\[0\]\.domain \(fr_forensic_readiness_plan\): unknown domain "XX"/);
  });

  it('an unknown format, option or command', () => {
    expect(bad(['report', EXAMPLE, '--format', 'pdfx'])).toContain('unknown format "pdfx"');
    expect(bad(['score', EXAMPLE, '--colour'])).toContain("unknown option '--colour'");
    expect(bad(['frobnicate'])).toContain("unknown command 'frobnicate'");
    expect(bad(['score', EXAMPLE, '--date', 'yesterday'])).toContain('"yesterday" is not a date');
  });

  it('validate reports every problem in every file and counts them', () => {
    const file = answersWith((a) => (a.data.rc_roles_documented = '5'), 'bad-answers.json');
    const r = irready(['validate', EXAMPLE, file]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('ok: ');
    expect(r.stderr).toContain('1 problem in 1 of 2 files');
  });

  it('never overwrites an output file when the input is bad', () => {
    const out = join(work, 'keep.json');
    writeFileSync(out, 'precious');
    bad(['score', answersWith((a) => (a.data.zz = 1)), '-o', out]);
    expect(readFileSync(out, 'utf8')).toBe('precious');
    expect(readdirSync(work).filter((f) => f.startsWith('.irready-tmp-'))).toEqual([]);
  });

  it('rejects a result file that does not match the schema', () => {
    const file = join(work, 'bad-result.json');
    const result = JSON.parse(irready(['score', EXAMPLE]).stdout);
    result.decision.model = 'everything';
    writeFileSync(file, JSON.stringify(result, null, 2));
    expect(bad(['report', file, '--out-dir', join(work, 'never')])).toContain('decision.model: must be one of "in-house", "partial", "full"');
    expect(existsSync(join(work, 'never'))).toBe(false);
  });
});
