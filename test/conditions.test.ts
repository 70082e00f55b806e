import fc from 'fast-check';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { createAssessor } from '../src/assessment.js';
import { conditionFromOperand, evaluateCondition, isPlain } from '../src/questionnaire/conditions.js';

/**
 * The plain evaluator of visibleIf conditions against SurveyJS's own ConditionRunner, on random
 * conditions and random values: wherever the evaluator decides, it must decide as SurveyJS does.
 */
const { ConditionRunner, ConditionsParser } = createRequire(import.meta.url)('survey-core');
const SEED = Number(process.env.FC_SEED ?? 20261203);
const runs = (n: number) => ({ seed: SEED, numRuns: Number(process.env.FC_RUNS ?? n), endOnFailure: true });

const word = fc.constantFrom('planned', 'Existing', 'none', 'switching', 'co-managed', 'in house', 'x');
const constant = fc.oneof(
  fc.integer({ min: -3, max: 12 }).map(String),
  fc.constantFrom('0.5', '1.5', '007', 'true', 'False', "'2'", "''", "'undefined'", 'null'),
  word.map((w) => `'${w}'`),
);
const list = fc.array(fc.oneof(word.map((w) => `'${w}'`), fc.integer({ min: 0, max: 3 }).map(String)), { minLength: 1, maxLength: 3 }).map((xs) => `[${xs.join(', ')}]`);
const variable = fc.constantFrom('{a}', '{b}', '{c}', '{A}');

const comparison = fc.oneof(
  fc.tuple(variable, fc.constantFrom('=', '!=', '>', '<', '>=', '<='), fc.oneof(constant, variable)).map(([l, op, r]) => `${l} ${op} ${r}`),
  fc.tuple(variable, fc.constantFrom('anyof', 'allof', 'noneof', 'contains', 'notcontains'), fc.oneof(list, constant, variable)).map(([l, op, r]) => `${l} ${op} ${r}`),
  fc.tuple(variable, fc.constantFrom('empty', 'notempty')).map(([v, op]) => `${v} ${op}`),
);
const { expression } = fc.letrec((tie) => ({
  expression: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    comparison,
    fc.tuple(tie('expression'), fc.constantFrom('and', 'or'), tie('expression')).map(([l, op, r]) => `(${l}) ${op} (${r})`),
    // The value of an "and"/"or" compared with something else.
    fc.tuple(tie('expression'), fc.constantFrom('=', '!=', '>=', '<', 'anyof', 'contains'), fc.oneof(constant, variable)).map(([l, op, r]) => `(${l}) ${op} ${r}`),
    tie('expression').map((e) => `!(${e})`),
    variable,
  ),
})) as { expression: fc.Arbitrary<string> };

const plainValue = fc.oneof(fc.integer({ min: -3, max: 12 }), fc.constantFrom(0.5, 1.5, true, false, null), word, fc.array(word, { maxLength: 3 }));
const oddValue = fc.oneof(fc.constantFrom('2', ' planned', '', 'TRUE', '2026-01-01', '007', 'a1', 'undefined', 'UNDEFINED', undefined), fc.array(fc.oneof(word, fc.integer({ min: 0, max: 3 })), { maxLength: 3 }), fc.constant({ x: 1 }));
// "A" beside "a": SurveyJS matches names in any case and takes the first key that fits.
const values = fc.record({ A: plainValue, a: fc.oneof(plainValue, oddValue), b: plainValue, c: fc.oneof(plainValue, oddValue) }, { requiredKeys: [] });

const compile = (expr: string) => conditionFromOperand(new ConditionsParser().parseExpression(expr));

describe('visibleIf without survey-core', () => {
  it('decides as SurveyJS does wherever it decides', () => {
    fc.assert(
      fc.property(expression, values, (expr, vals) => {
        const condition = compile(expr);
        if (!condition) return;
        const ours = evaluateCondition(condition, vals);
        if (ours === undefined) return;
        expect(ours, `${expr} with ${JSON.stringify(vals)}`).toBe(new ConditionRunner(expr).runValues({ ...vals }));
      }),
      runs(4000),
    );
  });

  it('decides most comparisons of plain answers itself, or it would save nothing', () => {
    const plainValues = fc.record({ a: plainValue, b: plainValue, c: plainValue }, { requiredKeys: [] });
    const samples = fc.sample(fc.tuple(comparison, plainValues), { seed: SEED, numRuns: 2000 });
    const decided = samples.filter(([expr, vals]) => {
      const condition = compile(expr);
      return condition !== undefined && evaluateCondition(condition, vals) !== undefined;
    });
    // Random pairs mix kinds (a word against a number, odd constants) that are left to SurveyJS on
    // purpose; about half remain. Real questionnaires fare better: see the next test.
    expect(decided.length / samples.length).toBeGreaterThan(0.4);
  });

  it('decides every condition of the built-in questionnaire for every answer its questions allow', () => {
    const { plan } = createAssessor();
    const exprs = Object.keys(plan.conditions);
    expect(exprs.length).toBeGreaterThan(0);
    const profile = ['org_countries', 'org_provider_count', 'org_provider_status'].map((name) => plan.byName.get(name)!);
    const options = profile.map((q) => [undefined, ...(q.choices.length ? q.choices.map((c) => c.value) : [0, 1, 2, 3, 10])]);
    for (const expr of exprs) {
      const condition = plan.conditions[expr];
      expect(condition, expr).not.toBeNull();
      for (const a of options[0]) for (const b of options[1]) for (const c of options[2]) {
        const vals: Record<string, unknown> = {};
        [a, b, c].forEach((v, i) => v !== undefined && (vals[profile[i].name] = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v));
        const ours = evaluateCondition(condition!, vals);
        expect(ours, `${expr} with ${JSON.stringify(vals)}`).toBe(new ConditionRunner(expr).runValues(vals));
      }
    }
  });

  it('leaves to SurveyJS what it cannot read with certainty', () => {
    expect(compile('iif({a} > 1, true, false)')).toBeUndefined();
    expect(compile('{a} + 1 > 2')).toBeUndefined();
    expect(compile('{a.b} = 1')).toBeUndefined();
    expect(evaluateCondition(compile("{a} = 'x'")!, { a: '2' })).toBeUndefined();
    expect(evaluateCondition(compile("{a} = 'x'")!, { A: 'x' })).toBeUndefined();
    expect(evaluateCondition(compile("{a} = 'x'")!, { A: 'x', a: 'y' })).toBeUndefined();
    expect(evaluateCondition(compile("{a} = {b}")!, { b: 'undefined' })).toBeUndefined();
    expect(compile("({a} and {b}) = {c}")).toBeUndefined();
    expect(compile("!({a} and {b})")).toBeDefined();
    expect(isPlain('in house')).toBe(true);
    expect(isPlain(' padded')).toBe(false);
    expect(isPlain('True')).toBe(false);
  });
});
