import type { PlanQuestion, ScoringPlan } from '../questionnaire/plan.js';
import { DOMAINS, DONT_KNOW, LEVELS, NONE_ITEM, NOT_APPLICABLE, STAGES, type Stage } from '../model/taxonomy.js';

export type AnswerStatus = 'scored' | 'not-applicable' | 'dont-know' | 'unanswered' | 'hidden';

export interface ScoredAnswer {
  name: string;
  title: string;
  section: string;
  domain: string;
  stages: Stage[];
  weight: number;
  critical: boolean;
  status: AnswerStatus;
  /** The answer as given (absent when unanswered). */
  value?: unknown;
  /** The answer in words. */
  display?: string;
  /** 0-4, rounded to 2 decimals; null when the answer does not count (not applicable, unanswered, hidden). */
  score: number | null;
  comment?: string;
  references: string[];
}

export interface ProfileAnswer {
  name: string;
  title: string;
  value?: unknown;
  display?: string;
  comment?: string;
}

/** Score, level and coverage of a set of questions (a domain x stage cell, a domain, or all). */
export interface Summary {
  score: number | null;
  level: number | null;
  levelName: string | null;
  /** Share of the visible questions that were answered (not applicable and don't know count as answered). */
  coverage: number | null;
  questions: number;
  answered: number;
  notApplicable: number;
  dontKnow: number;
  unanswered: number;
  /** True when a critical question at 0 or 1 holds the level down to 1. */
  capped: boolean;
  cappedBy: string[];
  /** Set when targets are given (see result/targets.ts): the desired level and how many levels short. */
  target?: number;
  gap?: number | null;
}

export interface DomainScore extends Summary {
  id: string;
  title: string;
  stages: Record<Stage, Summary>;
}

export interface Scores {
  answers: ScoredAnswer[];
  profile: ProfileAnswer[];
  domains: DomainScore[];
  overall: Summary;
  /** Where several respondents disagree (see combine.ts); absent for a single answers object. */
  disagreements?: { questions: { domain: string }[]; domains: { id: string }[] };
}

/** The highest level a domain (or cell) can reach while one of its critical questions scores 0 or 1. */
export const CRITICAL_CAP_LEVEL = 1;
const CRITICAL_THRESHOLD = 1;

/**
 * Scores one set of answers against a compiled questionnaire. Pure: no I/O, no clock, no randomness.
 * Unrounded sums all the way through; rounding happens once, when a summary is made.
 */
export function scoreAnswers(plan: ScoringPlan, data: Readonly<Record<string, unknown>>): Scores {
  const answers: ScoredAnswer[] = [];
  const profile: ProfileAnswer[] = [];
  const raw = new Map<string, number>();

  for (const q of plan.questions) {
    const value = data[q.name];
    const given = value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0) && value !== '';
    const comment = q.commentKey && typeof data[q.commentKey] === 'string' ? (data[q.commentKey] as string) : undefined;
    if (!q.scored) {
      if (!plan.isVisible(q, data)) continue;
      profile.push({ name: q.name, title: q.title, ...(given ? { value, display: displayValue(q, value) } : {}), ...(comment ? { comment } : {}) });
      continue;
    }
    let status: AnswerStatus;
    let score: number | null = null;
    if (!plan.isVisible(q, data)) status = 'hidden';
    else if (!given) status = 'unanswered';
    else if (value === NOT_APPLICABLE && q.kind === 'choice') status = 'not-applicable';
    else {
      score = answerScore(q, value);
      status = value === DONT_KNOW && q.kind === 'choice' ? 'dont-know' : score === null ? 'unanswered' : 'scored';
    }
    if (score !== null) raw.set(q.name, score);
    // Built property by property: object spreads here cost more than the rest of scoring.
    const answer: ScoredAnswer = {
      name: q.name,
      title: q.title,
      section: q.section,
      domain: q.domain!,
      stages: q.stages,
      weight: q.weight,
      critical: q.critical,
      references: q.references,
      status,
      score: null,
    };
    if (given) {
      answer.value = value;
      answer.display = displayValue(q, value);
    }
    answer.score = score === null ? null : round2(score);
    if (comment) answer.comment = comment;
    answers.push(answer);
  }

  const domains: DomainScore[] = [];
  const domainMeans: number[] = [];
  const byDomain = new Map<string, ScoredAnswer[]>();
  for (const a of answers) {
    const list = byDomain.get(a.domain);
    if (list) list.push(a);
    else byDomain.set(a.domain, [a]);
  }
  for (const info of DOMAINS) {
    const inDomain = byDomain.get(info.id);
    if (!inDomain) continue;
    const stages = {} as Record<Stage, Summary>;
    for (const stage of STAGES) stages[stage] = summarise(inDomain.filter((a) => a.stages.includes(stage)), raw);
    const mean = weightedMean(inDomain, raw);
    if (mean !== null) domainMeans.push(mean);
    domains.push({ id: info.id, title: info.title, ...summarise(inDomain, raw), stages });
  }
  return { answers, profile, domains, overall: summariseOverall(domainMeans, answers) };
}

/** The unrounded 0-4 score of a given answer, or null when it cannot be scored. */
export function answerScore(q: PlanQuestion, value: unknown): number | null {
  switch (q.kind) {
    case 'choice':
      return q.choices.find((c) => c.value === String(value))?.score ?? null;
    case 'boolean':
      return value === true ? q.scoreTrue : value === false ? q.scoreFalse : null;
    case 'number': {
      if (typeof value !== 'number') return null;
      let score = q.bands[0]?.score ?? null;
      for (const band of q.bands) if (value >= band.min) score = band.score;
      return score;
    }
    case 'checklist': {
      if (!Array.isArray(value)) return null;
      if (value.includes(NONE_ITEM)) return 0;
      const total = q.choices.reduce((sum, c) => sum + (c.score ?? 0), 0);
      const chosen = q.choices.filter((c) => value.includes(c.value)).reduce((sum, c) => sum + (c.score ?? 0), 0);
      return total > 0 ? (4 * chosen) / total : null;
    }
    case 'matrix': {
      if (typeof value !== 'object' || value === null) return null;
      let sum = 0;
      let weights = 0;
      for (const row of q.rows) {
        const column = (value as Record<string, unknown>)[row.value];
        const score = q.choices.find((c) => c.value === String(column))?.score;
        if (score === undefined) continue;
        sum += row.weight * score;
        weights += row.weight;
      }
      return weights > 0 ? sum / weights : null;
    }
    case 'text':
      return null;
  }
}

/** The unrounded weighted mean of the scored answers among these, or null when none was scored. */
function weightedMean(answers: readonly ScoredAnswer[], raw: ReadonlyMap<string, number>): number | null {
  let sum = 0;
  let weights = 0;
  for (const a of answers) {
    const score = raw.get(a.name);
    if (score === undefined) continue;
    sum += a.weight * score;
    weights += a.weight;
  }
  return weights > 0 ? sum / weights : null;
}

function summarise(answers: readonly ScoredAnswer[], raw: ReadonlyMap<string, number>): Summary {
  const visible = answers.filter((a) => a.status !== 'hidden');
  const mean = weightedMean(visible, raw);
  const score = mean === null ? null : round2(mean);
  const cappedBy = visible.filter((a) => a.critical && raw.has(a.name) && raw.get(a.name)! <= CRITICAL_THRESHOLD).map((a) => a.name);
  let level = score === null ? null : levelOf(score);
  const capped = level !== null && cappedBy.length > 0 && level > CRITICAL_CAP_LEVEL;
  if (capped) level = CRITICAL_CAP_LEVEL;
  return finish(score, level, visible, capped, cappedBy);
}

/** Overall: the plain mean of the domain scores, so that a domain with many questions does not outweigh the rest. */
function summariseOverall(domainMeans: readonly number[], answers: readonly ScoredAnswer[]): Summary {
  const score = domainMeans.length ? round2(domainMeans.reduce((s, m) => s + m, 0) / domainMeans.length) : null;
  return finish(score, score === null ? null : levelOf(score), answers.filter((a) => a.status !== 'hidden'), false, []);
}

function finish(score: number | null, level: number | null, visible: readonly ScoredAnswer[], capped: boolean, cappedBy: string[]): Summary {
  const counts: Record<AnswerStatus, number> = { scored: 0, 'not-applicable': 0, 'dont-know': 0, unanswered: 0, hidden: 0 };
  for (const a of visible) counts[a.status]++;
  const count = (s: AnswerStatus) => counts[s];
  const unanswered = count('unanswered');
  return {
    score,
    level,
    levelName: level === null ? null : LEVELS[level].name,
    coverage: visible.length ? round2((visible.length - unanswered) / visible.length) : null,
    questions: visible.length,
    answered: visible.length - unanswered,
    notApplicable: count('not-applicable'),
    dontKnow: count('dont-know'),
    unanswered,
    capped,
    cappedBy,
  };
}

/** The nearest level to a (rounded) score: 0-0.49 Absent, 0.5-1.49 Initial, ..., 3.5-4 Optimised. */
export function levelOf(score: number): number {
  return Math.max(0, Math.min(4, Math.floor(score + 0.5)));
}

/** Rounds half away from zero to 2 decimals, immune to binary noise such as 1.005. */
export function round2(x: number): number {
  return Math.round((x + Math.sign(x) * 1e-9) * 100) / 100;
}

export function displayValue(q: PlanQuestion, value: unknown): string {
  const text = (v: unknown) => q.choices.find((c) => c.value === String(v))?.text ?? (v === 'none' ? 'None of these' : v === 'other' ? 'Other' : String(v));
  switch (q.kind) {
    case 'choice':
      return text(value);
    case 'boolean':
      return value === true ? q.labelTrue : value === false ? q.labelFalse : String(value);
    case 'checklist':
      return Array.isArray(value) ? value.map(text).join('; ') : String(value);
    case 'matrix':
      return q.rows
        .filter((r) => (value as Record<string, unknown>)[r.value] !== undefined)
        .map((r) => `${r.text}: ${text((value as Record<string, unknown>)[r.value])}`)
        .join('; ');
    default:
      return String(value);
  }
}
