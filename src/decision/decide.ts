import { DOMAINS, domainInfo, LEVELS, MODEL_TITLES, MODELS, PRIORITIES, type Horizon, type Priority, type SourcingModel, type Stage } from '../model/taxonomy.js';
import type { ScoringPlan } from '../questionnaire/plan.js';
import type { ScoredAnswer, Scores } from '../scoring/score.js';
import { describeReason, factsOf, holds, reasons, type Facts } from './conditions.js';
import { FactBook } from './facts.js';
import type { ModelRule, Rule, RuleSet } from './rules.js';

export interface FiredRule {
  id: string;
  kind: Rule['kind'];
  title: string;
  priority: number;
  /** What the rule concluded, in words. */
  outcome: string;
  /** The facts that made it fire. */
  because: string[];
  rationale: string;
  references: string[];
}

export interface Blocker {
  id: string;
  title: string;
  domain: string;
  fix: string;
  because: string[];
  rationale: string;
  references: string[];
  questions: string[];
}

export interface Retained {
  id: string;
  function: string;
  rationale: string;
  references: string[];
}

/** A smallest change of a domain level or a profile fact that would give another model. */
export interface Flip {
  model: SourcingModel;
  fact: string;
  /** The domain title or the profile question's title. */
  label: string;
  from: unknown;
  to: unknown;
  /** Levels moved for a domain; 1 for a profile fact. */
  distance: number;
  rule: string;
}

/** undetermined: no blocker was found, but fewer than half of the questions were answered. */
export type Readiness = 'ready' | 'ready-with-conditions' | 'not-ready' | 'undetermined';
export type Confidence = 'high' | 'medium' | 'low';

export interface Decision {
  model: SourcingModel;
  modelTitle: string;
  modelRule: string;
  readiness: Readiness;
  confidence: Confidence;
  summary: string;
  blockers: Blocker[];
  retained: Retained[];
  rules: FiredRule[];
  flips: Flip[];
}

export interface Action {
  id: string;
  title: string;
  domain: string;
  stages: Stage[];
  priority: Priority;
  horizon: Horizon;
  owner: string;
  source: 'question' | 'blocker' | 'rule';
  questions: string[];
  rules: string[];
  references: string[];
  why: string;
}

/** Answers scoring below this (formal and approved) become actions. */
export const GAP_THRESHOLD = 3;
const HORIZON_OF: Record<Priority, Horizon> = { critical: 30, high: 90, medium: 180, low: 180 };

/** The sourcing decision and the action plan for one set of scores. Pure. */
export function decide(plan: ScoringPlan, ruleSet: RuleSet, scores: Scores): { decision: Decision; actions: Action[] } {
  const facts = new FactBook(scores);
  const modelRules = ruleSet.rules.filter((r): r is ModelRule => r.kind === 'model');
  const winner = chooseModel(modelRules, facts);
  facts.assign('model', winner.model);

  const fired: FiredRule[] = [];
  const blockers: Blocker[] = [];
  const retained: Retained[] = [];
  const ruleActions: Action[] = [];
  // Service and requirement rules shape the outsourcing plan (src/plan/), not the decision.
  const kindOrder = { model: 0, blocker: 1, retain: 2, action: 3 } as const;
  const ordered = ruleSet.rules
    .filter((r): r is Exclude<Rule, { kind: 'service' | 'requirement' }> => r.kind in kindOrder)
    .sort((a, b) => kindOrder[a.kind] - kindOrder[b.kind] || b.priority - a.priority);
  for (const rule of ordered) {
    if (rule.kind === 'model' ? rule !== winner : !holds(rule.when, facts)) continue;
    const because = reasons(rule.when, facts).map(describeReason);
    const base = { id: rule.id, rationale: rule.rationale, references: rule.references };
    let outcome: string;
    switch (rule.kind) {
      case 'model':
        outcome = `recommends ${lowerFirst(MODEL_TITLES[rule.model])}`;
        break;
      case 'blocker':
        outcome = `blocks outsourcing until fixed: ${rule.title}`;
        blockers.push({ ...base, title: rule.title, domain: rule.domain, fix: rule.fix, because, questions: rule.questions ?? [] });
        ruleActions.push({
          id: rule.id, title: rule.fix, domain: rule.domain, stages: ['pre-operation'], priority: 'critical', horizon: 30,
          owner: domainInfo(rule.domain).owner, source: 'blocker', questions: rule.questions ?? [], rules: [rule.id], references: rule.references, why: rule.title,
        });
        break;
      case 'retain':
        outcome = `keeps in-house: ${rule.function}`;
        retained.push({ ...base, function: rule.function });
        break;
      case 'action':
        outcome = `adds the action: ${rule.action.title}`;
        ruleActions.push({
          id: rule.id, title: rule.action.title, domain: rule.action.domain, stages: rule.action.stages, priority: rule.action.priority,
          horizon: rule.action.horizon, owner: rule.action.owner ?? domainInfo(rule.action.domain).owner, source: 'rule',
          questions: rule.action.questions ?? [], rules: [rule.id], references: rule.references, why: rule.rationale,
        });
        break;
    }
    fired.push({ ...base, kind: rule.kind, title: rule.title, priority: rule.priority, outcome, because });
  }

  const actions = sortActions(absorbGapActions(ruleActions, questionActions(plan, scores.answers)), scores.answers);
  const coverage = scores.overall.coverage ?? 0;
  const confidence: Confidence = coverage >= 0.8 ? 'high' : coverage >= 0.5 ? 'medium' : 'low';
  const readiness: Readiness = blockers.length
    ? 'not-ready'
    : confidence === 'low'
      ? 'undetermined'
      : actions.some((a) => a.priority === 'critical')
        ? 'ready-with-conditions'
        : 'ready';
  return {
    decision: {
      model: winner.model,
      modelTitle: MODEL_TITLES[winner.model],
      modelRule: winner.id,
      readiness,
      confidence,
      summary: summarise(winner, blockers, confidence),
      blockers,
      retained,
      rules: fired,
      flips: findFlips(modelRules, facts, winner, scores, plan),
    },
    actions,
  };
}

/** The firing model rule with the highest priority; file order breaks ties. */
export function chooseModel(modelRules: readonly ModelRule[], facts: Facts): ModelRule {
  let best: ModelRule | undefined;
  for (const rule of modelRules) {
    if ((!best || rule.priority > best.priority) && holds(rule.when, facts)) best = rule;
  }
  // The rules loader insists on a fallback rule without conditions, so one always fires.
  return best!;
}

function summarise(winner: ModelRule, blockers: readonly Blocker[], confidence: Confidence): string {
  let text = `${MODEL_TITLES[winner.model]} is recommended: ${lowerFirst(winner.title)}.`;
  if (blockers.length === 1) text += ` One readiness blocker must be fixed before a provider can work well: ${blockers[0].title.toLowerCase()}.`;
  else if (blockers.length > 1) text += ` ${blockers.length} readiness blockers must be fixed before a provider can work well.`;
  if (confidence === 'low') text += ' Fewer than half of the questions were answered, so treat this as provisional.';
  return text;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** Every answer below the gap threshold (and every "don't know") becomes an action. */
function questionActions(plan: ScoringPlan, answers: readonly ScoredAnswer[]): Action[] {
  const actions: Action[] = [];
  for (const a of answers) {
    if (a.score === null || a.score >= GAP_THRESHOLD) continue;
    const q = plan.byName.get(a.name)!;
    const priority = gapPriority(a);
    actions.push({
      id: `Q-${a.name}`,
      title: q.action ?? `Improve: ${a.title}`,
      domain: a.domain,
      stages: a.stages,
      priority,
      horizon: HORIZON_OF[priority],
      owner: domainInfo(a.domain).owner,
      source: 'question',
      questions: [a.name],
      rules: [],
      references: a.references,
      why: a.status === 'dont-know' ? `Nobody could answer "${a.title}"` : `Answered "${a.display}" (${a.score} of 4)`,
    });
  }
  return actions;
}

/**
 * critical: a critical question at 0 or 1; high: a weighty question (weight 2+) at 0 or 1, or a critical one below 3;
 * medium: any other question at 0 or 1, or a weighty one below 3; low: the rest below 3.
 */
export function gapPriority(a: Pick<ScoredAnswer, 'score' | 'weight' | 'critical'>): Priority {
  const score = a.score ?? 0;
  if (a.critical && score <= 1) return 'critical';
  if ((a.weight >= 2 && score <= 1) || a.critical) return 'high';
  if (score <= 1 || a.weight >= 2) return 'medium';
  return 'low';
}

/**
 * A rule action that names questions replaces their gap actions, so that one gap is one action:
 * it takes the more urgent priority and the shorter horizon of the two. Blocker actions do not
 * absorb: they state the goal, and the gap actions under them are the concrete steps.
 */
function absorbGapActions(ruleActions: Action[], gapActions: Action[]): Action[] {
  const gaps = new Map(gapActions.map((a) => [a.questions[0], a]));
  const merged = ruleActions.map((action) => {
    if (action.source !== 'rule') return action;
    let result = action;
    for (const name of action.questions) {
      const gap = gaps.get(name);
      if (!gap) continue;
      gaps.delete(name);
      if (PRIORITIES.indexOf(gap.priority) < PRIORITIES.indexOf(result.priority)) result = { ...result, priority: gap.priority };
      if (gap.horizon < result.horizon) result = { ...result, horizon: gap.horizon };
      result = { ...result, why: `${result.why} ${gap.why}.` };
    }
    return result;
  });
  return [...merged, ...gaps.values()];
}

function sortActions(actions: Action[], answers: readonly ScoredAnswer[]): Action[] {
  const byName = new Map(answers.map((a) => [a.name, a]));
  const domainOrder = (d: string) => DOMAINS.findIndex((x) => x.id === d);
  const sourceOrder = { blocker: 0, rule: 1, question: 2 } as const;
  const weightOf = (a: Action) => byName.get(a.questions[0] ?? '')?.weight ?? 0;
  const scoreOf = (a: Action) => byName.get(a.questions[0] ?? '')?.score ?? 0;
  return actions.sort(
    (a, b) =>
      PRIORITIES.indexOf(a.priority) - PRIORITIES.indexOf(b.priority) ||
      sourceOrder[a.source] - sourceOrder[b.source] ||
      weightOf(b) - weightOf(a) ||
      scoreOf(a) - scoreOf(b) ||
      domainOrder(a.domain) - domainOrder(b.domain) ||
      a.id.localeCompare(b.id),
  );
}

const FLIPS_PER_MODEL = 2;

/** Tries every other level of every domain and the values that model rules test on profile facts. */
function findFlips(modelRules: readonly ModelRule[], facts: FactBook, winner: ModelRule, scores: Scores, plan: ScoringPlan): Flip[] {
  const candidates: Flip[] = [];
  const tryChange = (changes: [string, unknown][], flip: Omit<Flip, 'model' | 'rule'>) => {
    const rule = chooseModel(modelRules, facts.with(new Map(changes)));
    if (rule.model !== winner.model) candidates.push({ ...flip, model: rule.model, rule: rule.id });
  };
  for (const d of scores.domains) {
    if (d.level === null) continue;
    for (const level of LEVELS.map((l) => l.level)) {
      if (level === d.level) continue;
      tryChange([[`${d.id}.level`, level], [`${d.id}.score`, level]], {
        fact: `${d.id}.level`, label: d.title, from: d.level, to: level, distance: Math.abs(level - d.level),
      });
    }
  }
  const seen = new Set<string>();
  for (const leaf of modelRules.flatMap((r) => factsOf(r.when))) {
    if (!leaf.fact.startsWith('profile.')) continue;
    const current = facts.get(leaf.fact);
    for (const to of profileCandidates(leaf, current)) {
      const key = `${leaf.fact}=${JSON.stringify(to)}`;
      if (seen.has(key) || JSON.stringify(to) === JSON.stringify(current)) continue;
      seen.add(key);
      const title = plan.byName.get(leaf.fact.slice('profile.'.length))?.title ?? leaf.fact;
      tryChange([[leaf.fact, to]], { fact: leaf.fact, label: title, from: current ?? null, to, distance: 1 });
    }
  }
  // Per model, the smallest changes first, one per fact: the number closest to today's value.
  const gap = (f: Flip) => (typeof f.to === 'number' && typeof f.from === 'number' ? Math.abs(f.to - f.from) : 0);
  const flips: Flip[] = [];
  for (const model of MODELS) {
    const forModel = candidates
      .filter((c) => c.model === model)
      .sort((a, b) => a.distance - b.distance || a.fact.localeCompare(b.fact) || gap(a) - gap(b) || JSON.stringify(a.to).localeCompare(JSON.stringify(b.to)));
    const facts = new Set<string>();
    for (const flip of forModel) {
      if (facts.has(flip.fact) || facts.size >= FLIPS_PER_MODEL) continue;
      facts.add(flip.fact);
      flips.push(flip);
    }
  }
  return flips;
}

function profileCandidates(leaf: ReturnType<typeof factsOf>[number], current: unknown): unknown[] {
  const out: unknown[] = [];
  for (const op of ['lt', 'lte', 'gt', 'gte'] as const) {
    const v = leaf[op];
    if (typeof v === 'number') out.push(...[v - 1, v, v + 1].filter((x) => x >= 0));
  }
  for (const v of [leaf.eq, leaf.ne]) {
    if (v !== undefined) out.push(v);
    if (typeof v === 'boolean') out.push(!v);
  }
  out.push(...(leaf.in ?? []), ...(leaf.notIn ?? []));
  const items = [...(leaf.containsAny ?? []), ...(leaf.contains !== undefined ? [leaf.contains] : [])];
  if (items.length) {
    const list = Array.isArray(current) ? current.filter((x) => x !== 'none') : [];
    for (const item of items) {
      out.push(list.includes(item) ? list.filter((x) => x !== item) : [...list, item].sort());
    }
    const without = list.filter((x) => !items.includes(x));
    out.push(without.length ? without : ['none']);
  }
  return out;
}
