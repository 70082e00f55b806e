import { describe, expect, it } from 'vitest';
import { answerScore, levelOf, round2, scoreAnswers } from '../src/scoring/score.js';
import { miniPlan, practice } from './helpers.js';

const plan = miniPlan(
  [
    practice('a', 'FR', ['pre-operation'], { weight: 2 }),
    practice('b', 'FR', ['pre-operation', 'operation']),
    practice('c', 'FR', ['operation'], { critical: true }),
    practice('d', 'LC', ['operation'], { visibleIf: "{org_size} > 10" }),
    { type: 'boolean', name: 'e', domain: 'LC', stages: ['operation'], references: ['SIM3'] },
    { type: 'boolean', name: 'e2', domain: 'LC', stages: ['operation'], references: ['SIM3'], scoreTrue: 0, scoreFalse: 4 },
    { type: 'text', inputType: 'number', name: 'f', domain: 'LC', stages: ['pre-operation'], references: ['SIM3'], bands: [{ min: 0, score: 0 }, { min: 3, score: 1 }, { min: 12, score: 3 }, { min: 30, score: 4 }] },
    { type: 'checkbox', name: 'g', domain: 'ST', stages: ['operation'], references: ['SIM3'], showNoneItem: true, choices: [{ value: 'x', score: 3 }, { value: 'y', score: 1 }] },
    { type: 'matrix', name: 'h', domain: 'ST', stages: ['operation'], references: ['SIM3'], rows: [{ value: 'r1', weight: 3 }, { value: 'r2' }], columns: [{ value: 'no', score: 0 }, { value: 'yes', score: 4 }] },
  ],
  [{ type: 'text', inputType: 'number', name: 'org_size' }],
);

const q = (name: string) => plan.byName.get(name)!;

describe('answer scores by kind', () => {
  it.each([
    ['a', '3', 3],
    ['a', 'dk', 0],
    ['e', true, 4],
    ['e', false, 0],
    ['e2', true, 0],
    ['f', 0, 0],
    ['f', 2.9, 0],
    ['f', 3, 1],
    ['f', 18, 3],
    ['f', 30, 4],
    ['g', ['x'], 3],
    ['g', ['y'], 1],
    ['g', ['x', 'y'], 4],
    ['g', ['none'], 0],
    ['h', { r1: 'yes', r2: 'no' }, 3],
    ['h', { r2: 'yes' }, 4],
  ])('%s = %j scores %d', (name, value, expected) => {
    expect(answerScore(q(name), value)).toBe(expected);
  });
  it('gives no score for "not applicable"', () => {
    expect(answerScore(q('a'), 'na')).toBeNull();
  });
});

describe('domain scores', () => {
  it('takes the weighted mean of scored answers, per domain and per stage cell', () => {
    const s = scoreAnswers(plan, { a: '4', b: '1', c: '2' });
    const fr = s.domains.find((d) => d.id === 'FR')!;
    // (2*4 + 1 + 2) / 4 = 2.75
    expect(fr.score).toBe(2.75);
    expect(fr.level).toBe(3);
    expect(fr.levelName).toBe('Managed');
    // pre-operation: a (w2) and b: (8 + 1) / 3 = 3; operation: b and c: 1.5
    expect(fr.stages['pre-operation'].score).toBe(3);
    expect(fr.stages.operation.score).toBe(1.5);
    expect(fr.stages['post-operation'].score).toBeNull();
    expect(fr.stages['post-operation'].level).toBeNull();
  });

  it('leaves "not applicable" out of the mean but counts it as answered', () => {
    const s = scoreAnswers(plan, { a: 'na', b: '2', c: '4' });
    const fr = s.domains.find((d) => d.id === 'FR')!;
    expect(fr.score).toBe(3);
    expect(fr.notApplicable).toBe(1);
    expect(fr.coverage).toBe(1);
  });

  it('scores "don\'t know" as 0, counts it as answered and flags it', () => {
    const s = scoreAnswers(plan, { a: 'dk', b: '4', c: '4' });
    const fr = s.domains.find((d) => d.id === 'FR')!;
    expect(fr.score).toBe(2); // (0*2 + 4 + 4) / 4
    expect(fr.dontKnow).toBe(1);
    expect(s.answers.find((a) => a.name === 'a')!.status).toBe('dont-know');
  });

  it('leaves unanswered questions out of the mean and lowers coverage', () => {
    const s = scoreAnswers(plan, { a: '3' });
    const fr = s.domains.find((d) => d.id === 'FR')!;
    expect(fr.score).toBe(3);
    expect(fr.coverage).toBe(0.33);
    expect(fr.unanswered).toBe(2);
  });

  it('does not score a question hidden by visibleIf, even when it has a value', () => {
    const hidden = scoreAnswers(plan, { org_size: 5, d: '0', e: true });
    const lcHidden = hidden.domains.find((d) => d.id === 'LC')!;
    expect(hidden.answers.find((a) => a.name === 'd')!.status).toBe('hidden');
    expect(lcHidden.score).toBe(4);
    expect(lcHidden.questions).toBe(3); // d is not counted at all
    const shown = scoreAnswers(plan, { org_size: 50, d: '0', e: true });
    expect(shown.domains.find((d) => d.id === 'LC')!.score).toBe(2);
  });

  it('caps the level of a domain and its cells at 1 when a critical question scores 0 or 1, without changing the score', () => {
    const s = scoreAnswers(plan, { a: '4', b: '4', c: '1' });
    const fr = s.domains.find((d) => d.id === 'FR')!;
    expect(fr.score).toBe(3.25);
    expect(fr.level).toBe(1);
    expect(fr.capped).toBe(true);
    expect(fr.cappedBy).toEqual(['c']);
    expect(fr.stages.operation.capped).toBe(true);
    expect(fr.stages['pre-operation'].capped).toBe(false);
    const dk = scoreAnswers(plan, { a: '4', b: '4', c: 'dk' }).domains.find((d) => d.id === 'FR')!;
    expect(dk.level).toBe(1);
    const ok = scoreAnswers(plan, { a: '4', b: '4', c: '2' }).domains.find((d) => d.id === 'FR')!;
    expect(ok.capped).toBe(false);
  });

  it('makes the overall score the plain mean of the domain scores', () => {
    const s = scoreAnswers(plan, { a: '4', b: '4', c: '4', e: false, g: ['y'] });
    // FR 4, LC 0, ST 1 -> 5/3
    expect(s.overall.score).toBe(1.67);
    expect(s.overall.level).toBe(2);
  });

  it('keeps profile answers apart and unscored', () => {
    const s = scoreAnswers(plan, { org_size: 12 });
    expect(s.profile).toEqual([{ name: 'org_size', title: 'org_size', value: 12, display: '12' }]);
  });

  it('keeps comments with their answers', () => {
    const p = miniPlan([practice('a', 'FR', ['operation'], { showCommentArea: true })]);
    const s = scoreAnswers(p, { a: '2', 'a-Comment': 'Policy v3, signed 2026-02' });
    expect(s.answers[0].comment).toBe('Policy v3, signed 2026-02');
  });
});

describe('rounding and levels', () => {
  it.each([
    [1.005, 1.01],
    [2.675, 2.68],
    [1 / 3, 0.33],
    [2 / 3, 0.67],
  ])('round2(%d) = %d', (x, y) => expect(round2(x)).toBe(y));
  it.each([
    [0, 0],
    [0.49, 0],
    [0.5, 1],
    [1.49, 1],
    [1.5, 2],
    [2.5, 3],
    [3.49, 3],
    [3.5, 4],
    [4, 4],
  ])('levelOf(%d) = %d', (score, level) => expect(levelOf(score)).toBe(level));
});
