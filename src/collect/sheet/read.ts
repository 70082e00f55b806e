import { parse as parseCsv, type CsvError } from 'csv-parse/sync';
import { isMap, isPair, isScalar, LineCounter, parseDocument, type Node } from 'yaml';
import type { ScoringPlan } from '../../questionnaire/plan.js';
import { InputError, type Problem } from '../../util/errors.js';
import { lineAndColumn, readText } from '../../util/files.js';
import { SHEET_COLUMNS } from './describe.js';

/** One line of a filled sheet, before its answer is converted and checked. */
export interface SheetEntry {
  /** Where the line is in the file (1-based). */
  line: number;
  column?: number;
  /** A spreadsheet's row number, where it differs from the line (cells that span lines before it). */
  row?: number;
  /** As written: a question name, `<question>.<row>`, or a comment key such as `<question>-Comment`. */
  name: string;
  /** As written: text from CSV; any YAML value. */
  answer: unknown;
  comment?: string;
}

export interface ReadSheet {
  entries: SheetEntry[];
  /** Problems with the file itself (not with an answer); when any, the entries are not to be trusted. */
  problems: Problem[];
}

export function sheetKind(file: string): 'csv' | 'yaml' | undefined {
  if (/\.(csv|tsv|txt)$/i.test(file)) return 'csv';
  if (/\.ya?ml$/i.test(file)) return 'yaml';
  return undefined;
}

/** Reads a sheet's text, naming a file that a spreadsheet saved in a legacy encoding. */
export function readSheetText(file: string): string {
  try {
    return readText(file);
  } catch (err) {
    if (err instanceof InputError && err.problems[0]?.message === 'is not valid UTF-8 text') {
      const p = err.problems[0];
      throw new InputError({ ...p, message: 'is not valid UTF-8 text (in a spreadsheet, save it as "CSV UTF-8"; in an editor, choose the UTF-8 encoding)' });
    }
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------- CSV

/**
 * A filled CSV sheet: a header line naming the columns (at least "name" and "answer"), then one line per
 * answer. Columns are found by their header, so extra or reordered columns do no harm. Commas,
 * semicolons (as Excel writes in many European locales) and tabs all work as separators.
 */
export function readCsvSheet(file: string, text: string): ReadSheet {
  const problems: Problem[] = [];
  const problem = (line: number, message: string) => problems.push({ file, line, message });
  if (text.trim() === '') {
    problem(1, `is empty; expected the answer sheet, starting with its header line (${headerList()})`);
    return { entries: [], problems };
  }
  const buf = Buffer.from(text, 'utf8');
  const ends: number[] = [];
  let records: string[][];
  try {
    records = parseCsv(buf, {
      delimiter: guessDelimiter(text),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      trim: true,
      on_record: (record: string[], context) => {
        ends.push(context.bytes);
        return record;
      },
    }) as string[][];
  } catch (err) {
    const e = err as CsvError;
    if (typeof e?.code !== 'string') throw err;
    const line = startLine(buf, ends.at(-1) ?? 0);
    const why =
      e.code === 'CSV_QUOTE_NOT_CLOSED' ? 'a quoted cell that starts on this line is never closed (a stray " mark?)'
      : e.code === 'CSV_INVALID_CLOSING_QUOTE' ? 'a quoted cell is followed by more text before the next separator (a stray " mark?)'
      : `cannot be read as CSV (${e.message.split('\n')[0]})`;
    problem(line, why);
    return { entries: [], problems };
  }

  // Line numbers: each record starts where the one before it ended, after any empty lines.
  const starts = records.map((_, i) => startLine(buf, i === 0 ? 0 : ends[i - 1]));
  const spanned = records.map((_, i) => newlinesInside(buf, i === 0 ? 0 : ends[i - 1], ends[i]));

  const header = records[0].map((h) => h.replace(/^\uFEFF/, '').replace(/\s+/g, ' ').trim().toLowerCase());
  const col = (name: string) => header.indexOf(name);
  const [nameCol, answerCol, commentCol] = [col('name'), col('answer'), col('comment')];
  if (nameCol < 0 || answerCol < 0) {
    const missing = ['name', 'answer'].filter((c) => col(c) < 0).map((c) => `"${c}"`);
    problem(starts[0], `the first line must be the sheet's header (${headerList()}); it has no ${missing.join(' and ')} column${missing.length > 1 ? 's' : ''}. Write a fresh sheet with "irready template" and keep its first line`);
    return { entries: [], problems };
  }

  const entries: SheetEntry[] = [];
  let extraLines = spanned[0];
  for (let i = 1; i < records.length; i++) {
    const cells = records[i];
    const line = starts[i];
    const row = line - extraLines;
    extraLines += spanned[i];
    if (cells.every((c) => c.trim() === '')) continue;
    const name = (cells[nameCol] ?? '').trim();
    const answer = cells[answerCol] ?? '';
    const comment = commentCol >= 0 ? cells[commentCol] ?? '' : '';
    if (!name) {
      if (answer.trim() || comment.trim()) problem(line, 'has an answer or comment but no question name in the "name" column');
      continue;
    }
    entries.push({ line, ...(row !== line ? { row } : {}), name, answer, ...(comment.trim() ? { comment: comment.replace(/\r\n?/g, '\n').trim() } : {}) });
  }
  return { entries, problems };
}

function headerList(): string {
  return SHEET_COLUMNS.join(', ');
}

/** The separator used on the first line: comma, semicolon or tab, whichever appears most outside quotes. */
function guessDelimiter(text: string): string {
  const first = text.replace(/^\uFEFF/, '').split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  const outside = first.replace(/"[^"]*"/g, '');
  const counts = [',', ';', '\t'].map((d) => ({ d, n: outside.split(d).length - 1 }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0].n > 0 ? counts[0].d : ',';
}

/** The line of the first character at or after `offset` that is not a line break. */
function startLine(buf: Buffer, offset: number): number {
  let pos = offset;
  while (pos < buf.length && (buf[pos] === 0x0a || buf[pos] === 0x0d)) pos++;
  let line = 1;
  for (let i = 0; i < pos && i < buf.length; i++) if (buf[i] === 0x0a) line++;
  return line;
}

/** Line breaks inside a record (in quoted cells), not counting the empty lines before it or its own end. */
function newlinesInside(buf: Buffer, from: number, to: number): number {
  let start = from;
  while (start < to && (buf[start] === 0x0a || buf[start] === 0x0d)) start++;
  let end = Math.min(to, buf.length);
  while (end > start && (buf[end - 1] === 0x0a || buf[end - 1] === 0x0d)) end--;
  let n = 0;
  for (let i = start; i < end; i++) if (buf[i] === 0x0a) n++;
  return n;
}

// --------------------------------------------------------------------------------------------- YAML

/**
 * A filled YAML sheet: a map of question name -> answer, `<question>-Comment` -> comment, and for
 * matrix questions either a map of row -> column or `<question>.<row>` keys.
 */
export function readYamlSheet(file: string, text: string, plan: ScoringPlan): ReadSheet {
  const problems: Problem[] = [];
  const at = (offset: number | undefined) => (offset === undefined ? { line: 1, column: 1 } : lineAndColumn(text, offset));
  if (text.trim() === '') {
    problems.push({ file, line: 1, column: 1, message: 'is empty; expected question names with answers, such as "org_sector: finance"' });
    return { entries: [], problems };
  }
  const doc = parseDocument(text, { prettyErrors: false, lineCounter: new LineCounter(), uniqueKeys: true });
  if (doc.errors.length) {
    for (const e of doc.errors) problems.push({ file, ...at(e.pos[0]), message: `is not valid YAML (${e.message.split('\n')[0]})` });
    return { entries: [], problems };
  }
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return { entries: [], problems };
  if (!isMap(root)) {
    problems.push({ file, ...at(root.range?.[0]), message: 'must be a map of question name -> answer, such as "org_sector: finance"' });
    return { entries: [], problems };
  }
  const entries: SheetEntry[] = [];
  const valueAt = (key: Node | null, value: Node | null) => at((value ?? key)?.range?.[0]);
  for (const pair of root.items) {
    if (!isPair(pair)) continue;
    const keyNode = pair.key as Node | null;
    const valueNode = pair.value as Node | null;
    const name = String(isScalar(keyNode) ? keyNode.value : keyNode?.toJSON());
    const question = plan.byName.get(name);
    if (question?.kind === 'matrix' && isMap(valueNode)) {
      for (const rowPair of valueNode.items) {
        const rowKey = rowPair.key as Node | null;
        const rowValue = rowPair.value as Node | null;
        const row = String(isScalar(rowKey) ? rowKey.value : rowKey?.toJSON());
        entries.push({ ...valueAt(rowKey, rowValue), name: `${name}.${row}`, answer: rowValue?.toJS(doc) ?? null });
      }
      continue;
    }
    entries.push({ ...valueAt(keyNode, valueNode), name, answer: valueNode ? valueNode.toJS(doc) : null });
  }
  return { entries, problems };
}
