import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkAnswers } from '../src/answers/answers.js';
import { createAssessor } from '../src/assessment.js';
import { runInterview } from '../src/collect/terminal/interview.js';
import { LinePrompter } from '../src/collect/terminal/line-prompter.js';
import { makeStyle, PromptClosed } from '../src/collect/terminal/prompter.js';
import { createWorkspace, openWorkspace } from '../src/workspace/workspace.js';
import { miniPlan } from './helpers.js';

/** The command tests spawn the built CLI (npm test builds first) and type into its standard input. */
const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'irready.js');
let work: string;
let questionnaireFile: string;

const SCALE = [
  { value: '0', text: 'Absent', score: 0 },
  { value: '1', text: 'Informal', score: 1 },
  { value: '2', text: 'Written', score: 2 },
  { value: '3', text: 'Approved', score: 3 },
  { value: '4', text: 'Reviewed', score: 4 },
  { value: 'na', text: 'Not applicable' },
  { value: 'dk', text: "Don't know", score: 0 },
];
// Typed numbers of the scale's items: 1 = "0" ... 5 = "4", 6 = na, 7 = dk.

const QUESTIONNAIRE = {
  questionnaireId: 'ask-mini',
  questionnaireVersion: '1.0.0',
  title: 'Ask mini',
  pages: [
    {
      name: 'profile',
      title: 'Profile',
      elements: [{ type: 'text', name: 'employees', title: 'How many people work here?', inputType: 'number', min: 1, max: 100000 }],
    },
    {
      name: 'practice',
      title: 'Practice',
      elements: [
        {
          type: 'radiogroup',
          name: 'plan',
          title: 'Is there a forensic readiness plan?',
          description: 'A plan tells the provider where the evidence is.',
          domain: 'FR',
          stages: ['operation'],
          references: ['SIM3'],
          choices: SCALE,
          showCommentArea: true,
        },
        { type: 'boolean', name: 'time_sync', title: 'Do all clocks follow one time source?', domain: 'LC', stages: ['operation'], references: ['NIST-800-92'] },
        {
          type: 'checkbox',
          name: 'evidence',
          title: 'Which evidence can you collect?',
          domain: 'FR',
          stages: ['operation'],
          references: ['ISO-27037'],
          choices: [
            { value: 'memory', text: 'Memory', score: 2 },
            { value: 'disk', text: 'Disk images', score: 1 },
            { value: 'logs', text: 'Log exports', score: 1 },
          ],
          showNoneItem: true,
        },
        {
          type: 'radiogroup',
          name: 'ir_team',
          title: 'Is there a dedicated incident response team?',
          visibleIf: '{employees} > 100',
          domain: 'ST',
          stages: ['operation'],
          references: ['SIM3'],
          choices: SCALE,
          showCommentArea: true,
        },
      ],
    },
  ],
};

function workspace(name: string): string {
  const dir = join(work, name);
  const { plan } = createAssessor({ questionnaire: questionnaireFile });
  createWorkspace(dir, { name: 'Test Org' }, plan, '2026-01-01T00:00:00.000Z');
  return dir;
}

function ask(dir: string, lines: string[], extra: string[] = [], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, 'ask', dir, '--respondent', 'Xena Lind', '--role', 'CISO', '--questionnaire', questionnaireFile, ...extra], {
    cwd: work,
    input: lines.map((l) => `${l}\n`).join(''),
    encoding: 'utf8',
    env: { ...process.env, IRREADY_CACHE_DIR: join(work, '.cache'), IRREADY_NO_CACHE: '', NO_COLOR: '1', ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function saved(dir: string) {
  const file = join(dir, 'respondents', 'xena-lind.json');
  const answers = JSON.parse(readFileSync(file, 'utf8'));
  const { plan } = createAssessor({ questionnaire: questionnaireFile });
  return { answers, problems: checkAnswers(answers, plan, file), entry: openWorkspace(dir).engagement.respondents.find((r) => r.id === 'xena-lind') };
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'irready-ask-'));
  expect(existsSync(join(ROOT, 'dist', 'cli', 'main.js')), 'run npm run build first').toBe(true);
  questionnaireFile = join(work, 'ask-mini.json');
  writeFileSync(questionnaireFile, JSON.stringify(QUESTIONNAIRE, null, 2));
  writeFileSync(
    join(work, 'ask-mini.rules.json'),
    JSON.stringify({
      questionnaire: 'ask-mini',
      version: '1.0.0',
      rules: [{ id: 'M-DEFAULT', kind: 'model', model: 'partial', priority: 0, title: 'Default', rationale: 'r', references: ['SIM3'] }],
    }),
  );
});

describe('irready ask (line by line on a pipe)', () => {
  it('answers everything: re-asks a bad number, shows help, goes back to change an answer, hides the conditional question', () => {
    const dir = workspace('full');
    const r = ask(dir, [
      'lots', // not a number
      '0', // below the minimum
      '500', // ir_team becomes visible: 5 questions
      '?', // help on the plan question
      '<', // back to the number
      '50', // ir_team disappears: 4 questions
      '4', // plan = "3"
      'Plan v2, approved in March',
      '1', // time_sync = Yes
      '1,4', // memory with "none": refused
      '3 1', // logs and memory
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('"lots" is not a number');
    expect(r.stdout).toContain('0 is below the minimum 1');
    expect(r.stdout).toContain('Question 2 of 5 · Practice');
    expect(r.stdout).toContain('A plan tells the provider where the evidence is.');
    expect(r.stdout).toContain('SIM3: SIM3, Security Incident Management Maturity Model');
    expect(r.stdout).toContain('Enter keeps "500"');
    expect(r.stdout).toContain('Question 2 of 4 · Practice');
    expect(r.stdout).toContain('"None of these" cannot be combined with other choices');
    expect(r.stdout).not.toContain('dedicated incident response team');
    expect(r.stdout).toContain('Done: 4 of 4 questions answered');
    const { answers, problems, entry } = saved(dir);
    expect(problems).toEqual([]);
    expect(answers.data).toEqual({ employees: 50, plan: '3', 'plan-Comment': 'Plan v2, approved in March', time_sync: true, evidence: ['memory', 'logs'] });
    expect(answers.respondent).toEqual({ name: 'Xena Lind', role: 'CISO' });
    expect(entry).toMatchObject({ status: 'complete', source: 'terminal' });
  });

  it('quits midway, then resumes at the first unanswered question and finishes', () => {
    const dir = workspace('resume');
    const first = ask(dir, ['500', '6', 'We have no forensic needs', 'q']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Why does this not apply');
    expect(first.stdout).toMatch(/Saved: 2 of 5 questions answered\. To go on later: irready ask \S+ --respondent 'Xena Lind' --questionnaire \S+/);
    let state = saved(dir);
    expect(state.problems).toEqual([]);
    expect(state.answers.data).toEqual({ employees: 500, plan: 'na', 'plan-Comment': 'We have no forensic needs' });
    expect(state.entry?.status).toBe('in-progress');

    const second = ask(dir, ['2', '4', '7', '']);
    expect(second.stderr).toBe('');
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Resuming: 2 of 5 questions answered so far.');
    expect(second.stdout).not.toContain('How many people work here?');
    expect(second.stdout.indexOf('Question 3 of 5')).toBeGreaterThan(0);
    expect(second.stdout).not.toContain('Question 2 of 5');
    expect(second.stdout).toContain('Is there a dedicated incident response team?');
    expect(second.stdout).toContain('Done: 5 of 5 questions answered');
    state = saved(dir);
    expect(state.problems).toEqual([]);
    expect(state.answers.data).toEqual({ employees: 500, plan: 'na', 'plan-Comment': 'We have no forensic needs', time_sync: false, evidence: ['none'], ir_team: 'dk' });
    expect(state.entry?.status).toBe('complete');
  });

  it('stops cleanly at the end of input, keeping what was answered', () => {
    const dir = workspace('eof');
    const r = ask(dir, ['120', '2']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Stopped; saved: 2 of 5 questions answered');
    expect(saved(dir).answers.data).toEqual({ employees: 120, plan: '1' });
  });

  it('asks one section only with --section', () => {
    const dir = workspace('section');
    const r = ask(dir, ['1', '', '1', '2 3'], ['--section', 'practice']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('How many people work here?');
    expect(r.stdout).toContain('Question 1 of 3 · Practice');
    expect(r.stdout).toContain('Other sections still have open questions');
    const { answers, entry } = saved(dir);
    expect(answers.data).toEqual({ plan: '0', time_sync: true, evidence: ['disk', 'logs'] });
    expect(entry?.status).toBe('in-progress');
    const bad = ask(dir, [], ['--section', 'nope']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown section "nope"');
  });

  it('needs a role for a new respondent', () => {
    const dir = workspace('role');
    const r = spawnSync(process.execPath, [BIN, 'ask', dir, '--respondent', 'New Person', '--questionnaire', questionnaireFile], { encoding: 'utf8', input: '' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--role');
  });

  it('writes no escape codes under NO_COLOR, even when colour is forced', () => {
    const lines = ['500', '?', '1', '', 'q'];
    const plain = ask(workspace('nocolor'), lines, [], { NO_COLOR: '1', FORCE_COLOR: '1' });
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('Question 2 of 5');
    expect(plain.stdout).not.toMatch(/\u001b\[/);
    const coloured = ask(workspace('color'), lines, [], { NO_COLOR: '', FORCE_COLOR: '1' });
    expect(coloured.stdout).toMatch(/\u001b\[/);
  });
});

/** A line prompter fed from a stream, with everything it writes collected. */
function linePrompter(lines: string[], end = true) {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk) => (text += chunk));
  input.write(lines.map((l) => `${l}\n`).join(''));
  if (end) input.end();
  const prompter = new LinePrompter({ input, output, echo: true });
  return { prompter, output: () => text };
}

describe('line prompter', () => {
  const choices = [
    { value: 'a', label: 'Alpha' },
    { value: 'b', label: 'Beta' },
    { value: 'help', label: 'Help', key: '?' },
  ];

  it('chooses by number, by key, by label, and keeps the current answer on Enter', async () => {
    const { prompter, output } = linePrompter(['2', '?', 'alpha', '9', 'x', '']);
    expect(await prompter.select({ message: 'Pick', choices })).toBe('b');
    expect(await prompter.select({ message: 'Pick', choices })).toBe('help');
    expect(await prompter.select({ message: 'Pick', choices })).toBe('a');
    expect(await prompter.select({ message: 'Pick', choices, initial: 'b' })).toBe('b');
    expect(output()).toContain('   1) Alpha\n   2) Beta\n');
    expect(output()).toContain('"9" is not one of the numbers 1 to 2 or ?');
    expect(output()).toContain('"x" is not one of the numbers 1 to 2 or ?');
    expect(output()).toContain('(current answer)');
    prompter.close();
  });

  it('ticks several items, takes an action on its own and re-asks what validate refuses', async () => {
    const { prompter, output } = linePrompter(['1,2', '2', '?', '', '']);
    const validate = (vs: readonly string[]) => (vs.length > 1 ? 'one only' : undefined);
    expect(await prompter.multiSelect({ message: 'Tick', choices, validate })).toEqual(['b']);
    expect(await prompter.multiSelect({ message: 'Tick', choices })).toEqual(['help']);
    expect(await prompter.multiSelect({ message: 'Tick', choices, initial: ['a'] })).toEqual(['a']);
    await expect(prompter.multiSelect({ message: 'Tick', choices })).rejects.toBeInstanceOf(PromptClosed);
    expect(output()).toContain('  ! one only');
    expect(output()).toContain('  ! type the numbers of every item that applies');
    expect(output()).toContain('   1) Alpha  (ticked)');
  });

  it('types text, validates it, and ends with PromptClosed at the end of input', async () => {
    const { prompter, output } = linePrompter(['abc', '42', '']);
    const validate = (t: string) => (/^\d+$/.test(t) ? undefined : `"${t}" is not a number`);
    expect(await prompter.input({ message: 'How many?', hint: 'a number', validate })).toBe('42');
    expect(await prompter.input({ message: 'Comment', initial: 'kept' })).toBe('kept');
    await expect(prompter.input({ message: 'More' })).rejects.toBeInstanceOf(PromptClosed);
    expect(output()).toContain('  ! "abc" is not a number');
    expect(output()).toContain('  a number');
  });

  it('waits for lines that come later', async () => {
    const { prompter } = linePrompter([], false);
    const answer = prompter.input({ message: 'Later' });
    (prompter as unknown as { rl: { emit(e: string, l: string): void } }).rl.emit('line', 'now');
    expect(await answer).toBe('now');
    prompter.close();
  });

  it('styles nothing unless asked to', () => {
    expect(makeStyle(false).bold('x')).toBe('x');
    expect(makeStyle(true).bold('x')).toBe('\u001b[1mx\u001b[22m');
  });
});

describe('interview', () => {
  it('asks a matrix row by row (back goes to the row before) and a text question, saving after each answer', async () => {
    const plan = miniPlan(
      [
        {
          type: 'matrix',
          name: 'sources',
          title: 'How far do you get the logs?',
          domain: 'LC',
          stages: ['operation'],
          references: ['SIM3'],
          columns: [
            { value: 'none', text: 'Not logged', score: 0 },
            { value: 'central', text: 'Central', score: 4 },
          ],
          rows: [
            { value: 'identity', text: 'Identity' },
            { value: 'endpoint', text: 'Endpoints' },
          ],
          showCommentArea: true,
        },
      ],
      [{ type: 'text', name: 'notes', title: 'Anything to add?' }],
    );
    const { prompter, output } = linePrompter(['Fine so far', '2', '<', '1', '2', 'SIEM export']);
    const saves: Record<string, unknown>[] = [];
    const data: Record<string, unknown> = {};
    const outcome = await runInterview({ plan, data, prompter, style: makeStyle(false), save: (d, complete) => saves.push({ ...d, complete }) });
    expect(outcome).toMatchObject({ status: 'complete', answered: 2, visible: 2, markedComplete: true });
    expect(data).toEqual({ notes: 'Fine so far', sources: { identity: 'none', endpoint: 'central' }, 'sources-Comment': 'SIEM export' });
    expect(output()).toContain('Endpoints (row 2 of 2)');
    expect(saves.length).toBeGreaterThanOrEqual(5);
    expect(saves.at(-1)).toMatchObject({ complete: true });
    for (const s of saves) {
      const { complete: _c, ...values } = s;
      expect(checkAnswers({ questionnaire: { id: plan.id, version: plan.version }, organization: { name: 'O' }, respondent: { name: 'R', role: 'CISO' }, data: values }, plan, 'x')).toEqual([]);
    }
  });
});
