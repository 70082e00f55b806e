import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { checkAnswers } from '../src/answers/answers.js';
import { createAssessor } from '../src/assessment.js';
import { importSheet } from '../src/cli/commands/import.js';
import { template } from '../src/cli/commands/template.js';
import { numberValue } from '../src/collect/sheet/convert.js';
import type { ScoringPlan } from '../src/questionnaire/plan.js';
import { InputError, type Problem } from '../src/util/errors.js';
import { createWorkspace, findRespondent, openWorkspace, readAnswers, respondentFile, type Workspace } from '../src/workspace/workspace.js';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'irready.js');
const FIXTURES = join(import.meta.dirname, 'fixtures', 'import');
const DATE = '2026-01-01T00:00:00.000Z';
const ORG = 'Müller & Söhne GmbH';

let plan: ScoringPlan;
let dir: string;
let ws: Workspace;

beforeAll(() => {
  plan = createAssessor().plan;
});

beforeEach(() => {
  dir = join(mkdtempSync(join(tmpdir(), 'irready-import-')), 'engagement');
  ws = createWorkspace(dir, { name: ORG }, plan, DATE);
  vi.spyOn(console, 'log').mockImplementation(() => {});
});

afterEach(() => {
  vi.restoreAllMocks();
});

const person = { respondent: 'Jürgen Weiß', role: 'CISO' };

/** Imports a sheet and returns the problems of the InputError it throws. */
async function importProblems(file: string): Promise<Problem[]> {
  try {
    await importSheet(dir, file, person);
  } catch (err) {
    if (err instanceof InputError) return err.problems;
    throw err;
  }
  throw new Error('expected an InputError, but the import succeeded');
}

/** The problems as "line place: message", for compact expectations. */
const lines = (problems: Problem[]) => problems.map((p) => `${p.line} ${p.place ?? ''}: ${p.message}`);

/** The state of the workspace on disk, to show that a failed import changed nothing. */
function snapshot() {
  const engagement = readFileSync(join(dir, 'engagement.json'), 'utf8');
  const entry = findRespondent(openWorkspace(dir), person.respondent);
  const answers = entry && existsSync(respondentFile(ws, entry.id)) ? readFileSync(respondentFile(ws, entry.id), 'utf8') : undefined;
  return { engagement, answers };
}

/** Fills answer and comment cells of the template, as a spreadsheet would, and saves it as CSV. */
function fillCsv(templateFile: string, fill: Record<string, { answer?: string; comment?: string }>, out: string): string {
  const rows = parse(readFileSync(templateFile, 'utf8'), { bom: true }) as string[][];
  const header = rows[0];
  const [nameCol, answerCol, commentCol] = ['name', 'answer', 'comment'].map((c) => header.indexOf(c));
  for (const row of rows.slice(1)) {
    const f = fill[row[nameCol]];
    if (f?.answer !== undefined) row[answerCol] = f.answer;
    if (f?.comment !== undefined) row[commentCol] = f.comment;
  }
  writeFileSync(out, stringify(rows, { bom: true, record_delimiter: 'windows' }));
  return out;
}

describe('irready template', () => {
  it('writes a CSV sheet: BOM, CRLF, every field quoted, one line per question and matrix row', async () => {
    await template(dir, { format: 'csv' });
    const file = join(dir, 'answer-sheet.csv');
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    const physical = text.split('\r\n');
    expect(physical.at(-1)).toBe('');
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    expect(physical[0]).toBe('"name","section","question","answer","comment","allowed answers"');
    for (const line of physical.slice(0, -1)) expect(line, line).toMatch(/^".*"$/);
    const rows = parse(text) as string[][];
    const names = rows.slice(1).map((r) => r[0]);
    const expected = plan.questions.flatMap((q) => (q.kind === 'matrix' ? q.rows.map((r) => `${q.name}.${r.value}`) : [q.name]));
    expect(names).toEqual(expected);
    const byName = new Map(rows.slice(1).map((r) => [r[0], r]));
    expect(byName.get('org_need_24x7')![5]).toBe('yes | no');
    expect(byName.get('org_employees')![5]).toBe('a number, 1 or more');
    expect(byName.get('org_sector')![5]).toMatch(/^finance = Finance and insurance \| health = /);
    expect(byName.get('org_regulations')![5]).toMatch(/^one or more, separated by ";": nis2 = NIS2 \(EU\) \|.*"none" on its own$/);
    expect(byName.get('lc_source_matrix.identity')![5]).toMatch(/^one of: none = Not logged \| local = /);
    for (const r of rows.slice(1)) expect(r.slice(3, 5)).toEqual(['', '']);
    // Refuses to overwrite a sheet that may hold answers.
    await expect(template(dir, { format: 'csv' })).rejects.toThrow(/already exists/);
  });

  it('writes a YAML sheet that parses to question names with empty values', async () => {
    const { parse: parseYaml } = await import('yaml');
    await template(dir, { format: 'yaml' });
    const text = readFileSync(join(dir, 'answer-sheet.yaml'), 'utf8');
    expect(text).toContain(`# Organisation: ${ORG}`);
    expect(text).toContain('# Which regulations apply to your incident handling?');
    expect(text).toContain('#     nis2 = NIS2 (EU)');
    const data = parseYaml(text) as Record<string, unknown>;
    expect(data.org_sector).toBeNull();
    expect(data['fr_forensic_readiness_plan-Comment']).toBeNull();
    expect(data.lc_source_matrix).toEqual({ identity: null, endpoint: null, servers: null, network: null, cloud: null, applications: null });
    // The blank sheet imports as "no answers", and nothing is written.
    const problems = await importProblems(join(dir, 'answer-sheet.yaml'));
    expect(problems[0].message).toMatch(/holds no answers/);
    expect(snapshot().answers).toBeUndefined();
  });
});

describe('irready import', () => {
  it('round-trips the CSV template: values, texts, yes, decimal comma, lists, matrix rows and comments', async () => {
    await template(dir, { format: 'csv' });
    const filled = fillCsv(
      join(dir, 'answer-sheet.csv'),
      {
        org_sector: { answer: 'finance' },
        fr_forensic_readiness_plan: { answer: 'formal and approved by management', comment: 'Signed off by Frau Köhler in March' },
        org_provider_language: { answer: 'YES, EVERYONE INVOLVED' },
        org_need_24x7: { answer: 'yes' },
        lc_time_sync: { answer: 'No', comment: "'=not yet: NTP only on servers" },
        org_security_fte: { answer: '2,5' },
        org_regulations: { answer: 'nis2; gdpr' },
        org_languages: { answer: 'de, en' },
        'lc_source_matrix.identity': { answer: 'central' },
        'lc_source_matrix.endpoint': { answer: 'Logged locally only' },
        org_employees: { answer: '' },
      },
      join(dir, 'filled.csv'),
    );
    await importSheet(dir, filled, person);

    const reopened = openWorkspace(dir);
    const entry = findRespondent(reopened, person.respondent)!;
    expect(entry).toMatchObject({ name: 'Jürgen Weiß', role: 'CISO', source: 'import', status: 'in-progress' });
    expect(entry.tokenHash).toBeUndefined();
    const answers = readAnswers(reopened, entry);
    expect(answers.data).toEqual({
      org_sector: 'finance',
      fr_forensic_readiness_plan: '3',
      'fr_forensic_readiness_plan-Comment': 'Signed off by Frau Köhler in March',
      org_provider_language: 'yes',
      org_need_24x7: true,
      lc_time_sync: false,
      'lc_time_sync-Comment': '=not yet: NTP only on servers',
      org_security_fte: 2.5,
      org_regulations: ['nis2', 'gdpr'],
      org_languages: ['de', 'en'],
      lc_source_matrix: { identity: 'central', endpoint: 'local' },
    });
    expect(answers.organization.name).toBe(ORG);
    expect(checkAnswers(answers, plan, 'x.json')).toEqual([]);
    expect(console.log).toHaveBeenCalledWith(expect.stringMatching(/^Imported 9 answers and 2 comments for Jürgen Weiß \(CISO\)/));
  });

  it('imports a YAML sheet: values, texts, lists, nested and dotted matrix rows, comments', async () => {
    await importSheet(dir, join(FIXTURES, 'filled.yaml'), { ...person, complete: true });
    const entry = findRespondent(openWorkspace(dir), person.respondent)!;
    expect(entry.status).toBe('complete');
    const answers = readAnswers(ws, entry);
    expect(answers.data).toEqual({
      org_employees: 1200,
      org_security_fte: 2.5,
      org_sector: 'finance',
      org_need_24x7: true,
      org_regulations: ['nis2', 'dora'],
      org_tailored_systems: ['none'],
      fr_forensic_readiness_plan: '2',
      'fr_forensic_readiness_plan-Comment': 'Draft exists: awaiting sign-off by the board',
      lc_time_sync: true,
      lc_source_matrix: { identity: 'central', endpoint: 'local' },
      rc_raci_matrix: { declare: 'documented' },
    });
    expect(checkAnswers(answers, plan, 'x.json')).toEqual([]);
  });

  it('reads a semicolon-separated sheet as Excel writes it in German locales', async () => {
    await importSheet(dir, join(FIXTURES, 'semicolon-excel.csv'), person);
    const answers = readAnswers(ws, findRespondent(openWorkspace(dir), person.respondent)!);
    expect(answers.data).toEqual({
      org_sector: 'finance',
      org_security_fte: 1.5,
      org_regulations: ['nis2', 'gdpr'],
      rc_raci_matrix: { declare: 'named' },
      'rc_raci_matrix-Comment': 'Sabine Müller decides',
    });
  });

  it('reports every bad CSV line with its line number and writes nothing', async () => {
    const before = snapshot();
    const problems = await importProblems(join(FIXTURES, 'bad-rows.csv'));
    expect(problems.every((p) => p.file.endsWith('bad-rows.csv'))).toBe(true);
    expect(lines(problems)).toEqual([
      '2 nope_question: unknown question "nope_question"',
      expect.stringMatching(/^3 org_sector: "banking" is not one of the allowed answers \("finance", /),
      '4 org_employees: "many" is not a number',
      '5 org_it_staff: -1 is below the minimum 0',
      '6 org_regulations: "none" cannot be combined with other choices',
      expect.stringMatching(/^7 lc_source_matrix\.mainframe: unknown row "mainframe" \(rows: "identity", /),
      expect.stringMatching(/^9 org_sites: "1,000" could be read two ways/),
      '10 fr_evidence_retention_months: this question takes no comment; leave its "comment" cell empty',
    ]);
    expect(snapshot()).toEqual(before);
    expect(before.answers).toBeUndefined();
  });

  it('leaves an earlier import unchanged when a later sheet is bad', async () => {
    await importSheet(dir, join(FIXTURES, 'filled.yaml'), person);
    const before = snapshot();
    expect(before.answers).toContain('"org_employees": 1200');
    for (const fixture of ['bad-rows.csv', 'bad.yaml', 'unclosed-quote.csv']) {
      await importProblems(join(FIXTURES, fixture));
      expect(snapshot(), fixture).toEqual(before);
    }
  });

  it('reports bad YAML answers at their line and column', async () => {
    const problems = await importProblems(join(FIXTURES, 'bad.yaml'));
    expect(problems.map((p) => `${p.line}:${p.column} ${p.place}`)).toEqual([
      '1:16 org_employees',
      '2:13 org_sector',
      '5:14 lc_source_matrix.mainframe',
      '6:36 fr_forensic_readiness_plan-Coment',
      '7:16 org_need_24x7',
    ]);
    expect(problems[0].message).toBe('0 is below the minimum 1');
    expect(problems[3].message).toBe('unknown question "fr_forensic_readiness_plan-Coment"; did you mean "fr_forensic_readiness_plan-Comment"?');
    expect(problems[4].message).toBe('"maybe" is not true or false');
    expect(snapshot().answers).toBeUndefined();
  });

  it('names a sheet without its header line', async () => {
    expect(lines(await importProblems(join(FIXTURES, 'no-header.csv')))).toEqual([
      expect.stringMatching(/^1 : the first line must be the sheet's header \(name, section, question, answer, comment, allowed answers\); it has no "name" and "answer" columns/),
    ]);
    expect(snapshot().answers).toBeUndefined();
  });

  it('names an empty file', async () => {
    const blank = join(dir, 'blank.csv');
    writeFileSync(blank, '\uFEFF\r\n  \r\n');
    for (const file of [join(FIXTURES, 'empty.csv'), blank]) {
      expect(lines(await importProblems(file))).toEqual([expect.stringMatching(/^1 : is empty; expected the answer sheet/)]);
    }
    const headerOnly = join(dir, 'header-only.csv');
    writeFileSync(headerOnly, '"name","section","question","allowed answers","answer","comment"\r\n');
    expect((await importProblems(headerOnly))[0].message).toMatch(/holds no answers/);
    expect(snapshot().answers).toBeUndefined();
  });

  it('names garbled CSV: an unclosed quote, and text that is not UTF-8', async () => {
    expect(lines(await importProblems(join(FIXTURES, 'unclosed-quote.csv')))).toEqual([
      '3 : a quoted cell that starts on this line is never closed (a stray " mark?)',
    ]);
    const latin1 = join(dir, 'latin1.csv');
    writeFileSync(latin1, Buffer.concat([Buffer.from('name,answer,comment\r\norg_sector,finance,\r\norg_need_24x7,yes,Gro'), Buffer.from([0xdf]), Buffer.from('e Firma\r\n')]));
    const [problem] = await importProblems(latin1);
    expect(problem).toMatchObject({ line: 3, column: 22 });
    expect(problem.message).toMatch(/^is not valid UTF-8 text \(in a spreadsheet, save it as "CSV UTF-8"/);
    expect(snapshot().answers).toBeUndefined();
  });

  it('counts spreadsheet rows apart from lines after a cell that spans lines', async () => {
    const file = join(dir, 'multiline.csv');
    writeFileSync(file, 'name,answer,comment\r\nlc_time_sync,yes,"first line\r\nsecond line"\r\n\r\norg_sector,banking,\r\n');
    const [problem] = await importProblems(file);
    expect(problem).toMatchObject({ line: 5, place: 'org_sector' });
    expect(problem.message).toMatch(/\(row 4 in a spreadsheet\)$/);
  });

  it('reads numbers as people write them', () => {
    expect(['12', '-3', '2.5', '2,5', '0,125', '1 000', '1,000,000', '1.234,5', '1,234.5', '.5'].map(numberValue)).toEqual([12, -3, 2.5, 2.5, 0.125, 1000, 1000000, 1234.5, 1234.5, 0.5]);
    expect(['1,000', '2.500'].map(numberValue)).toEqual(['ambiguous', 'ambiguous']);
    expect(['many', '1,2,3', '1.2.3', ''].map(numberValue)).toEqual([undefined, undefined, undefined, undefined]);
  });
});

describe('irready template and import on the command line', () => {
  function irready(args: string[]) {
    const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', IRREADY_DEBUG: '' } });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  beforeAll(() => {
    expect(existsSync(join(ROOT, 'dist', 'cli', 'main.js')), 'run npm run build first').toBe(true);
  });

  it('imports a good sheet (exit 0) and rejects a bad one (exit 2, one line per problem)', () => {
    const made = irready(['template', dir, '--format', 'csv', '-o', join(dir, 'sheet.csv')]);
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    const filled = fillCsv(join(dir, 'sheet.csv'), { org_sector: { answer: 'Finance and insurance' }, lc_time_sync: { answer: 'yes' } }, join(dir, 'filled.csv'));
    const good = irready(['import', dir, filled, '--respondent', 'Anna Berg', '--role', 'Head of IT']);
    expect(good.stderr).toBe('');
    expect(good.code).toBe(0);
    expect(good.stdout).toMatch(/^Imported 2 answers for Anna Berg \(Head of IT\)/);

    const bad = join(dir, 'bad.csv');
    copyFileSync(join(FIXTURES, 'bad-rows.csv'), bad);
    const before = readFileSync(join(dir, 'engagement.json'), 'utf8');
    const r = irready(['import', dir, bad, '--respondent', 'Carl Olsen', '--role', 'CIO']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const errorLines = r.stderr.trim().split('\n');
    expect(errorLines).toHaveLength(8);
    expect(errorLines[0]).toBe(`error: ${bad}:2:1: nope_question: unknown question "nope_question"`);
    for (const line of errorLines) expect(line).toMatch(new RegExp(`^error: ${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:1: \\S+: `));
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(join(dir, 'engagement.json'), 'utf8')).toBe(before);
    expect(existsSync(join(dir, 'respondents', 'carl-olsen.json'))).toBe(false);
  });
});
