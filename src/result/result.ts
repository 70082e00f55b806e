import type { Answers, Person } from '../answers/answers.js';
import { decide, type Action, type Decision } from '../decision/decide.js';
import type { RuleSet } from '../decision/rules.js';
import type { ScoringPlan } from '../questionnaire/plan.js';
import type { Targets } from './targets.js';
import type { Catalogue } from '../plan/catalogue.js';
import { buildPlan, type OutsourcingPlan } from '../plan/plan.js';
import type { CostAssumptions } from '../plan/staffing.js';
import { combineAnswers, COMBINATION_RULE, type Disagreements } from '../scoring/combine.js';
import { scoreAnswers, type DomainScore, type ProfileAnswer, type ScoredAnswer, type Summary } from '../scoring/score.js';

/** Raised whenever the result's shape changes; renderers and other tools check it. */
export const SCHEMA_VERSION = '1.3.0';

/** Everything an assessment found. Renderers read only this. */
export interface AssessmentResult {
  schemaVersion: string;
  tool: { name: string; version: string };
  questionnaire: { id: string; version: string; title: string; answeredVersion: string };
  rules: { version: string };
  generatedAt: string;
  organization: Person;
  description?: string;
  respondents: Person[];
  profile: ProfileAnswer[];
  overall: Summary;
  domains: DomainScore[];
  decision: Decision;
  actions: Action[];
  answers: ScoredAnswer[];
  /** How several respondents' answers were combined, and where they disagree. */
  combination: { rule: string; respondents: number };
  disagreements: Disagreements;
  /** The outsourcing plan: services, responsibilities, staffing and cost, contract requirements. */
  plan: OutsourcingPlan;
  /** Desired levels, when given with --target. */
  targets?: Targets;
}

export interface ResultOptions {
  /** When the result was made (ISO 8601); the caller owns the clock so that scoring stays pure. */
  generatedAt: string;
  tool: { name: string; version: string };
  catalogue: Catalogue;
  /** Cost figures that replace the defaults (from --costs). */
  costs?: Partial<CostAssumptions>;
}

/** Scores one respondent's answers and decides: the whole assessment as one value. */
export function assess(plan: ScoringPlan, rules: RuleSet, answers: Answers, options: ResultOptions): AssessmentResult {
  return assessMany(plan, rules, [answers], options);
}

/**
 * Scores the answers of one or more respondents of one organisation: they are combined per question
 * (see COMBINATION_RULE), scored and decided once, and their disagreements are recorded.
 */
export function assessMany(plan: ScoringPlan, rules: RuleSet, respondents: readonly Answers[], options: ResultOptions): AssessmentResult {
  if (!respondents.length) throw new Error('assessMany needs at least one respondent');
  const first = respondents[0];
  const combined = combineAnswers(plan, respondents);
  const scores = { ...scoreAnswers(plan, combined.data), disagreements: combined.disagreements };
  const { decision, actions } = decide(plan, rules, scores);
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: options.tool,
    questionnaire: { id: plan.id, version: plan.version, title: plan.title, answeredVersion: first.questionnaire.version },
    rules: { version: rules.version },
    generatedAt: options.generatedAt,
    organization: first.organization,
    ...(first.description ? { description: first.description } : {}),
    respondents: respondents.map((r) => r.respondent),
    profile: scores.profile,
    overall: scores.overall,
    domains: scores.domains,
    decision,
    actions,
    answers: scores.answers,
    combination: { rule: COMBINATION_RULE, respondents: respondents.length },
    disagreements: combined.disagreements,
    plan: buildPlan(options.catalogue, rules, scores, decision, options.costs),
  };
}
