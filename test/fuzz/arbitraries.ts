import fc from 'fast-check';
import type { Answers } from '../../src/answers/answers.js';
import type { PlanQuestion, ScoringPlan } from '../../src/questionnaire/plan.js';

/** Every valid answer to a question, as fast-check generates them (never "unanswered"). */
export function valueArb(q: PlanQuestion): fc.Arbitrary<unknown> {
  const choiceValues = [...q.choices.map((c) => (c.numeric ? Number(c.value) : c.value)), ...(q.allowOther ? ['other'] : [])];
  switch (q.kind) {
    case 'choice':
      return fc.constantFrom(...choiceValues);
    case 'boolean':
      return fc.boolean();
    case 'number': {
      const min = q.min ?? 0;
      const max = q.max ?? 100_000;
      return fc.oneof(
        { weight: 4, arbitrary: fc.integer({ min: Math.ceil(min), max: Math.floor(Math.min(max, 200)) }) },
        { weight: 2, arbitrary: fc.double({ min, max, noNaN: true, noDefaultInfinity: true }) },
        // Rare, very large (but finite) numbers: the plan's staffing and cost sums must stay finite.
        { weight: 1, arbitrary: q.max === undefined ? fc.oneof(fc.double({ min: Math.max(min, 1e6), max: Number.MAX_SAFE_INTEGER, noNaN: true }), fc.constant(Number.MAX_SAFE_INTEGER)) : fc.constant(max) },
      );
    }
    case 'checklist': {
      const pick = fc.shuffledSubarray(choiceValues, { minLength: 1 });
      return q.allowNone ? fc.oneof({ weight: 5, arbitrary: pick }, { weight: 1, arbitrary: fc.constant(['none']) }) : pick;
    }
    case 'matrix': {
      const columns = fc.constantFrom(...choiceValues);
      return fc.record(Object.fromEntries(q.rows.map((r) => [r.value, columns])), { requiredKeys: [] });
    }
    case 'text':
      return fc.string({ maxLength: 20 });
  }
}

/** A data object of valid answers over a questionnaire: each question unanswered or a valid value, some comments. */
export function dataArb(plan: ScoringPlan): fc.Arbitrary<Record<string, unknown>> {
  const entries: [string, fc.Arbitrary<unknown>][] = [];
  for (const q of plan.questions) {
    entries.push([q.name, fc.option(valueArb(q), { nil: undefined, freq: 4 })]);
    if (q.commentKey) entries.push([q.commentKey, fc.option(fc.string({ maxLength: 30 }), { nil: undefined, freq: 1 })]);
  }
  return fc.record(Object.fromEntries(entries)).map((rec) => Object.fromEntries(Object.entries(rec).filter(([, v]) => v !== undefined)));
}

export function answersArb(plan: ScoringPlan): fc.Arbitrary<Answers> {
  return fc.record({
    organization: fc.record({ name: fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() !== '') }),
    respondent: fc.record({ name: fc.constantFrom('Ann', 'Bo', 'Cy'), role: fc.constantFrom('CISO', 'IT manager') }),
    data: dataArb(plan),
  }).map(({ organization, respondent, data }) => ({ questionnaire: { id: plan.id, version: plan.version }, organization, respondent, data }));
}
