import type { PlanQuestion, ScoringPlan } from '../questionnaire/plan.js';
import { InputError, type Problem } from '../util/errors.js';
import { readJson, readText } from '../util/files.js';
import { formatPath, locateInJson, type JsonPath } from '../util/locate.js';
import { nearestName } from '../util/suggest.js';

export interface Person {
  name: string;
  role?: string;
  [key: string]: unknown;
}

/** One respondent's answers to one questionnaire (the answers file format). */
export interface Answers {
  questionnaire: { id: string; version: string };
  organization: Person;
  respondent: Person;
  /** Free text: who this is and what the assessment is for. */
  description?: string;
  /** The SurveyJS data object, unchanged: question name -> value, `<name>-Comment` -> comment. */
  data: Record<string, unknown>;
}

const TOP_LEVEL_KEYS = new Set(['$schema', 'questionnaire', 'organization', 'respondent', 'description', 'data']);

/** Reads an answers file and checks it against the questionnaire; throws InputError listing every problem. */
export function loadAnswers(file: string, plan: ScoringPlan): Answers {
  const json = readJson(file);
  const problems = checkAnswers(json, plan, file, () => readText(file));
  if (problems.length) throw new InputError(problems);
  return json as Answers;
}

/** Every problem in an answers object, each naming the place in the file. */
export function checkAnswers(json: unknown, plan: ScoringPlan, file: string, sourceText?: () => string): Problem[] {
  const problems: Problem[] = [];
  const report = (path: JsonPath, message: string) => {
    const text = sourceText?.();
    problems.push({ file, ...(text ? locateInJson(text, path) : {}), place: formatPath(path) || undefined, message });
  };
  if (!isObject(json)) {
    report([], 'an answers file must be a JSON object with "questionnaire", "organization", "respondent" and "data"');
    return problems;
  }
  for (const key of Object.keys(json)) {
    if (!TOP_LEVEL_KEYS.has(key)) report([key], `unknown field ${describe(key)} (expected questionnaire, organization, respondent, description, data)`);
  }

  const q = json.questionnaire;
  if (!isObject(q) || typeof q.id !== 'string' || typeof q.version !== 'string') {
    report(['questionnaire'], 'needs {"id": "...", "version": "..."} naming the questionnaire the answers belong to');
  } else {
    if (q.id !== plan.id) report(['questionnaire', 'id'], `answers are for questionnaire "${q.id}", but the questionnaire is "${plan.id}"`);
    else if (major(q.version) !== major(plan.version)) {
      report(['questionnaire', 'version'], `answers are for version ${q.version}, which does not match questionnaire version ${plan.version} (the major version must be the same)`);
    }
  }
  for (const key of ['organization', 'respondent'] as const) {
    const person = json[key];
    if (!isObject(person) || typeof person.name !== 'string' || person.name.trim() === '') report([key], `needs {"name": "..."}${key === 'respondent' ? ' and a "role"' : ''}`);
    else if (key === 'respondent' && (typeof person.role !== 'string' || person.role.trim() === '')) report([key, 'role'], 'needs the respondent\'s role as text, such as "CISO"');
    else if (person.role !== undefined && typeof person.role !== 'string') report([key, 'role'], 'must be text');
  }
  if (json.description !== undefined && typeof json.description !== 'string') report(['description'], 'must be text');

  if (!isObject(json.data)) {
    report(['data'], 'needs a "data" object (question name -> answer)');
    return problems;
  }
  for (const [key, value] of Object.entries(json.data)) {
    const path = ['data', key];
    const question = plan.byName.get(key);
    if (question) {
      const problem = checkValue(question, value);
      if (problem) report(path, problem);
      continue;
    }
    const owner = plan.extraKeys.get(key);
    if (owner) {
      if (typeof value !== 'string') report(path, `a comment must be text, not ${describe(value)}`);
      continue;
    }
    report(path, `unknown question ${describe(key)}${suggest(key, plan)}`);
  }
  return problems;
}

/** Why a value is not an allowed answer to a question, or undefined when it is. */
export function checkValue(q: PlanQuestion, value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  const allowed = () => q.choices.map((c) => JSON.stringify(c.value)).join(', ');
  const isChoice = (v: unknown) =>
    (typeof v === 'string' || typeof v === 'number') &&
    (q.choices.some((c) => c.value === String(v) && (typeof v === 'number') === (c.numeric === true)) || (q.allowOther && v === 'other'));
  switch (q.kind) {
    case 'choice':
      return isChoice(value) ? undefined : `${describe(value)} is not one of the allowed answers (${allowed()})`;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `${describe(value)} is not true or false`;
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return `${describe(value)} is not a number`;
      // Beyond this, staffing and cost sums overflow to Infinity, which JSON writes as null.
      if (Math.abs(value) > Number.MAX_SAFE_INTEGER) return `${value} is too large (at most ${Number.MAX_SAFE_INTEGER})`;
      if (q.min !== undefined && value < q.min) return `${value} is below the minimum ${q.min}`;
      if (q.max !== undefined && value > q.max) return `${value} is above the maximum ${q.max}`;
      return undefined;
    }
    case 'checklist': {
      if (!Array.isArray(value)) return `${describe(value)} is not a list of choices`;
      const bad = value.find((v) => !isChoice(v) && !(q.allowNone && v === 'none'));
      if (bad !== undefined) return `${describe(bad)} is not one of the allowed choices (${allowed()}${q.allowNone ? ', "none"' : ''})`;
      if (new Set(value).size !== value.length) return 'lists a choice twice';
      if (q.allowNone && value.includes('none') && value.length > 1) return '"none" cannot be combined with other choices';
      return undefined;
    }
    case 'matrix': {
      if (!isObject(value)) return `${describe(value)} is not an object of row -> column`;
      for (const [row, column] of Object.entries(value)) {
        if (!q.rows.some((r) => r.value === row)) return `unknown row "${row}" (rows: ${q.rows.map((r) => JSON.stringify(r.value)).join(', ')})`;
        if (!isChoice(column)) return `row "${row}": ${describe(column)} is not one of the columns (${allowed()})`;
      }
      return undefined;
    }
    case 'text':
      return typeof value === 'string' || typeof value === 'number' ? undefined : `${describe(value)} is not text`;
  }
}

function major(version: string): string {
  return version.split('.')[0];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v);
  if (Array.isArray(v)) return 'a list';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'an object';
  return String(v);
}

/** "; did you mean ...?" for a near miss among question names. */
function suggest(key: string, plan: ScoringPlan): string {
  const best = nearestName(key, plan.byName.keys());
  return best ? `; did you mean "${best}"?` : '';
}
