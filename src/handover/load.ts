import { InputError, type Problem } from '../util/errors.js';
import { readJson, readText } from '../util/files.js';
import { formatPath, locateInJson, type JsonPath } from '../util/locate.js';
import { schemaProblems, schemaValidator } from '../util/schema.js';
import type { Handover } from './format.js';
import { migrateHandover } from './migrate.js';
import { findSecrets } from './secrets.js';

export interface HandoverCheck {
  /** The file lifted to the current format version; set only when there are no problems. */
  handover?: Handover;
  problems: Problem[];
  /** The version the file was written in, when it was migrated. */
  migratedFrom?: string;
  /** Migration steps applied, in order. */
  applied: string[];
}

/**
 * Checks a parsed handover file: its format version (migrating older ones), the JSON Schema, the
 * references inside it (RACI parties) and, on the file as written, anything that looks like a secret.
 * Every problem names its JSON path and, with the file's text, its line and column.
 */
export function checkHandover(json: unknown, file: string, sourceText?: () => string): HandoverCheck {
  let text: string | undefined;
  const source = () => (text ??= sourceText?.() ?? readText(file));
  const problem = (path: JsonPath, message: string): Problem => ({ file, ...locateInJson(source(), path), place: formatPath(path) || undefined, message });

  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { problems: [{ file, message: 'is not a handover file (expected a JSON object with "formatVersion")' }], applied: [] };
  }
  const migrated = migrateHandover(json);
  const applied = migrated.applied;
  const migratedFrom = applied.length ? migrated.from : undefined;
  const found: { path: JsonPath; message: string }[] = [];
  if (migrated.problem) found.push({ path: ['formatVersion'], message: migrated.problem });
  else {
    const validate = schemaValidator('handover');
    const after = migratedFrom ? ` (in the file as migrated from ${migratedFrom})` : '';
    if (!validate(migrated.doc)) for (const p of schemaProblems(validate.errors)) found.push({ path: p.path, message: `${p.message}${after}` });
    else found.push(...references(migrated.doc as Handover));
  }
  // Secrets are looked for in the file as written, so that the path points at what is really there.
  found.push(...findSecrets(json));

  const problems = found.map((p) => problem(p.path, p.message));
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  return problems.length ? { problems, migratedFrom, applied } : { handover: migrated.doc as Handover, problems, migratedFrom, applied };
}

/** What the schema cannot say: RACI assignments name listed parties; names and ids are unique. */
function references(h: Handover): { path: JsonPath; message: string }[] {
  const out: { path: JsonPath; message: string }[] = [];
  const parties = new Map<string, number>();
  h.raci.parties.forEach((p, i) => {
    if (p.name === undefined) return;
    if (parties.has(p.name)) out.push({ path: ['raci', 'parties', i, 'name'], message: `party "${p.name}" is listed twice (also raci.parties[${parties.get(p.name)}])` });
    else parties.set(p.name, i);
  });
  const activities = new Map<string, number>();
  h.raci.activities.forEach((a, i) => {
    if (a.id !== undefined) {
      if (activities.has(a.id)) out.push({ path: ['raci', 'activities', i, 'id'], message: `activity id "${a.id}" is used twice (also raci.activities[${activities.get(a.id)}])` });
      else activities.set(a.id, i);
    }
    const seen = new Set<string>();
    (a.assignments ?? []).forEach((as, j) => {
      if (!parties.has(as.party)) out.push({ path: ['raci', 'activities', i, 'assignments', j, 'party'], message: `party "${as.party}" is not listed in raci.parties (${[...parties.keys()].map((n) => `"${n}"`).join(', ') || 'none listed'})` });
      else if (seen.has(as.party)) out.push({ path: ['raci', 'activities', i, 'assignments', j, 'party'], message: `party "${as.party}" is assigned twice in this activity` });
      seen.add(as.party);
    });
  });
  return out;
}

/** Reads and checks a handover file (migrating older versions); throws InputError naming every problem. */
export function loadHandover(file: string): { handover: Handover; migratedFrom?: string; applied: string[] } {
  const json = readJson(file);
  const check = checkHandover(json, file, () => readText(file));
  if (!check.handover) throw new InputError(check.problems);
  return { handover: check.handover, migratedFrom: check.migratedFrom, applied: check.applied };
}
