import type { Horizon, Priority, SourcingModel, Stage } from '../model/taxonomy.js';

/** A leaf condition: one fact compared with one operator. */
export interface FactCondition {
  fact: string;
  eq?: unknown;
  ne?: unknown;
  lt?: number;
  lte?: number;
  gt?: number;
  gte?: number;
  in?: unknown[];
  notIn?: unknown[];
  contains?: unknown;
  containsAny?: unknown[];
  answered?: boolean;
}

export type Condition = { all: Condition[] } | { any: Condition[] } | { none: Condition[] } | FactCondition;

export const OPERATORS = ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in', 'notIn', 'contains', 'containsAny', 'answered'] as const;
export type Operator = (typeof OPERATORS)[number];

interface RuleBase {
  id: string;
  title: string;
  /** When absent, the rule always fires. */
  when?: Condition;
  /** Higher first. Among model rules the firing rule with the highest priority decides. */
  priority: number;
  rationale: string;
  references: string[];
}

export interface ModelRule extends RuleBase {
  kind: 'model';
  model: SourcingModel;
}
export interface BlockerRule extends RuleBase {
  kind: 'blocker';
  domain: string;
  /** What to do about it; becomes a critical 30-day action. */
  fix: string;
  questions?: string[];
}
export interface RetainRule extends RuleBase {
  kind: 'retain';
  /** The function that stays in-house. */
  function: string;
}
export interface ActionRule extends RuleBase {
  kind: 'action';
  action: { title: string; domain: string; stages: Stage[]; priority: Priority; horizon: Horizon; owner?: string; questions?: string[] };
}

/** Sets how services of the catalogue are sourced; per service the firing rule with the highest priority wins over the model's default. */
export interface ServiceRule extends RuleBase {
  kind: 'service';
  services: string[];
  stance: ServiceStance;
}
/** A contract or SLA requirement that a gap calls for, ready to paste into an RFP. */
export interface RequirementRule extends RuleBase {
  kind: 'requirement';
  topic: string;
  requirement: string;
  questions?: string[];
}

export type ServiceStance = 'in-house' | 'share' | 'outsource';

export type Rule = ModelRule | BlockerRule | RetainRule | ActionRule | ServiceRule | RequirementRule;

export interface RuleSet {
  questionnaire: string;
  version: string;
  source: string;
  rules: Rule[];
}
