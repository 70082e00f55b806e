import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkAnswers, type Answers } from '../src/answers/answers.js';
import { createAssessor } from '../src/assessment.js';
import { checkResult } from '../src/result/load-result.js';
import type { AssessmentResult } from '../src/result/result.js';
import { answerScore, round2, scoreAnswers, type Summary } from '../src/scoring/score.js';
import { answersArb, dataArb, valueArb } from './fuzz/arbitraries.js';

/**
 * Properties of scoring over the BUILT-IN questionnaire, on random valid answers. A fixed seed and a
 * bounded number of runs keep the suite quick and repeatable; set FC_SEED / FC_RUNS to explore further.
 */
const SEED = Number(process.env.FC_SEED ?? 20260105);
const runs = (n: number) => ({ seed: SEED, numRuns: Number(process.env.FC_RUNS ?? n), endOnFailure: true });
const GENERATED_AT = '2026-01-01T00:00:00.000Z';

const assessor = createAssessor();
const { plan } = assessor;
const scored = plan.questions.filter((q) => q.scored);
const withNa = scored.filter((q) => q.kind === 'choice' && q.choices.some((c) => c.value === 'na'));

function summaries(result: { overall: Summary; domains: (Summary & { stages: Record<string, Summary> })[] }): Summary[] {
  return [result.overall, ...result.domains.flatMap((d) => [d, ...Object.values(d.stages)])];
}

const inRange = (x: number | null, lo: number, hi: number) => x === null || (Number.isFinite(x) && x >= lo && x <= hi);

describe('generated answers (sanity of the generator)', () => {
  it('are valid answers files for the built-in questionnaire', () => {
    fc.assert(
      fc.property(answersArb(plan), (answers) => {
        expect(checkAnswers(answers, plan, 'generated.json')).toEqual([]);
      }),
      runs(200),
    );
  });

  it('make the visibility of questions vary', () => {
    const hidden = fc.sample(dataArb(plan), { seed: SEED, numRuns: 60 }).map((data) => scoreAnswers(plan, data).answers.filter((a) => a.status === 'hidden').length);
    expect(new Set(hidden).size).toBeGreaterThan(2);
  });
});

describe('score properties', () => {
  it('keeps every score within 0-4, every level within 0-4 and every coverage within 0-1', () => {
    fc.assert(
      fc.property(dataArb(plan), (data) => {
        const s = scoreAnswers(plan, data);
        for (const a of s.answers) expect(inRange(a.score, 0, 4), `${a.name}: ${a.score}`).toBe(true);
        for (const sum of summaries(s)) {
          expect(inRange(sum.score, 0, 4), `score ${sum.score}`).toBe(true);
          expect(inRange(sum.level, 0, 4), `level ${sum.level}`).toBe(true);
          expect(inRange(sum.coverage, 0, 1), `coverage ${sum.coverage}`).toBe(true);
          expect(sum.answered).toBeLessThanOrEqual(sum.questions);
        }
      }),
      runs(500),
    );
  });

  it('never lowers a domain (nor its cells, nor the overall score) when one answer is raised', () => {
    const arb = fc
      .record({ data: dataArb(plan), index: fc.nat({ max: scored.length - 1 }) })
      .chain(({ data, index }) => fc.tuple(fc.constant(data), fc.constant(scored[index]), valueArb(scored[index]), valueArb(scored[index])));
    fc.assert(
      fc.property(arb, ([data, q, v1, v2]) => {
        const s1 = answerScore(q, v1);
        const s2 = answerScore(q, v2);
        fc.pre(s1 !== null && s2 !== null && s1 !== s2 && !(v1 === 'dk' && q.kind === 'choice') && !(v2 === 'dk' && q.kind === 'choice'));
        const [low, high] = s1! < s2! ? [v1, v2] : [v2, v1];
        const before = scoreAnswers(plan, { ...data, [q.name]: low });
        const after = scoreAnswers(plan, { ...data, [q.name]: high });
        // Scored questions drive no visibility condition, so nothing else changes.
        expect(after.answers.map((a) => a.status)).toEqual(before.answers.map((a) => a.status));
        const d1 = before.domains.find((d) => d.id === q.domain)!;
        const d2 = after.domains.find((d) => d.id === q.domain)!;
        const notLower = (x: number | null, y: number | null) => (x === null ? y === null : y !== null && y >= x);
        expect(notLower(d1.score, d2.score), `${q.name}: ${JSON.stringify(low)} -> ${JSON.stringify(high)}, domain ${d1.score} -> ${d2.score}`).toBe(true);
        for (const stage of q.stages) expect(notLower(d1.stages[stage].score, d2.stages[stage].score), stage).toBe(true);
        expect(notLower(before.overall.score, after.overall.score), 'overall').toBe(true);
      }),
      runs(500),
    );
  });

  it('changing a question to "not applicable" leaves every other answer as it was: the domain is the weighted mean of the others', () => {
    const arb = fc.record({ data: dataArb(plan), index: fc.nat({ max: withNa.length - 1 }) });
    fc.assert(
      fc.property(arb, ({ data, index }) => {
        const q = withNa[index];
        const before = scoreAnswers(plan, data);
        const after = scoreAnswers(plan, { ...data, [q.name]: 'na' });
        const others = (list: typeof before.answers) => list.filter((a) => a.name !== q.name).map((a) => ({ name: a.name, status: a.status, score: a.score, weight: a.weight }));
        expect(others(after.answers)).toEqual(others(before.answers));
        const mine = after.answers.find((a) => a.name === q.name)!;
        expect(mine.status === 'not-applicable' || mine.status === 'hidden').toBe(true);
        expect(mine.score).toBeNull();
        // The domain score is the weighted mean of the other visible, scored answers, unrounded until the end.
        let sum = 0;
        let weights = 0;
        for (const other of plan.questions) {
          if (!other.scored || other.domain !== q.domain || other.name === q.name || !plan.isVisible(other, data)) continue;
          const value = data[other.name];
          if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) continue;
          if (value === 'na' && other.kind === 'choice') continue;
          const score = answerScore(other, value);
          if (score === null) continue;
          sum += other.weight * score;
          weights += other.weight;
        }
        const domain = after.domains.find((d) => d.id === q.domain)!;
        if (weights === 0) expect(domain.score).toBeNull();
        else expect(domain.score).toBe(round2(sum / weights));
      }),
      runs(500),
    );
  });
});

describe('result properties', () => {
  const assess = (answers: Answers) => assessor.assess(answers, { generatedAt: GENERATED_AT });

  it('does not depend on the order of the keys in the data object', () => {
    const arb = answersArb(plan).chain((answers) => fc.tuple(fc.constant(answers), fc.shuffledSubarray(Object.keys(answers.data), { minLength: Object.keys(answers.data).length })));
    fc.assert(
      fc.property(arb, ([answers, order]) => {
        const shuffled = { ...answers, data: Object.fromEntries(order.map((k) => [k, answers.data[k]])) };
        const reversedTop = Object.fromEntries(Object.entries(shuffled).reverse()) as unknown as Answers;
        const a = assess(answers);
        const b = assess(reversedTop);
        expect(b).toEqual(a);
        expect(JSON.stringify(b)).toBe(JSON.stringify(a));
      }),
      runs(60),
    );
  });

  it('gives the same scores and decision for a respondent combined with an identical copy', () => {
    fc.assert(
      fc.property(answersArb(plan), (answers) => {
        const one = assess(answers);
        const two = assessor.assessMany([answers, structuredClone(answers)], { generatedAt: GENERATED_AT });
        expect(two.overall).toEqual(one.overall);
        expect(two.domains).toEqual(one.domains);
        expect(two.decision).toEqual(one.decision);
        expect(two.answers.map(({ comment: _c, ...a }) => a)).toEqual(one.answers.map(({ comment: _c, ...a }) => a));
        expect(two.disagreements).toEqual({ questions: [], domains: [] });
        expect(two.combination.respondents).toBe(2);
      }),
      runs(60),
    );
  });

  it('stays finite and valid at the largest numbers an answers file may hold', () => {
    const example = fc.sample(answersArb(plan), { seed: SEED, numRuns: 1 })[0];
    const numbers = plan.questions.filter((q) => q.kind === 'number');
    for (const extreme of [Number.MAX_SAFE_INTEGER, 0]) {
      const data: Record<string, unknown> = { ...example.data, org_need_24x7: true, org_provider_status: 'existing' };
      for (const q of numbers) data[q.name] = Math.min(Math.max(extreme, q.min ?? 0), q.max ?? Infinity);
      const answers = { ...example, data };
      expect(checkAnswers(answers, plan, 'extreme.json')).toEqual([]);
      const text = JSON.stringify(assess(answers));
      expect(() => checkResult(JSON.parse(text), 'result.json', () => text)).not.toThrow();
    }
    // One past the limit is refused, not scored into Infinity.
    const over = { ...example, data: { ...example.data, org_employees: 1e308 } };
    expect(checkAnswers(over, plan, 'over.json').map((p) => p.message)).toEqual([expect.stringContaining('too large')]);
  });

  it('always validates against the result schema after a JSON round trip', () => {
    const check = (result: AssessmentResult) => {
      const text = JSON.stringify(result, null, 2);
      expect(() => checkResult(JSON.parse(text), 'result.json', () => text)).not.toThrow();
    };
    fc.assert(
      fc.property(answersArb(plan), answersArb(plan), (a, b) => {
        check(assess(a));
        // Two different respondents: combined answers and disagreements must validate too.
        check(assessor.assessMany([a, { ...b, organization: a.organization }], { generatedAt: GENERATED_AT }));
      }),
      runs(60),
    );
  });
});
