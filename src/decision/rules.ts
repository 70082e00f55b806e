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

export type Rule = ModelRule | BlockerRule | RetainRule | ActionRule;

export interface RuleSet {
  questionnaire: string;
  version: string;
  source: string;
  rules: Rule[];
}
