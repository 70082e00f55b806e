import type { Person } from '../answers/answers.js';
import type { Readiness } from '../decision/decide.js';
import { DOMAINS, LEVELS, STAGES, type Priority, type SourcingModel, type Stage } from '../model/taxonomy.js';
import type { AssessmentResult } from '../result/result.js';
import type { Summary } from '../scoring/score.js';
import { InputError } from '../util/errors.js';

/**
 * Two assessments of one organisation side by side: what got better, what got worse. Pure: reads only
 * the two results (no files, no clock), so that the same pair always gives the same comparison.
 *
 * Rules:
 * - A level change is what counts: a domain (or a domain x stage cell, or the overall level) is "up"
 *   or "down" when its level moved, "same" when the level stayed (the score delta still shows small
 *   moves), "new" when only the newer assessment has a level, "not-assessed" when the newer one has none.
 * - Blockers and actions are matched by id: in the older only = resolved / closed, in the newer only =
 *   new, in both = remaining / still open.
 * - Readiness is ranked not ready < undetermined < ready with conditions < ready.
 * - The verdict weighs two signals: the readiness rank, and the balance (domains up minus domains
 *   down, plus blockers resolved minus new blockers). It is "improved" when one signal is positive and
 *   the other is not negative, "declined" the other way round, "mixed" when they disagree or when
 *   things moved but balanced out, and "unchanged" when nothing moved.
 */

export type Change = 'up' | 'down' | 'same' | 'new' | 'not-assessed';
export type Verdict = 'improved' | 'declined' | 'mixed' | 'unchanged';
export type ReadinessChange = 'improved' | 'worsened' | 'same';

export interface Point {
  score: number | null;
  level: number | null;
  levelName: string | null;
}

export interface Movement {
  older: Point;
  newer: Point;
  change: Change;
  /** Newer score minus older score, rounded to 2 decimals; null unless both have a score. */
  delta: number | null;
}

export interface DomainComparison extends Movement {
  id: string;
  title: string;
  stages: Record<Stage, Movement>;
}

export interface BlockerRef {
  id: string;
  title: string;
  domain: string;
  domainTitle: string;
  fix: string;
}

export interface ActionRef {
  id: string;
  title: string;
  domain: string;
  domainTitle: string;
  priority: Priority;
  /** For an action open in both: its priority in the older assessment, when it differs. */
  olderPriority?: Priority;
}

export interface DecisionSide {
  model: SourcingModel;
  modelTitle: string;
  readiness: Readiness;
  blockers: number;
}

export interface AssessmentRef {
  generatedAt: string;
  /** YYYY-MM-DD */
  date: string;
  questionnaireVersion: string;
  rulesVersion: string;
  toolVersion: string;
  respondents: Person[];
}

export interface Comparison {
  organization: Person;
  questionnaire: { id: string; title: string };
  older: AssessmentRef;
  newer: AssessmentRef;
  overall: Movement;
  domains: DomainComparison[];
  /** How many domains moved which way (domain level, not stages). */
  counts: Record<Change, number>;
  decision: {
    older: DecisionSide;
    newer: DecisionSide;
    modelChanged: boolean;
    readinessChange: ReadinessChange;
  };
  blockers: { resolved: BlockerRef[]; new: BlockerRef[]; remaining: BlockerRef[] };
  actions: { closed: ActionRef[]; new: ActionRef[]; stillOpen: ActionRef[] };
  verdict: Verdict;
  /** One sentence for a board: the verdict, domain moves, blockers and the recommendation. */
  headline: string;
  /** Caveats: different questionnaire or rules versions, dates in the wrong order. */
  notes: string[];
}

export const READINESS_RANK: Record<Readiness, number> = { 'not-ready': 0, undetermined: 1, 'ready-with-conditions': 2, ready: 3 };
export const READINESS_WORDS: Record<Readiness, string> = {
  'not-ready': 'not ready',
  undetermined: 'undetermined',
  'ready-with-conditions': 'ready with conditions',
  ready: 'ready',
};

const EMPTY: Point = { score: null, level: null, levelName: null };

/** The file names (or labels) the two results came from, for error messages. */
export interface CompareSources {
  older: string;
  newer: string;
}

/**
 * Compares an older and a newer assessment of the same organisation with the same questionnaire
 * (InputError otherwise, naming both sources). A different questionnaire version is allowed, with a note.
 */
export function compareResults(older: AssessmentResult, newer: AssessmentResult, sources: CompareSources = { older: 'older', newer: 'newer' }): Comparison {
  const sameName = (a: string, b: string) => a.trim().normalize('NFC') === b.trim().normalize('NFC');
  if (!sameName(older.organization.name, newer.organization.name)) {
    throw new InputError({
      file: sources.older,
      message: `is an assessment of "${older.organization.name}", but ${sources.newer} is of "${newer.organization.name}"; compare two assessments of the same organisation`,
    });
  }
  if (older.questionnaire.id !== newer.questionnaire.id) {
    throw new InputError({
      file: sources.older,
      message: `used questionnaire "${older.questionnaire.id}", but ${sources.newer} used "${newer.questionnaire.id}"; only assessments with the same questionnaire can be compared`,
    });
  }

  const notes: string[] = [];
  if (older.questionnaire.version !== newer.questionnaire.version) {
    notes.push(
      `The assessments used different versions of the questionnaire (${older.questionnaire.version} and ${newer.questionnaire.version}); questions may have been added or changed, so part of a change can come from the questionnaire rather than from the organisation.`,
    );
  }
  if (older.rules.version !== newer.rules.version) {
    notes.push(`The decision rules differ (version ${older.rules.version} and ${newer.rules.version}); a changed recommendation or blocker may come from the rules.`);
  }
  if (Date.parse(older.generatedAt) > Date.parse(newer.generatedAt)) {
    notes.push(`The older assessment (${older.generatedAt.slice(0, 10)}) is dated after the newer one (${newer.generatedAt.slice(0, 10)}); check the order of the two files.`);
  }

  // Domains: the newer result's order, then any that only the older one has.
  const olderDomains = new Map(older.domains.map((d) => [d.id, d]));
  const newerDomains = new Map(newer.domains.map((d) => [d.id, d]));
  const ids = [...newerDomains.keys(), ...[...olderDomains.keys()].filter((id) => !newerDomains.has(id))];
  const domains: DomainComparison[] = ids.map((id) => {
    const o = olderDomains.get(id);
    const n = newerDomains.get(id);
    const stages = Object.fromEntries(STAGES.map((s) => [s, movement(o?.stages[s], n?.stages[s])])) as Record<Stage, Movement>;
    return { id, title: n?.title ?? o?.title ?? domainTitle(id), ...movement(o, n), stages };
  });
  const counts: Record<Change, number> = { up: 0, down: 0, same: 0, new: 0, 'not-assessed': 0 };
  for (const d of domains) counts[d.change]++;

  const blockerRef = (b: AssessmentResult['decision']['blockers'][number]): BlockerRef => ({ id: b.id, title: b.title, domain: b.domain, domainTitle: domainTitle(b.domain), fix: b.fix });
  const olderBlockers = new Set(older.decision.blockers.map((b) => b.id));
  const newerBlockers = new Set(newer.decision.blockers.map((b) => b.id));
  const blockers = {
    resolved: older.decision.blockers.filter((b) => !newerBlockers.has(b.id)).map(blockerRef),
    new: newer.decision.blockers.filter((b) => !olderBlockers.has(b.id)).map(blockerRef),
    remaining: newer.decision.blockers.filter((b) => olderBlockers.has(b.id)).map(blockerRef),
  };

  const actionRef = (a: AssessmentResult['actions'][number]): ActionRef => ({ id: a.id, title: a.title, domain: a.domain, domainTitle: domainTitle(a.domain), priority: a.priority });
  const olderActions = new Map(older.actions.map((a) => [a.id, a]));
  const newerActionIds = new Set(newer.actions.map((a) => a.id));
  const actions = {
    closed: older.actions.filter((a) => !newerActionIds.has(a.id)).map(actionRef),
    new: newer.actions.filter((a) => !olderActions.has(a.id)).map(actionRef),
    stillOpen: newer.actions
      .filter((a) => olderActions.has(a.id))
      .map((a) => {
        const before = olderActions.get(a.id)!.priority;
        return before === a.priority ? actionRef(a) : { ...actionRef(a), olderPriority: before };
      }),
  };

  const side = (r: AssessmentResult): DecisionSide => ({ model: r.decision.model, modelTitle: r.decision.modelTitle, readiness: r.decision.readiness, blockers: r.decision.blockers.length });
  const rankDelta = READINESS_RANK[newer.decision.readiness] - READINESS_RANK[older.decision.readiness];
  const decision = {
    older: side(older),
    newer: side(newer),
    modelChanged: older.decision.model !== newer.decision.model,
    readinessChange: (rankDelta > 0 ? 'improved' : rankDelta < 0 ? 'worsened' : 'same') as ReadinessChange,
  };

  const balance = counts.up - counts.down + blockers.resolved.length - blockers.new.length;
  const moved = counts.up + counts.down + blockers.resolved.length + blockers.new.length > 0 || rankDelta !== 0;
  const verdict: Verdict =
    (rankDelta > 0 && balance >= 0) || (rankDelta === 0 && balance > 0)
      ? 'improved'
      : (rankDelta < 0 && balance <= 0) || (rankDelta === 0 && balance < 0)
        ? 'declined'
        : moved
          ? 'mixed'
          : 'unchanged';

  const ref = (r: AssessmentResult): AssessmentRef => ({
    generatedAt: r.generatedAt,
    date: r.generatedAt.slice(0, 10),
    questionnaireVersion: r.questionnaire.version,
    rulesVersion: r.rules.version,
    toolVersion: r.tool.version,
    respondents: r.respondents,
  });

  const comparison: Omit<Comparison, 'headline'> = {
    organization: newer.organization,
    questionnaire: { id: newer.questionnaire.id, title: newer.questionnaire.title },
    older: ref(older),
    newer: ref(newer),
    overall: movement(older.overall, newer.overall),
    domains,
    counts,
    decision,
    blockers,
    actions,
    verdict,
    notes,
  };
  return { ...comparison, headline: headline(comparison) };
}

/** How one summary moved between the assessments (either may be missing). */
export function movement(older: Summary | undefined, newer: Summary | undefined): Movement {
  const o = point(older);
  const n = point(newer);
  const change: Change = n.level === null ? 'not-assessed' : o.level === null ? 'new' : n.level > o.level ? 'up' : n.level < o.level ? 'down' : 'same';
  const delta = o.score !== null && n.score !== null ? Math.round((n.score - o.score) * 100) / 100 : null;
  return { older: o, newer: n, change, delta: delta === 0 ? 0 : delta };
}

function point(s: Summary | undefined): Point {
  if (!s || s.level === null) return { ...EMPTY, score: s?.score ?? null };
  return { score: s.score, level: s.level, levelName: s.levelName ?? LEVELS[s.level]?.name ?? null };
}

function domainTitle(id: string): string {
  return DOMAINS.find((d) => d.id === id)?.title ?? id;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/**
 * "Readiness improved from not ready to ready: 1 domain up, 1 down; 2 blockers resolved; the
 * recommendation is unchanged: partial (co-managed) outsourcing."
 */
function headline(c: Omit<Comparison, 'headline'>): string {
  const { older, newer } = c.decision;
  const readinessMove = older.readiness === newer.readiness ? '' : ` from ${READINESS_WORDS[older.readiness]} to ${READINESS_WORDS[newer.readiness]}`;
  const opening = {
    improved: `Readiness improved${readinessMove}`,
    declined: `Readiness declined${readinessMove}`,
    mixed: readinessMove ? `Mixed progress (readiness went${readinessMove})` : 'Mixed progress',
    unchanged: 'No change in readiness',
  }[c.verdict];

  const moves: string[] = [];
  if (c.counts.up || c.counts.down) {
    const parts = [c.counts.up ? plural(c.counts.up, 'domain') + ' up' : '', c.counts.down ? (c.counts.up ? `${c.counts.down} down` : plural(c.counts.down, 'domain') + ' down') : ''];
    moves.push(parts.filter(Boolean).join(', '));
  } else moves.push('no domain changed level');
  if (c.counts.new) moves.push(`${c.counts.new} newly assessed`);
  if (c.counts['not-assessed']) moves.push(`${c.counts['not-assessed']} not assessed now`);

  const blockerParts: string[] = [];
  if (c.blockers.resolved.length) blockerParts.push(`${plural(c.blockers.resolved.length, 'blocker')} resolved`);
  if (c.blockers.new.length) blockerParts.push(plural(c.blockers.new.length, 'new blocker'));
  if (c.blockers.remaining.length) blockerParts.push(`${plural(c.blockers.remaining.length, 'blocker')} still open`);
  if (!blockerParts.length) blockerParts.push('no blockers');

  const recommendation = c.decision.modelChanged
    ? `the recommendation changed from ${lowerFirst(older.modelTitle)} to ${lowerFirst(newer.modelTitle)}`
    : `the recommendation is unchanged: ${lowerFirst(newer.modelTitle)}`;

  return `${opening}: ${moves.join(', ')}; ${blockerParts.join(', ')}; ${recommendation}.`;
}

/** Titles used by the renderers. */
export const CHANGE_WORDS: Record<Change, string> = { up: 'up', down: 'down', same: 'same', new: 'new', 'not-assessed': 'not assessed' };
