import { checkAnswers, checkValue } from '../../answers/answers.js';
import { nearestName } from '../../util/suggest.js';
import type { PlanQuestion, ScoringPlan } from '../../questionnaire/plan.js';
import { InputError, type Problem } from '../../util/errors.js';
import { convertAnswer, isBlank, undefuse } from './convert.js';
import { readCsvSheet, readSheetText, readYamlSheet, sheetKind, type SheetEntry } from './read.js';

export interface SheetAnswers {
  /** The answers file's `data`: question name -> value, `<question>-Comment` -> comment. */
  data: Record<string, unknown>;
  /** How many questions were answered (a matrix counts once). */
  answers: number;
  comments: number;
}

/**
 * Reads a filled answer sheet (CSV or YAML) and turns it into answers data, checked with the same rules
 * as any answers file. Throws one InputError naming every bad line; returns only when all are good.
 */
export function readAnswerSheet(file: string, plan: ScoringPlan): SheetAnswers {
  const kind = sheetKind(file);
  if (!kind) throw new InputError({ file, message: 'is neither a .csv nor a .yaml file; import the sheet written by "irready template"' });
  const text = readSheetText(file);
  const read = kind === 'csv' ? readCsvSheet(file, text) : readYamlSheet(file, text, plan);
  if (read.problems.length) throw new InputError(read.problems);
  const result = sheetToData(file, read.entries, plan);
  if (result.problems.length) throw new InputError(result.problems);
  if (result.answers === 0 && result.comments === 0) {
    throw new InputError({ file, message: 'holds no answers: fill in the "answer" column (or the values in a YAML sheet) first' });
  }
  return result;
}

/** Converts and checks every entry; problems name the line and the question as written. */
export function sheetToData(file: string, entries: readonly SheetEntry[], plan: ScoringPlan): SheetAnswers & { problems: Problem[] } {
  const problems: Problem[] = [];
  const data: Record<string, unknown> = {};
  const firstSeen = new Map<string, number>();
  const comments = new Map<string, { row?: string; text: string }[]>();

  for (const entry of entries) {
    const report = (message: string) =>
      problems.push({ file, line: entry.line, ...(entry.column ? { column: entry.column } : {}), place: entry.name, message: entry.row ? `${message} (row ${entry.row} in a spreadsheet)` : message });
    const hasAnswer = !isBlank(entry.answer);
    const hasComment = entry.comment !== undefined && entry.comment.trim() !== '';
    if (!hasAnswer && !hasComment) continue;

    const target = resolveName(entry.name, plan);
    if (target.kind === 'problem') {
      report(target.problem);
      continue;
    }
    const seenKey = target.kind === 'comment' ? target.comment : target.row !== undefined ? `${target.question.name}.${target.row}` : target.question.name;
    const earlier = firstSeen.get(seenKey);
    if (earlier !== undefined) {
      report(`is answered twice (first on line ${earlier}); keep one of the two`);
      continue;
    }
    firstSeen.set(seenKey, entry.line);

    if (target.kind === 'comment') {
      // A YAML `<question>-Comment` key (or a CSV line named so): the text as it stands.
      const text = typeof entry.answer === 'number' || typeof entry.answer === 'boolean' ? String(entry.answer) : entry.answer;
      if (typeof text !== 'string') report(checkOne(plan, target.comment, text, file) ?? 'must be text');
      else addComment(comments, target.comment, { text: undefuse(text.trim()) });
      continue;
    }

    const q = target.question;
    if (target.row !== undefined && !q.rows.some((r) => r.value === target.row)) {
      report(checkValue(q, { [target.row]: null }) ?? `unknown row "${target.row}"`);
      continue;
    }
    let ok = true;
    if (hasAnswer) {
      const converted = convertAnswer(q, entry.answer);
      const row = target.row;
      const message = converted.problem ?? checkValue(q, row !== undefined ? { [row]: converted.value } : converted.value);
      if (message !== undefined) {
        report(message);
        ok = false;
      } else if (converted.problem === undefined) {
        if (row !== undefined) ((data[q.name] ??= {}) as Record<string, unknown>)[row] = converted.value;
        else data[q.name] = converted.value;
      }
    }
    if (hasComment && ok) {
      if (!q.commentKey) report('this question takes no comment; leave its "comment" cell empty');
      else addComment(comments, q.commentKey, { row: target.row, text: undefuse(entry.comment!.trim()) });
    }
  }

  for (const [key, parts] of comments) {
    if (data[key] !== undefined) continue;
    data[key] = parts.length === 1 ? parts[0].text : parts.map((p) => (p.row !== undefined ? `${p.row}: ${p.text}` : p.text)).join('\n');
  }

  // Belt and braces: the whole data must pass the answers file check that saving runs again.
  if (!problems.length) {
    for (const p of checkAnswers(envelope(plan, data), plan, file)) problems.push({ file, place: p.place?.replace(/^data\./, ''), message: p.message });
  }
  const answers = Object.keys(data).filter((k) => plan.byName.has(k)).length;
  return { data, answers, comments: comments.size, problems };
}

type Target =
  | { kind: 'problem'; problem: string }
  | { kind: 'question'; question: PlanQuestion; row?: string }
  | { kind: 'comment'; comment: string };

/** What a name in the sheet refers to: a question, a row of a matrix question, or a comment field. */
function resolveName(name: string, plan: ScoringPlan): Target {
  const question = plan.byName.get(name);
  if (question) {
    if (question.kind === 'matrix') return { kind: 'problem', problem: `is a table question: answer each of its rows on a line of its own, named ${question.rows.slice(0, 2).map((r) => `"${name}.${r.value}"`).join(', ')} and so on` };
    return { kind: 'question', question };
  }
  if (plan.extraKeys.has(name)) return { kind: 'comment', comment: name };
  const dot = name.lastIndexOf('.');
  if (dot > 0) {
    const owner = plan.byName.get(name.slice(0, dot));
    if (owner?.kind === 'matrix') return { kind: 'question', question: owner, row: name.slice(dot + 1) };
    if (owner) return { kind: 'problem', problem: `"${owner.name}" has no rows; name the line "${owner.name}"` };
  }
  const near = nearestName(name, sheetNames(plan));
  return { kind: 'problem', problem: `unknown question "${name}"${near ? `; did you mean "${near}"?` : ''}` };
}

/** Every name a sheet line may carry: questions, matrix rows and comment fields. */
function sheetNames(plan: ScoringPlan): string[] {
  const names: string[] = [];
  for (const q of plan.questions) {
    if (q.kind === 'matrix') names.push(...q.rows.map((r) => `${q.name}.${r.value}`));
    else names.push(q.name);
  }
  return [...names, ...plan.extraKeys.keys()];
}

/** The message the answers file check gives for one key and value (such as an unknown name, with a suggestion). */
function checkOne(plan: ScoringPlan, key: string, value: unknown, file: string): string | undefined {
  return checkAnswers(envelope(plan, { [key]: value }), plan, file)[0]?.message;
}

function envelope(plan: ScoringPlan, data: Record<string, unknown>) {
  return { questionnaire: { id: plan.id, version: plan.version }, organization: { name: 'sheet' }, respondent: { name: 'sheet', role: 'sheet' }, data };
}

function addComment(comments: Map<string, { row?: string; text: string }[]>, key: string, part: { row?: string; text: string }): void {
  const list = comments.get(key) ?? [];
  list.push(part);
  comments.set(key, list);
}
