import type { PlanQuestion } from '../../questionnaire/plan.js';

/**
 * Turns what a respondent wrote in a sheet into the value an answers file holds. Anything that cannot
 * be understood is passed on unchanged, so that the ordinary answer check (checkValue) names the problem
 * in the same words as for any other answers file.
 */

/** True for an answer that was left blank. */
export function isBlank(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.every(isBlank);
  return false;
}

/** Removes the apostrophe a spreadsheet (or our template) puts before text that looks like a formula. */
export function undefuse(text: string): string {
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}

/** A converted answer, or why it cannot be read when the ordinary check would not say it well. */
export type Converted = { value: unknown; problem?: undefined } | { problem: string };

/** The value for a question (for a matrix question: the column chosen in one of its rows). */
export function convertAnswer(q: PlanQuestion, raw: unknown): Converted {
  const text = typeof raw === 'string' ? undefuse(raw.trim()) : raw;
  switch (q.kind) {
    case 'choice':
    case 'matrix':
      return { value: scalar(text) ? choiceValue(q, String(text)) ?? text : text };
    case 'boolean':
      return { value: typeof text === 'string' ? booleanValue(q, text) ?? text : text };
    case 'number': {
      if (typeof text !== 'string') return { value: text };
      const n = numberValue(text);
      if (n === 'ambiguous') return { problem: `${JSON.stringify(text)} could be read two ways; write it without a thousands separator (such as 1000), or with more or fewer decimals (such as 1.5)` };
      return { value: n ?? text };
    }
    case 'checklist':
      return { value: checklistValue(q, text) };
    case 'text':
      return { value: typeof text === 'number' ? String(text) : text };
  }
}

function scalar(v: unknown): v is string | number | boolean {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

/**
 * A choice by its value (exact, then ignoring case), by its text (ignoring case), or as copied from the
 * sheet's "value = text" list. Returns the value, as a number where the questionnaire gives numbers.
 */
export function choiceValue(q: PlanQuestion, written: string): string | number | undefined {
  const s = written.trim();
  const fold = (t: string) => t.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
  const found =
    q.choices.find((c) => c.value === s) ??
    q.choices.find((c) => fold(c.value) === fold(s)) ??
    q.choices.find((c) => fold(c.text) === fold(s)) ??
    (s.includes('=') ? q.choices.find((c) => fold(c.value) === fold(s.slice(0, s.indexOf('=')))) : undefined);
  if (found) return found.numeric ? Number(found.value) : found.value;
  if (q.allowOther && fold(s) === 'other') return 'other';
  return undefined;
}

function booleanValue(q: PlanQuestion, written: string): boolean | undefined {
  const s = written.trim().toLowerCase();
  if (s === 'yes' || s === 'true' || s === q.labelTrue.trim().toLowerCase()) return true;
  if (s === 'no' || s === 'false' || s === q.labelFalse.trim().toLowerCase()) return false;
  return undefined;
}

/**
 * A number as people write it: "12", "-3", "2.5", "2,5" (decimal comma), "1 000", "1,000,000",
 * "1.234,5", "1,234.5". A single separator before exactly three digits ("1,000", "2.500") is read as
 * thousands in some countries and as decimals in others: that is 'ambiguous' rather than a guess.
 */
export function numberValue(written: string): number | 'ambiguous' | undefined {
  const s = written.trim().replace(/(\d)[\s\u00a0\u202f]+(?=\d{3}(\D|$))/g, '$1');
  const num = (t: string) => (Number.isFinite(Number(t)) ? Number(t) : undefined);
  if (/^[+-]?\d+$/.test(s)) return num(s);
  // Thousands groups and a decimal part with the other separator: 1.234,5 or 1,234.5
  let m = /^([+-]?\d{1,3}(?:([.,])\d{3})+)([.,])(\d+)$/.exec(s);
  if (m && m[2] !== m[3]) return num(`${m[1].split(m[2]).join('')}.${m[4]}`);
  // Several thousands groups with one separator: 1,234,567 or 1.234.567
  m = /^[+-]?\d{1,3}(?:([.,])\d{3}){2,}$/.exec(s);
  if (m && s.split(m[1]).length > 2 && !/[.,]/.test(s.split(m[1]).join(''))) return num(s.split(m[1]).join(''));
  // One separator: a decimal point or comma
  m = /^([+-]?)(\d*)[.,](\d+)$/.exec(s);
  if (m) {
    if (m[3].length === 3 && /^[1-9]\d{0,2}$/.test(m[2])) return 'ambiguous';
    return num(`${m[1]}${m[2] || '0'}.${m[3]}`);
  }
  return undefined;
}

/** A list of choices: a YAML list, or text separated by ";" (or "," when there is no ";"). */
function checklistValue(q: PlanQuestion, raw: unknown): unknown {
  let items: unknown[];
  if (Array.isArray(raw)) items = raw;
  else if (typeof raw === 'string') {
    if (raw.includes(';')) items = raw.split(';');
    else if (choiceValue(q, raw) !== undefined) items = [raw];
    else items = raw.split(',');
  } else if (typeof raw === 'number') items = [raw];
  else return raw;
  return items
    .filter((item) => !isBlank(item))
    .map((item) => {
      if (!scalar(item)) return item;
      const s = String(item).trim();
      if (q.allowNone && s.toLowerCase() === 'none' && !q.choices.some((c) => c.value.toLowerCase() === 'none')) return 'none';
      return choiceValue(q, s) ?? s;
    });
}
