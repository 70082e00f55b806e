import { describe, expect, it } from 'vitest';
import { checkAnswers } from '../src/answers/answers.js';
import { miniPlan, practice } from './helpers.js';

const plan = miniPlan(
  [
    practice('a', 'FR', ['operation'], { showCommentArea: true }),
    { type: 'boolean', name: 'b', domain: 'LC', stages: ['operation'], references: ['SIM3'] },
    { type: 'text', inputType: 'number', name: 'n', min: 0, max: 600, domain: 'LC', stages: ['operation'], references: ['SIM3'], bands: [{ min: 0, score: 0 }] },
    { type: 'checkbox', name: 'c', domain: 'LC', stages: ['operation'], references: ['SIM3'], showNoneItem: true, choices: [{ value: 'x', score: 1 }, { value: 'y', score: 1 }] },
    { type: 'matrix', name: 'm', domain: 'LC', stages: ['operation'], references: ['SIM3'], rows: ['r1', 'r2'], columns: [{ value: 'no', score: 0 }, { value: 'yes', score: 4 }] },
  ],
  [{ type: 'text', name: 'org_name_note' }],
);

const answers = (data: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  questionnaire: { id: 'mini', version: '1.0.0' },
  organization: { name: 'Müller & Söhne' },
  respondent: { name: 'Ñuñoa', role: 'CISO' },
  data,
  ...extra,
});

const check = (json: unknown) => checkAnswers(json, plan, 'answers.json').map((p) => `${p.place}: ${p.message}`);

describe('answers checks', () => {
  it('accepts good answers, comments and missing answers', () => {
    expect(check(answers({ a: '3', 'a-Comment': 'see policy', b: true, n: 12, c: ['x'], m: { r1: 'yes' }, org_name_note: 'x' }))).toEqual([]);
    expect(check(answers({}))).toEqual([]);
  });

  it.each([
    [{ zz: '1' }, 'data.zz: unknown question "zz"'],
    [{ aa: '1' }, 'data.aa: unknown question "aa"; did you mean "a"?'],
    [{ a: '7' }, 'data.a: "7" is not one of the allowed answers'],
    [{ a: 3 }, 'data.a: 3 is not one of the allowed answers'],
    [{ b: 'yes' }, 'data.b: "yes" is not true or false'],
    [{ n: '12' }, 'data.n: "12" is not a number'],
    [{ n: -1 }, 'data.n: -1 is below the minimum 0'],
    [{ n: 601 }, 'data.n: 601 is above the maximum 600'],
    [{ c: 'x' }, 'data.c: "x" is not a list of choices'],
    [{ c: ['x', 'q'] }, 'data.c: "q" is not one of the allowed choices'],
    [{ c: ['x', 'none'] }, 'data.c: "none" cannot be combined'],
    [{ m: { r3: 'yes' } }, 'data.m: unknown row "r3"'],
    [{ m: { r1: 'maybe' } }, 'data.m: row "r1": "maybe" is not one of the columns'],
    [{ 'a-Comment': 5 }, 'data["a-Comment"]: a comment must be text'],
    [{ 'b-Comment': 'x' }, 'data["b-Comment"]: unknown question "b-Comment"'],
  ])('rejects %j', (data, expected) => {
    const found = check(answers(data));
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(expected);
  });

  it('reports every bad value, not just the first', () => {
    expect(check(answers({ a: '9', b: 1, zz: 0 }))).toHaveLength(3);
  });

  it.each([
    [answers({}, { questionnaire: { id: 'other', version: '1.0.0' } }), 'questionnaire.id: answers are for questionnaire "other"'],
    [answers({}, { questionnaire: { id: 'mini', version: '2.0.0' } }), 'questionnaire.version: answers are for version 2.0.0'],
    [answers({}, { organization: {} }), 'organization: needs {"name": "..."}'],
    [answers({}, { respondent: { name: 'x', role: 3 } }), "respondent.role: needs the respondent's role"],
    [answers({}, { respondent: { name: 'x' } }), "respondent.role: needs the respondent's role"],
    [answers({}, { extra: 1 }), 'extra: unknown field "extra"'],
    [{ questionnaire: { id: 'mini', version: '1.0.0' }, organization: { name: 'x' }, respondent: { name: 'y' } }, 'data: needs a "data" object'],
  ])('rejects a bad envelope %#', (json, expected) => {
    expect(check(json).join('\n')).toContain(expected);
  });

  it('accepts a later minor version of the same questionnaire', () => {
    expect(check(answers({}, { questionnaire: { id: 'mini', version: '1.4.0' } }))).toEqual([]);
  });

  it('rejects something that is not an object', () => {
    expect(check([1, 2])[0]).toContain('must be a JSON object');
  });
});
