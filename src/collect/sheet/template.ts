import { stringify } from 'csv-stringify/sync';
import type { PlanQuestion, ScoringPlan } from '../../questionnaire/plan.js';
import { allowedAnswers, oneLine, SHEET_COLUMNS, sheetLines } from './describe.js';

export type SheetFormat = 'csv' | 'yaml';
export const SHEET_FORMATS: readonly SheetFormat[] = ['csv', 'yaml'];

/**
 * The blank answer sheet as CSV: a header, then one line per answer. UTF-8 with a byte order mark and
 * CRLF line ends so that spreadsheets open names such as "Müller" correctly; every field quoted; a cell
 * that starts like a formula gets a leading apostrophe, so a spreadsheet shows it as text.
 */
export function renderCsvTemplate(plan: ScoringPlan): string {
  const rows = sheetLines(plan).map((l) => [l.name, l.section, l.text, '', '', l.allowed]);
  return stringify(rows, {
    bom: true,
    record_delimiter: 'windows',
    quoted: true,
    quoted_empty: true,
    header: true,
    columns: [...SHEET_COLUMNS],
    cast: { string: defuse },
  });
}

/** A cell that starts with = + - @ (or a tab or carriage return) would run as a formula in a spreadsheet. */
export function defuse(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * The blank answer sheet as YAML: each question name with an empty value, and comments above it giving
 * the question and the allowed answers. Matrix questions are a map of row -> empty value.
 */
export function renderYamlTemplate(plan: ScoringPlan, context: { organization: string; importCommand: string }): string {
  const out: string[] = [
    `# Answer sheet: ${oneLine(plan.title)} (questionnaire ${plan.id} ${plan.version})`,
    `# Organisation: ${oneLine(context.organization)}`,
    '#',
    '# Write each answer after its colon; leave it empty to skip the question.',
    '#   choices: the value before "=" (or the text after it)',
    '#   yes/no questions: yes or no',
    '#   lists: [value, value] or "value; value"',
    '#   numbers: 12 or 2.5',
    '# Remarks go on the "-Comment" lines (quote text that contains ": " or starts with a special character).',
    `# Import it with: ${context.importCommand}`,
  ];
  let section = '';
  for (const q of plan.questions) {
    if (q.section !== section) {
      section = q.section;
      out.push('', '', `# ===== ${oneLine(q.sectionTitle)} =====`);
    }
    out.push('');
    out.push(...wrap(oneLine(q.title)).map((l) => `# ${l}`));
    if (q.description) out.push(...wrap(oneLine(q.description)).map((l) => `#   ${l}`));
    out.push(...yamlAllowed(q));
    if (q.kind === 'matrix') {
      out.push(`${yamlKey(q.name)}:`);
      const width = Math.max(...q.rows.map((r) => yamlKey(r.value).length));
      for (const row of q.rows) out.push(`  ${`${yamlKey(row.value)}:`.padEnd(width + 1)}    # ${oneLine(row.text)}`);
    } else out.push(`${yamlKey(q.name)}:`);
    if (q.commentKey) out.push(`${yamlKey(q.commentKey)}:`);
  }
  return `${out.join('\n')}\n`;
}

function yamlAllowed(q: PlanQuestion): string[] {
  const choices = () => [...q.choices.map((c) => `#     ${c.value} = ${oneLine(c.text)}`), ...(q.allowOther ? ['#     other'] : [])];
  switch (q.kind) {
    case 'choice':
      return ['#   Answer one of:', ...choices()];
    case 'matrix':
      return ['#   Answer each row with one of:', ...choices()];
    case 'checklist':
      return [`#   Answer one or more of${q.allowNone ? ' (or "none" on its own)' : ''}:`, ...choices()];
    default:
      return [`#   Answer: ${allowedAnswers(q)}`];
  }
}

function yamlKey(name: string): string {
  return /^[A-Za-z_][\w.-]*$/.test(name) ? name : JSON.stringify(name);
}

/** Splits long comment text into lines of about 100 characters. */
function wrap(text: string, width = 100): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
