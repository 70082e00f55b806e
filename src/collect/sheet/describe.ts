import type { PlanChoice, PlanQuestion, ScoringPlan } from '../../questionnaire/plan.js';

/**
 * The answer sheet: the questionnaire as one line per answer, for respondents who prefer a spreadsheet
 * (or a YAML file) to the web form. `irready template` writes it blank, `irready import` reads it back.
 */

/**
 * The sheet's columns, in order: the answer and comment come before the long list of allowed answers, so
 * that a spreadsheet shows them next to the question. `import` finds columns by name, so respondents may
 * reorder or add columns.
 */
export const SHEET_COLUMNS = ['name', 'section', 'question', 'answer', 'comment', 'allowed answers'] as const;

export interface SheetLine {
  /** Question name, or `<question>.<row>` for a row of a matrix question. */
  name: string;
  question: PlanQuestion;
  /** The matrix row, for matrix questions. */
  row?: string;
  section: string;
  text: string;
  allowed: string;
}

/** One line per answer, in questionnaire order; a matrix question has one line per row. */
export function sheetLines(plan: ScoringPlan): SheetLine[] {
  const lines: SheetLine[] = [];
  for (const q of plan.questions) {
    const text = oneLine(q.description ? `${q.title} (${q.description.replace(/\.$/, '')})` : q.title);
    if (q.kind === 'matrix') {
      for (const row of q.rows) {
        lines.push({ name: `${q.name}.${row.value}`, question: q, row: row.value, section: oneLine(q.sectionTitle), text: `${oneLine(q.title)} — ${oneLine(row.text)}`, allowed: allowedAnswers(q) });
      }
    } else lines.push({ name: q.name, question: q, section: oneLine(q.sectionTitle), text, allowed: allowedAnswers(q) });
  }
  return lines;
}

/** What a respondent may write as the answer, in one line. */
export function allowedAnswers(q: PlanQuestion): string {
  switch (q.kind) {
    case 'choice':
      return choiceList(q.choices, q.allowOther);
    case 'matrix':
      return `one of: ${choiceList(q.choices, q.allowOther)}`;
    case 'boolean':
      return 'yes | no';
    case 'number':
      return numberRange(q);
    case 'checklist':
      return `one or more, separated by ";": ${choiceList(q.choices, q.allowOther)}${q.allowNone ? ' | or "none" on its own' : ''}`;
    case 'text':
      return 'any text';
  }
}

export function numberRange(q: PlanQuestion): string {
  if (q.min !== undefined && q.max !== undefined) return `a number from ${q.min} to ${q.max}`;
  if (q.min !== undefined) return `a number, ${q.min} or more`;
  if (q.max !== undefined) return `a number, at most ${q.max}`;
  return 'a number';
}

function choiceList(choices: readonly PlanChoice[], allowOther: boolean): string {
  return [...choices.map((c) => `${c.value} = ${oneLine(c.text)}`), ...(allowOther ? ['other'] : [])].join(' | ');
}

/** Text on one line, so that a line of the sheet is one line of the file. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
