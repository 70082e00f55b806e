import { describe, expect, it } from 'vitest';
import { BUILT_IN_QUESTIONNAIRE, createAssessor } from '../src/assessment.js';
import { compileQuestionnaire, findCycle, loadQuestionnaire } from '../src/questionnaire/compile.js';
import { challengeCoverage } from '../src/docs/coverage.js';
import { PAPER_CHALLENGES, STAGES } from '../src/model/taxonomy.js';
import { miniQuestionnaire, practice, problemsOf } from './helpers.js';

describe('the built-in questionnaire', () => {
  const plan = loadQuestionnaire(BUILT_IN_QUESTIONNAIRE);
  const scored = plan.questions.filter((q) => q.scored);

  it('has an unscored organisation profile and at least 60 scored questions', () => {
    expect(plan.questions.filter((q) => !q.scored).map((q) => q.name)).toEqual(
      expect.arrayContaining(['org_employees', 'org_security_fte', 'org_sector', 'org_regulations', 'org_need_24x7', 'org_tailored_systems', 'org_countries', 'org_sites', 'org_provider_status', 'org_budget_band', 'org_languages']),
    );
    expect(scored.length).toBeGreaterThanOrEqual(60);
  });

  it.each(['FR', 'LC', 'RC', 'ST'])('has at least 8 questions in %s, in every stage', (domain) => {
    const inDomain = scored.filter((q) => q.domain === domain);
    expect(inDomain.length).toBeGreaterThanOrEqual(8);
    for (const stage of STAGES) expect(inDomain.some((q) => q.stages.includes(stage)), `${domain} ${stage}`).toBe(true);
  });

  it('gives every scored question help text, a reference and an action', () => {
    for (const q of scored) {
      expect(q.description, q.name).toBeTruthy();
      expect(q.references.length, q.name).toBeGreaterThan(0);
      expect(q.action, q.name).toBeTruthy();
      // SurveyJS gives text (number) questions no comment area.
      if (q.kind !== 'number') expect(q.commentKey, q.name).toBe(`${q.name}-Comment`);
    }
  });

  it('uses every answer kind the engine scores', () => {
    expect(new Set(scored.map((q) => q.kind))).toEqual(new Set(['choice', 'boolean', 'number', 'checklist', 'matrix']));
  });

  it('cites each of the paper\'s 21 challenges in a question and answers it in a rule or action', () => {
    const { rules } = createAssessor();
    const coverage = challengeCoverage(plan, rules);
    expect(coverage).toHaveLength(Object.keys(PAPER_CHALLENGES).length);
    for (const row of coverage) {
      expect(row.questions.length, row.id).toBeGreaterThan(0);
      expect(row.answeredBy.length, row.id).toBeGreaterThan(0);
    }
  });

  it('asks multi-provider questions only with more than one provider, post-operation ones only with a provider', () => {
    const lead = plan.byName.get('rc_multi_provider_lead')!;
    expect(plan.isVisible(lead, { org_provider_count: 1 })).toBe(false);
    expect(plan.isVisible(lead, { org_provider_count: 2 })).toBe(true);
    const postOnly = plan.questions.filter((q) => q.scored && q.stages.length === 1 && q.stages[0] === 'post-operation');
    expect(postOnly.length).toBeGreaterThan(0);
    for (const q of postOnly) {
      expect(plan.isVisible(q, { org_provider_status: 'none' }), q.name).toBe(false);
      expect(plan.isVisible(q, { org_provider_status: 'existing' }), q.name).toBe(true);
    }
  });
});

describe('questionnaire checks', () => {
  const problems = (elements: unknown[], profile: unknown[] = []) => problemsOf(() => compileQuestionnaire(miniQuestionnaire(elements, profile), 'q.json'));

  it('accepts a minimal valid questionnaire', () => {
    expect(compileQuestionnaire(miniQuestionnaire([practice('a', 'FR', ['operation'])]), 'q.json').questions).toHaveLength(1);
  });

  it.each([
    ['no domain', { ...practice('a', 'FR', ['operation']), domain: undefined }, 'a scored question needs a "domain"'],
    ['no stages', { ...practice('a', 'FR', ['operation']), stages: undefined }, 'a scored question needs "stages"'],
    ['unknown domain', practice('a', 'XX', ['operation']), 'unknown domain "XX"'],
    ['unknown stage', practice('a', 'FR', ['during']), 'unknown stage "during"'],
    ['unknown reference', practice('a', 'FR', ['operation'], { references: ['ISO-9999'] }), 'unknown reference id "ISO-9999"'],
    ['no reference', practice('a', 'FR', ['operation'], { references: [] }), 'needs at least one reference'],
    ['choice without score', practice('a', 'FR', ['operation'], { choices: [{ value: '0', score: 0 }, { value: 'x' }] }), 'choice "x" has no score'],
    ['score out of range', practice('a', 'FR', ['operation'], { choices: [{ value: '0', score: 7 }] }), 'scores run from 0 to 4'],
    ['number without bands', { type: 'text', inputType: 'number', name: 'n', domain: 'FR', stages: ['operation'], references: ['SIM3'] }, 'needs "bands"'],
    ['bands out of order', { type: 'text', inputType: 'number', name: 'n', domain: 'FR', stages: ['operation'], references: ['SIM3'], bands: [{ min: 5, score: 1 }, { min: 2, score: 2 }] }, 'ascending order'],
    ['unscorable type', { type: 'comment', name: 'c', domain: 'FR', stages: ['operation'], references: ['SIM3'] }, 'a scored question must be'],
    ['matrix column without score', { type: 'matrix', name: 'm', domain: 'FR', stages: ['operation'], references: ['SIM3'], rows: ['r'], columns: [{ value: 'c' }] }, 'column "c" has no score'],
    ['unknown question in visibleIf', practice('a', 'FR', ['operation'], { visibleIf: '{nope} = 1' }), 'visibleIf names an unknown question "nope"'],
    ['invalid visibleIf', practice('a', 'FR', ['operation'], { visibleIf: '{a} = = 1' }), 'is not a valid expression'],
    ['unknown SurveyJS property', practice('a', 'FR', ['operation'], { colour: 'red' }), "invalid SurveyJS: Unknown property in class 'radiogroup': 'colour'"],
  ])('reports %s, naming the question', (_label, element, expected) => {
    const found = problems([element]);
    expect(found.some((p) => p.includes(expected)), found.join('\n')).toBe(true);
    expect(found[0]).toMatch(/^pages\[0\]\.elements\[0\]\S* \(\w+\): /);
  });

  it('reports visibleIf conditions that depend on each other in a circle', () => {
    const found = problems([practice('a', 'FR', ['operation'], { visibleIf: "{b} = '1'" }), practice('b', 'FR', ['operation'], { visibleIf: "{a} = '1'" })]);
    expect(found.join('\n')).toContain('visibleIf conditions form a cycle: a -> b -> a');
  });

  it('reports a name used twice, also when only the case differs', () => {
    expect(problems([practice('a', 'FR', ['operation']), practice('a', 'FR', ['operation'])]).join('\n')).toContain('the name "a" is used twice');
    expect(problems([practice('fr_plan', 'FR', ['operation']), practice('FR_Plan', 'FR', ['operation'])]).join('\n')).toContain('the names "fr_plan" and "FR_Plan" differ only in case');
  });

  it('needs an id and a version', () => {
    const found = problemsOf(() => compileQuestionnaire({ pages: [{ name: 'p', elements: [practice('a', 'FR', ['operation'])] }] }, 'q.json'));
    expect(found.join('\n')).toMatch(/questionnaireId[\s\S]*questionnaireVersion/);
  });

  it('names the line of a problem when it has the file text', () => {
    const json = miniQuestionnaire([practice('a', 'FR', ['operation']), practice('b', 'XX', ['operation'])]);
    const text = JSON.stringify(json, null, 2);
    try {
      compileQuestionnaire(json, 'q.json', () => text);
      expect.fail('should throw');
    } catch (err) {
      const p = (err as { problems: { line?: number; place?: string }[] }).problems[0];
      expect(p.place).toBe('pages[0].elements[1].domain (b)');
      expect(text.split('\n')[p.line! - 1]).toContain('"domain": "XX"');
    }
  });
});

describe('findCycle', () => {
  it('finds none in a tree and one in a loop', () => {
    expect(findCycle(new Map([['a', ['b']], ['b', []]]))).toBeUndefined();
    expect(findCycle(new Map([['a', ['a']]]))).toEqual(['a', 'a']);
  });
});
