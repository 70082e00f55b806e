import type { Answers, Person } from '../answers/answers.js';
import { decide, type Action, type Decision } from '../decision/decide.js';
import type { RuleSet } from '../decision/rules.js';
import type { ScoringPlan } from '../questionnaire/plan.js';
import type { Targets } from './targets.js';
import { scoreAnswers, type DomainScore, type ProfileAnswer, type ScoredAnswer, type Summary } from '../scoring/score.js';

/** Raised whenever the result's shape changes; renderers and other tools check it. */
export const SCHEMA_VERSION = '1.1.0';

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
  /** Desired levels, when given with --target. */
  targets?: Targets;
}

export interface ResultOptions {
  /** When the result was made (ISO 8601); the caller owns the clock so that scoring stays pure. */
  generatedAt: string;
  tool: { name: string; version: string };
}

/** Scores one respondent's answers and decides: the whole assessment as one value. */
export function assess(plan: ScoringPlan, rules: RuleSet, answers: Answers, options: ResultOptions): AssessmentResult {
  const scores = scoreAnswers(plan, answers.data);
  const { decision, actions } = decide(plan, rules, scores);
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: options.tool,
    questionnaire: { id: plan.id, version: plan.version, title: plan.title, answeredVersion: answers.questionnaire.version },
    rules: { version: rules.version },
    generatedAt: options.generatedAt,
    organization: answers.organization,
    ...(answers.description ? { description: answers.description } : {}),
    respondents: [answers.respondent],
    profile: scores.profile,
    overall: scores.overall,
    domains: scores.domains,
    decision,
    actions,
    answers: scores.answers,
  };
}
