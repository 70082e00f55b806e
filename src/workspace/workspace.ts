import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkAnswers, type Answers, type Person } from '../answers/answers.js';
import type { ScoringPlan } from '../questionnaire/plan.js';
import { slugify } from '../report/write.js';
import { InputError } from '../util/errors.js';
import { readJson, writeFileAtomic } from '../util/files.js';

/**
 * An engagement workspace: one organisation, its respondents and their answers, as plain JSON files.
 *
 *   <dir>/engagement.json          organisation, questionnaire, respondents (names, roles, token hashes)
 *   <dir>/respondents/<id>.json    one answers file per respondent (the ordinary answers file format)
 *   <dir>/results/, <dir>/reports/ what `score` and `report` write for the workspace
 *
 * Every write is atomic (temporary file, fsync, rename). Each respondent has a file of their own, so
 * two respondents saving at the same moment never touch the same file.
 */

export const ENGAGEMENT_FILE = 'engagement.json';
export const ENGAGEMENT_FORMAT = 'irready-engagement/1';

export interface RespondentEntry {
  /** File name stem under respondents/, made from the name. */
  id: string;
  name: string;
  role: string;
  /** sha256 of the respondent's link token; the token itself is shown once and never stored. */
  tokenHash?: string;
  status: 'invited' | 'in-progress' | 'complete';
  /** How the answers came in: web form, terminal interview, spreadsheet import. */
  source?: 'web' | 'terminal' | 'import';
  updatedAt?: string;
}

export interface Engagement {
  format: typeof ENGAGEMENT_FORMAT;
  organization: Person;
  questionnaire: { id: string; version: string };
  createdAt: string;
  /** sha256 of the consultant's overview token. */
  overviewTokenHash?: string;
  respondents: RespondentEntry[];
}

export interface Workspace {
  dir: string;
  engagement: Engagement;
}

export function isWorkspace(path: string): boolean {
  return existsSync(join(path, ENGAGEMENT_FILE));
}

/** Creates a workspace folder for an organisation. Refuses a folder that already holds one. */
export function createWorkspace(dir: string, organization: Person, plan: ScoringPlan, now: string): Workspace {
  if (isWorkspace(dir)) throw new InputError({ file: dir, message: 'already holds an engagement (engagement.json); choose another folder' });
  if (!organization.name?.trim()) throw new InputError({ file: '--org', message: 'needs the organisation name' });
  for (const sub of ['respondents', 'results', 'reports']) mkdirSync(join(dir, sub), { recursive: true });
  const engagement: Engagement = {
    format: ENGAGEMENT_FORMAT,
    organization,
    questionnaire: { id: plan.id, version: plan.version },
    createdAt: now,
    respondents: [],
  };
  const ws = { dir: resolve(dir), engagement };
  saveEngagement(ws);
  return ws;
}

export function openWorkspace(dir: string): Workspace {
  const file = join(dir, ENGAGEMENT_FILE);
  if (!existsSync(file)) throw new InputError({ file: dir, message: `is not an engagement workspace (no ${ENGAGEMENT_FILE}); create one with "irready init ${dir} --org NAME"` });
  const engagement = readJson(file) as Engagement;
  if (engagement?.format !== ENGAGEMENT_FORMAT || !Array.isArray(engagement.respondents) || typeof engagement.organization?.name !== 'string') {
    throw new InputError({ file, place: 'format', message: `is not an engagement file of format ${ENGAGEMENT_FORMAT}` });
  }
  return { dir: resolve(dir), engagement };
}

export function saveEngagement(ws: Workspace): void {
  writeFileAtomic(join(ws.dir, ENGAGEMENT_FILE), `${JSON.stringify(ws.engagement, null, 2)}\n`);
}

export function respondentFile(ws: Workspace, id: string): string {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) throw new InputError({ file: ws.dir, message: `"${id}" is not a respondent id` });
  return join(ws.dir, 'respondents', `${id}.json`);
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Compares a presented token with a stored hash in constant time. */
export function tokenMatches(token: string, hash: string | undefined): boolean {
  if (!hash || typeof token !== 'string' || token.length === 0 || token.length > 200) return false;
  const a = Buffer.from(hashToken(token), 'hex');
  const b = Buffer.from(hash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export function findRespondent(ws: Workspace, nameOrId: string): RespondentEntry | undefined {
  const id = slugify(nameOrId);
  return ws.engagement.respondents.find((r) => r.id === nameOrId || r.id === id || r.name === nameOrId);
}

/**
 * Adds a respondent (or returns the existing one with the same name) and writes an empty answers file.
 * With `withToken`, a new link token is made (replacing an earlier one) and returned once.
 */
export function addRespondent(ws: Workspace, person: { name: string; role: string }, options: { withToken?: boolean; now: string }): { entry: RespondentEntry; token?: string } {
  if (!person.name?.trim()) throw new InputError({ file: '--respondent', message: 'needs the respondent\'s name' });
  if (!person.role?.trim()) throw new InputError({ file: '--role', message: 'needs the respondent\'s role, such as CISO' });
  let entry = findRespondent(ws, person.name);
  if (!entry) {
    let id = slugify(person.name);
    for (let n = 2; ws.engagement.respondents.some((r) => r.id === id); n++) id = `${slugify(person.name)}-${n}`;
    entry = { id, name: person.name.trim(), role: person.role.trim(), status: 'invited', updatedAt: options.now };
    ws.engagement.respondents.push(entry);
  } else entry.role = person.role.trim();
  let token: string | undefined;
  if (options.withToken) {
    token = newToken();
    entry.tokenHash = hashToken(token);
  }
  if (!existsSync(respondentFile(ws, entry.id))) writeAnswers(ws, entry, {});
  saveEngagement(ws);
  return { entry, token };
}

/** The consultant's overview token: a new one each call (the old one stops working). */
export function newOverviewToken(ws: Workspace): string {
  const token = newToken();
  ws.engagement.overviewTokenHash = hashToken(token);
  saveEngagement(ws);
  return token;
}

function writeAnswers(ws: Workspace, entry: RespondentEntry, data: Record<string, unknown>): void {
  const answers: Answers = {
    questionnaire: ws.engagement.questionnaire,
    organization: ws.engagement.organization,
    respondent: { name: entry.name, role: entry.role },
    data,
  };
  writeFileAtomic(respondentFile(ws, entry.id), `${JSON.stringify(answers, null, 2)}\n`);
}

export function readAnswers(ws: Workspace, entry: RespondentEntry): Answers {
  return readJson(respondentFile(ws, entry.id)) as Answers;
}

/**
 * Saves a respondent's answers after checking them exactly as an answers file is checked; nothing is
 * written when any value is wrong. `complete` marks the respondent done.
 */
export function saveAnswers(
  ws: Workspace,
  plan: ScoringPlan,
  entry: RespondentEntry,
  data: Record<string, unknown>,
  options: { now: string; complete?: boolean; source?: RespondentEntry['source'] },
): void {
  const answers = { questionnaire: ws.engagement.questionnaire, organization: ws.engagement.organization, respondent: { name: entry.name, role: entry.role }, data };
  const problems = checkAnswers(answers, plan, respondentFile(ws, entry.id));
  if (problems.length) throw new InputError(problems);
  writeAnswers(ws, entry, data);
  entry.status = options.complete ? 'complete' : Object.keys(data).length ? 'in-progress' : entry.status;
  entry.updatedAt = options.now;
  if (options.source) entry.source = options.source;
  saveEngagement(ws);
}

/** Every respondent's answers file in the workspace, in the engagement's order. */
export function workspaceAnswers(ws: Workspace): { entry: RespondentEntry; file: string }[] {
  const known = new Set(ws.engagement.respondents.map((r) => `${r.id}.json`));
  // Dot files are not answers: among them the temporary file of a write that a crash interrupted.
  const stray = readdirSync(join(ws.dir, 'respondents')).filter((f) => f.endsWith('.json') && !f.startsWith('.') && !known.has(f));
  if (stray.length) throw new InputError({ file: join(ws.dir, 'respondents', stray[0]), message: 'is not listed in engagement.json; add the respondent with "irready import" or remove the file' });
  return ws.engagement.respondents.map((entry) => ({ entry, file: respondentFile(ws, entry.id) }));
}
