import { checkValue } from '../../answers/answers.js';
import { DONT_KNOW, NONE_ITEM, NOT_APPLICABLE, referenceTitle } from '../../model/taxonomy.js';
import type { PlanQuestion, ScoringPlan } from '../../questionnaire/plan.js';
import { PromptClosed, type Choice, type Prompter, type Style } from './prompter.js';

/**
 * The terminal interview: walks the questionnaire page by page, asking only the questions that are
 * visible given the answers so far (re-checked after every answer), and saves after every answer.
 * It knows nothing about terminals or files: it talks to a Prompter and hands the data to `save`.
 */

export type Action = 'help' | 'back' | 'skip' | 'quit';

export interface InterviewOptions {
  plan: ScoringPlan;
  /** The respondent's answers so far; changed in place as questions are answered. */
  data: Record<string, unknown>;
  prompter: Prompter;
  style: Style;
  /** Writes the answers (atomically); `complete` marks the respondent done. */
  save(data: Record<string, unknown>, complete: boolean): void;
  /** Only the questions of this section (page name). */
  section?: string;
}

export interface InterviewOutcome {
  /** complete: reached the end; quit: the person chose to stop; closed: input ended or Ctrl-C. */
  status: 'complete' | 'quit' | 'closed';
  reason?: 'eof' | 'interrupt';
  /** Visible questions answered, and visible questions in all, within the interview's scope. */
  answered: number;
  visible: number;
  /** Whether the respondent was marked complete. */
  markedComplete: boolean;
}

type Step<T> = { answer: T } | { action: Action };
type Outcome = 'next' | 'back' | 'quit';

const COMMANDS: Record<string, Action> = { '?': 'help', help: 'help', '<': 'back', back: 'back', s: 'skip', skip: 'skip', q: 'quit', quit: 'quit' };
const KEYS: Record<Action, string> = { help: '?', back: '<', skip: 's', quit: 'q' };
const ACTION_LABELS: Record<Action, string> = {
  help: 'Help (explain this question)',
  back: 'Back (previous question)',
  skip: 'Skip for now',
  quit: 'Save and quit',
};
const NONE_LABEL = 'None of these';
const OTHER_LABEL = 'Other';

/** Whether a question has an answer; a matrix counts once every row has one. */
export function isAnswered(q: PlanQuestion, data: Readonly<Record<string, unknown>>): boolean {
  const value = data[q.name];
  if (value === undefined || value === null || value === '') return false;
  if (q.kind === 'checklist') return Array.isArray(value) && value.length > 0;
  if (q.kind === 'matrix') return typeof value === 'object' && q.rows.every((r) => (value as Record<string, unknown>)[r.value] !== undefined);
  return true;
}

/** The questions an interview covers: all, or those of one section. */
export function questionsInScope(plan: ScoringPlan, section?: string): PlanQuestion[] {
  return section ? plan.questions.filter((q) => q.section === section) : plan.questions;
}

export async function runInterview(options: InterviewOptions): Promise<InterviewOutcome> {
  const { plan, data, prompter, style } = options;
  const scope = questionsInScope(plan, options.section);
  const order = new Map(scope.map((q, i) => [q, i]));
  const visible = () => scope.filter((q) => plan.isVisible(q, data));
  const counts = () => {
    const list = visible();
    return { answered: list.filter((q) => isAnswered(q, data)).length, visible: list.length };
  };
  const save = (complete = false) => options.save(data, complete);

  const first = visible();
  let current: PlanQuestion | undefined = first.find((q) => !isAnswered(q, data));
  if (!current) {
    current = first[0];
    if (current) prompter.say(style.dim('Every question here has an answer already. Going through them again: Enter keeps an answer.'));
  } else if (first.some((q) => isAnswered(q, data))) {
    const c = counts();
    prompter.say(style.dim(`Resuming: ${c.answered} of ${c.visible} questions answered so far.`));
  }

  try {
    while (current) {
      const list = visible();
      const k = list.indexOf(current) + 1;
      prompter.say('');
      prompter.say(style.accent(`Question ${k} of ${list.length} · ${current.sectionTitle}`));
      const outcome = await askQuestion(current, { data, prompter, style, save });
      if (outcome === 'quit') return { status: 'quit', ...counts(), markedComplete: false };
      if (outcome === 'back') {
        const at = list.indexOf(current);
        if (at <= 0) prompter.say(style.warn('  This is the first question.'));
        else current = list[at - 1];
        continue;
      }
      const here: number = order.get(current) ?? -1;
      current = visible().find((q) => (order.get(q) ?? -1) > here);
    }
  } catch (err) {
    if (err instanceof PromptClosed) return { status: 'closed', reason: err.reason, ...counts(), markedComplete: false };
    throw err;
  }

  // The end: mark the respondent complete (for one section, only once nothing anywhere is left open).
  const complete = !options.section || plan.questions.every((q) => !plan.isVisible(q, data) || isAnswered(q, data));
  save(complete);
  return { status: 'complete', ...counts(), markedComplete: complete };
}

interface Context {
  data: Record<string, unknown>;
  prompter: Prompter;
  style: Style;
  save: () => void;
}

const ACTIONS: Action[] = ['help', 'back', 'skip', 'quit'];

function actionChoices<T>(): Choice<Step<T>>[] {
  return ACTIONS.map((action) => ({ value: { action }, label: ACTION_LABELS[action], key: KEYS[action] }));
}

const COMMAND_HINT = ACTIONS.map((a) => `${KEYS[a]} ${a}`).join(' · ');

function showHelp(q: PlanQuestion, ctx: Context): void {
  const { prompter, style } = ctx;
  prompter.say(style.bold('  About this question'));
  prompter.say(`  ${q.description ?? 'There is no further explanation for this question.'}`);
  if (q.choices.some((c) => c.value === NOT_APPLICABLE)) prompter.say(style.dim('  "Not applicable": you will be asked for the reason, which is kept as the comment.'));
  const dontKnow = q.choices.find((c) => c.value === DONT_KNOW);
  if (dontKnow) prompter.say(style.dim(`  "Don't know" scores ${dontKnow.score ?? 0}; where another respondent knows, their answer counts instead.`));
  if (q.references.length) {
    prompter.say(style.bold('  References'));
    for (const ref of q.references) prompter.say(`  - ${ref}: ${referenceTitle(ref)}`);
  }
}

/** Asks one question until it is answered, skipped, or the person goes back or quits. */
async function askQuestion(q: PlanQuestion, ctx: Context): Promise<Outcome> {
  for (;;) {
    const step = await askValue(q, ctx);
    if ('action' in step) {
      if (step.action === 'help') {
        showHelp(q, ctx);
        continue;
      }
      if (step.action === 'skip') return 'next';
      return step.action;
    }
    if (step.answer === undefined) return 'next'; // a matrix that was saved row by row
    const problem = checkValue(q, step.answer);
    if (problem) {
      ctx.prompter.say(ctx.style.warn(`  ! ${problem}`));
      continue;
    }
    ctx.data[q.name] = step.answer;
    ctx.save();
    await askComments(q, step.answer, ctx);
    return 'next';
  }
}

/** Asks for the value with the prompt that fits the kind of question. */
async function askValue(q: PlanQuestion, ctx: Context): Promise<Step<unknown>> {
  const { prompter, data } = ctx;
  const current = data[q.name];
  switch (q.kind) {
    case 'choice': {
      const choices: Choice<Step<unknown>>[] = q.choices.map((c) => ({ value: { answer: c.numeric ? Number(c.value) : c.value }, label: c.text }));
      if (q.allowOther) choices.push({ value: { answer: 'other' }, label: OTHER_LABEL });
      const initial = choices.find((c) => 'answer' in c.value && current !== undefined && String(c.value.answer) === String(current))?.value;
      return prompter.select({ message: q.title, choices: [...choices, ...actionChoices()], initial });
    }
    case 'boolean': {
      const choices: Choice<Step<unknown>>[] = [
        { value: { answer: true }, label: q.labelTrue },
        { value: { answer: false }, label: q.labelFalse },
      ];
      const initial = choices.find((c) => 'answer' in c.value && c.value.answer === current)?.value;
      return prompter.select({ message: q.title, choices: [...choices, ...actionChoices()], initial });
    }
    case 'checklist': {
      const choices: Choice<Step<unknown>>[] = q.choices.map((c) => ({ value: { answer: c.numeric ? Number(c.value) : c.value }, label: c.text }));
      if (q.allowOther) choices.push({ value: { answer: 'other' }, label: OTHER_LABEL });
      if (q.allowNone) choices.push({ value: { answer: NONE_ITEM }, label: NONE_LABEL });
      const ticked = Array.isArray(current) ? current.map(String) : [];
      const initial = choices.filter((c) => 'answer' in c.value && ticked.includes(String(c.value.answer))).map((c) => c.value);
      const values = await prompter.multiSelect({
        message: q.title,
        choices: [...choices, ...actionChoices()],
        initial,
        validate: (steps) => checkValue(q, steps.map((s) => ('answer' in s ? s.answer : undefined)))?.replace(`"${NONE_ITEM}"`, `"${NONE_LABEL}"`),
      });
      const action = values.find((s): s is { action: Action } => 'action' in s);
      if (action) return action;
      // Keep the questionnaire's order whatever order the items were typed in.
      const chosen = new Set(values);
      return { answer: choices.filter((c) => chosen.has(c.value)).map((c) => (c.value as { answer: unknown }).answer) };
    }
    case 'number':
    case 'text': {
      const isNumber = q.kind === 'number';
      const limits = [q.min !== undefined ? `at least ${q.min}` : '', q.max !== undefined ? `at most ${q.max}` : ''].filter(Boolean).join(', ');
      const hint = `${isNumber ? `A number${limits ? ` (${limits})` : ''}` : 'Text; Enter alone skips'}. ${COMMAND_HINT}`;
      const text = await prompter.input({
        message: q.title,
        hint,
        initial: current === undefined || current === null ? undefined : String(current),
        validate: (raw) => {
          if (command(raw)) return undefined;
          if (!isNumber) return undefined;
          if (raw === '') return `type a number, or ${KEYS.skip} to skip`;
          return checkValue(q, parseNumber(raw) ?? raw);
        },
      });
      const action = command(text);
      if (action) return { action };
      if (!isNumber && text === '') return { action: 'skip' };
      return { answer: isNumber ? parseNumber(text) ?? text : text };
    }
    case 'matrix':
      return askMatrix(q, ctx);
  }
}

/** A matrix: one choice per row, saved after each row; back on the first row goes to the previous question. */
async function askMatrix(q: PlanQuestion, ctx: Context): Promise<Step<unknown>> {
  const { prompter, style, data } = ctx;
  let row = 0;
  while (row < q.rows.length) {
    const r = q.rows[row];
    const value = (data[q.name] && typeof data[q.name] === 'object' ? data[q.name] : {}) as Record<string, unknown>;
    const choices: Choice<Step<unknown>>[] = q.choices.map((c) => ({ value: { answer: c.numeric ? Number(c.value) : c.value }, label: c.text }));
    const initial = choices.find((c) => 'answer' in c.value && value[r.value] !== undefined && String(c.value.answer) === String(value[r.value]))?.value;
    if (row === 0) prompter.say(style.bold(q.title));
    const step = await prompter.select({
      message: `${r.text} ${style.dim(`(row ${row + 1} of ${q.rows.length})`)}`,
      choices: [...choices, ...actionChoices()],
      initial,
    });
    if ('action' in step) {
      if (step.action === 'help') showHelp(q, ctx);
      else if (step.action === 'quit') return step;
      else if (step.action === 'back') {
        if (row === 0) return step;
        row--;
      } else row++;
      continue;
    }
    const next = { ...value, [r.value]: step.answer };
    const problem = checkValue(q, next);
    if (problem) {
      prompter.say(style.warn(`  ! ${problem}`));
      continue;
    }
    data[q.name] = next;
    ctx.save();
    row++;
  }
  if (data[q.name] !== undefined) await askComments(q, data[q.name], ctx);
  return { answer: undefined };
}

/** After an answer: the reason for "not applicable", the text of "other", then an optional comment. */
async function askComments(q: PlanQuestion, answer: unknown, ctx: Context): Promise<void> {
  const { prompter, data } = ctx;
  const otherKey = `${q.name}-Comment`;
  const saveText = (key: string, text: string) => {
    const before = data[key];
    if (text === '-' || text === '') delete data[key];
    else data[key] = text;
    if (data[key] !== before) ctx.save();
  };
  const existing = (key: string) => (typeof data[key] === 'string' ? (data[key] as string) : undefined);
  const keepHint = (key: string) => (existing(key) ? 'Enter keeps the text shown; "-" removes it.' : 'Enter to skip.');
  const otherChosen = q.allowOther && (answer === 'other' || (Array.isArray(answer) && answer.includes('other')));

  if (otherChosen) {
    saveText(otherKey, await prompter.input({ message: 'Please describe "Other"', hint: keepHint(otherKey), initial: existing(otherKey) }));
    if (q.commentKey === otherKey) return;
  }
  if (!q.commentKey) return;
  if (answer === NOT_APPLICABLE) {
    saveText(q.commentKey, await prompter.input({ message: 'Why does this not apply to you?', hint: `Kept as the comment on this answer. ${keepHint(q.commentKey)}`, initial: existing(q.commentKey) }));
    return;
  }
  saveText(q.commentKey, await prompter.input({ message: 'Evidence or comment (optional)', hint: keepHint(q.commentKey), initial: existing(q.commentKey) }));
}

function command(text: string): Action | undefined {
  return COMMANDS[text.trim().toLowerCase()];
}

function parseNumber(text: string): number | undefined {
  const t = text.trim();
  return /^[+-]?(\d+\.?\d*|\.\d+)$/.test(t) ? Number(t) : undefined;
}
