import type { Condition, FactCondition, Operator } from './rules.js';
import { OPERATORS } from './rules.js';

/** Where conditions read facts from: a Map, or a view that overrides some facts of another. */
export type Facts = { get(fact: string): unknown };

/** A leaf condition that decided the outcome, in words: `LC.level = 1, at most 1`. */
export interface Reason {
  fact: string;
  actual: unknown;
  test: string;
  held: boolean;
}

export function operatorOf(c: FactCondition): Operator {
  return OPERATORS.find((op) => op in c)!;
}

type Predicate = (facts: Facts) => boolean;

/** Conditions compiled to predicates once, on first use: rules are evaluated many times (see flips). */
const compiled = new WeakMap<object, Predicate>();

/**
 * Evaluates a condition. A fact that is unknown (an unanswered profile question) fails every test
 * except `ne`, `notIn` and `answered: false`.
 */
export function holds(c: Condition | undefined, facts: Facts): boolean {
  if (!c) return true;
  let predicate = compiled.get(c);
  if (!predicate) compiled.set(c, (predicate = compile(c)));
  return predicate(facts);
}

function compile(c: Condition): Predicate {
  if ('all' in c) {
    const parts = c.all.map(compile);
    return (f) => parts.every((p) => p(f));
  }
  if ('any' in c) {
    const parts = c.any.map(compile);
    return (f) => parts.some((p) => p(f));
  }
  if ('none' in c) {
    const parts = c.none.map(compile);
    return (f) => !parts.some((p) => p(f));
  }
  const op = operatorOf(c);
  const expected = (c as unknown as Record<string, unknown>)[op];
  const fact = c.fact;
  return (f) => test(op, expected, f.get(fact));
}

function test(op: Operator, expected: unknown, actual: unknown): boolean {
  const known = actual !== undefined && actual !== null;
  switch (op) {
    case 'answered':
      return known === expected;
    case 'eq':
      return known && actual === expected;
    case 'ne':
      return !known || actual !== expected;
    case 'lt':
      return typeof actual === 'number' && actual < (expected as number);
    case 'lte':
      return typeof actual === 'number' && actual <= (expected as number);
    case 'gt':
      return typeof actual === 'number' && actual > (expected as number);
    case 'gte':
      return typeof actual === 'number' && actual >= (expected as number);
    case 'in':
      return known && (expected as unknown[]).includes(actual);
    case 'notIn':
      return !known || !(expected as unknown[]).includes(actual);
    case 'contains':
      return Array.isArray(actual) && actual.includes(expected);
    case 'containsAny':
      return Array.isArray(actual) && (expected as unknown[]).some((x) => actual.includes(x));
  }
}

const WORDS: Record<Operator, string> = {
  eq: 'is',
  ne: 'is not',
  lt: 'below',
  lte: 'at most',
  gt: 'above',
  gte: 'at least',
  in: 'one of',
  notIn: 'none of',
  contains: 'includes',
  containsAny: 'includes any of',
  answered: 'answered:',
};

function show(v: unknown): string {
  if (v === undefined || v === null) return 'unanswered';
  if (Array.isArray(v)) return v.length ? v.map(show).join(', ') : 'nothing';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** The leaf conditions that made a condition true (for `none`, the ones that did not hold), for explanations. */
export function reasons(c: Condition | undefined, facts: Facts, negate = false): Reason[] {
  if (!c) return [];
  if ('all' in c) return c.all.flatMap((x) => reasons(x, facts, negate));
  if ('any' in c) return c.any.filter((x) => holds(x, facts) !== negate).flatMap((x) => reasons(x, facts, negate));
  if ('none' in c) return c.none.flatMap((x) => reasons(x, facts, !negate));
  const op = operatorOf(c);
  const expected = (c as unknown as Record<string, unknown>)[op];
  const actual = facts.get(c.fact);
  const held = test(op, expected, actual);
  return [{ fact: c.fact, actual: actual ?? null, test: `${negate ? 'not ' : ''}${WORDS[op]} ${show(expected)}`, held: negate ? !held : held }];
}

export function describeReason(r: Reason): string {
  return `${r.fact} = ${show(r.actual)} (${r.test})`;
}

/** Every fact a condition reads. */
export function factsOf(c: Condition | undefined): FactCondition[] {
  if (!c) return [];
  if ('all' in c) return c.all.flatMap(factsOf);
  if ('any' in c) return c.any.flatMap(factsOf);
  if ('none' in c) return c.none.flatMap(factsOf);
  return [c];
}
