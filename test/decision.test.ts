import { describe, expect, it } from 'vitest';
import { holds, reasons, describeReason } from '../src/decision/conditions.js';
import { decide, gapPriority } from '../src/decision/decide.js';
import { scoreAnswers } from '../src/scoring/score.js';
import { miniPlan, miniRules, practice, problemsOf } from './helpers.js';

const profile = [
  { type: 'text', inputType: 'number', name: 'staff' },
  { type: 'radiogroup', name: 'sharing', choices: ['allowed', 'prohibited'] },
  { type: 'checkbox', name: 'systems', showNoneItem: true, choices: ['ot', 'legacy'] },
  { type: 'boolean', name: 'need24' },
];
const plan = miniPlan(
  [
    practice('fr1', 'FR', ['operation'], { weight: 2, critical: true, action: 'Fix evidence handling.' }),
    practice('lc1', 'LC', ['operation'], { action: 'Collect logs.' }),
    practice('st1', 'ST', ['operation']),
  ],
  profile,
);

const rules = miniRules(plan, [
  { id: 'M-NO-SHARING', kind: 'model', model: 'in-house', priority: 90, title: 'No sharing', rationale: 'r', references: ['SIM3'], when: { all: [{ fact: 'profile.sharing', eq: 'prohibited' }] } },
  { id: 'M-SMALL', kind: 'model', model: 'full', priority: 50, title: 'Small', rationale: 'r', references: ['SIM3'], when: { all: [{ fact: 'profile.staff', lt: 2 }, { none: [{ fact: 'profile.systems', containsAny: ['ot', 'legacy'] }] }] } },
  { id: 'M-STRONG', kind: 'model', model: 'in-house', priority: 40, title: 'Strong', rationale: 'r', references: ['SIM3'], when: { all: [{ fact: 'ST.level', gte: 3 }] } },
  { id: 'M-DEFAULT', kind: 'model', model: 'partial', priority: 0, title: 'Default', rationale: 'r', references: ['SIM3'] },
  { id: 'B-LOGS', kind: 'blocker', domain: 'LC', priority: 100, title: 'No logs', fix: 'Collect logs first.', rationale: 'r', references: ['PAPER:O11'], when: { any: [{ fact: 'LC.level', lte: 1 }] } },
  { id: 'R-TRIAGE', kind: 'retain', priority: 100, title: 'Triage', function: 'Triage decisions', rationale: 'r', references: ['ENISA-IM-2010:11.1'] },
  { id: 'A-FULL', kind: 'action', priority: 10, title: 'Full', rationale: 'r', references: ['PAPER:P3'], when: { all: [{ fact: 'model', eq: 'full' }] }, action: { title: 'Talk to staff.', domain: 'ST', stages: ['pre-operation'], priority: 'high', horizon: 90 } },
]);

const run = (data: Record<string, unknown>) => decide(plan, rules, scoreAnswers(plan, data));

describe('sourcing decision', () => {
  it('chooses the firing model rule with the highest priority', () => {
    expect(run({ staff: 1, systems: ['none'] }).decision.model).toBe('full');
    expect(run({ staff: 1, systems: ['none'], sharing: 'prohibited' }).decision.model).toBe('in-house');
    expect(run({ staff: 1, systems: ['ot'] }).decision.modelRule).toBe('M-DEFAULT');
    expect(run({ staff: 5, st1: '4' }).decision.modelRule).toBe('M-STRONG');
  });

  it('treats an unanswered fact as failing every test but "not"', () => {
    // staff unanswered: "staff < 2" is false, so M-SMALL cannot fire.
    expect(run({ systems: ['none'] }).decision.model).toBe('partial');
  });

  it('lists readiness blockers, with the facts that raised them, and makes them critical 30-day actions', () => {
    const { decision, actions } = run({ staff: 1, lc1: '1' });
    expect(decision.blockers.map((b) => b.id)).toEqual(['B-LOGS']);
    expect(decision.blockers[0].because).toEqual(['LC.level = 1 (at most 1)']);
    expect(decision.readiness).toBe('not-ready');
    expect(actions[0]).toMatchObject({ id: 'B-LOGS', priority: 'critical', horizon: 30, source: 'blocker' });
  });

  it('keeps retained functions whatever the model', () => {
    for (const data of [{ staff: 1 }, { sharing: 'prohibited' }, {}]) {
      expect(run(data).decision.retained.map((r) => r.id)).toEqual(['R-TRIAGE']);
    }
  });

  it('lets action rules read the chosen model', () => {
    expect(run({ staff: 1, systems: ['none'] }).actions.map((a) => a.id)).toContain('A-FULL');
    expect(run({ staff: 5 }).actions.map((a) => a.id)).not.toContain('A-FULL');
  });

  it('turns every answer below 3 into an action with its question, and none at 3 or above', () => {
    const { actions } = run({ staff: 5, fr1: '1', lc1: '3', st1: 'dk' });
    const fromQuestions = actions.filter((a) => a.source === 'question');
    expect(fromQuestions.map((a) => a.id)).toEqual(['Q-fr1', 'Q-st1']);
    expect(fromQuestions[0]).toMatchObject({ title: 'Fix evidence handling.', priority: 'critical', horizon: 30, questions: ['fr1'], domain: 'FR' });
    expect(fromQuestions[1].why).toContain('Nobody could answer');
  });

  it('says which smallest change would flip the model', () => {
    const { decision } = run({ staff: 1, systems: ['none'], st1: '2' });
    expect(decision.model).toBe('full');
    const flips = decision.flips.map((f) => `${f.fact}:${JSON.stringify(f.to)}->${f.model}`);
    expect(flips).toContain('profile.sharing:"prohibited"->in-house');
    expect(flips).toContain('profile.staff:2->partial');
    expect(decision.flips.find((f) => f.fact === 'profile.staff')!.rule).toBe('M-DEFAULT');
  });

  it('finds domain-level flips', () => {
    const { decision } = run({ staff: 5, st1: '2' });
    expect(decision.model).toBe('partial');
    expect(decision.flips).toContainEqual(expect.objectContaining({ fact: 'ST.level', from: 2, to: 3, distance: 1, model: 'in-house' }));
  });

  it('rates confidence by coverage, and will not call an almost empty assessment ready', () => {
    expect(run({}).decision.confidence).toBe('low');
    expect(run({}).decision.readiness).toBe('undetermined');
    expect(run({ fr1: '3', lc1: '3', st1: '3' }).decision.confidence).toBe('high');
    expect(run({ fr1: '3', lc1: '3', st1: '3' }).decision.readiness).toBe('ready');
  });

  it('merges a gap action into the rule action that names its question', () => {
    const merging = miniRules(plan, [
      { id: 'M-DEFAULT', kind: 'model', model: 'partial', priority: 0, title: 'Default', rationale: 'r', references: ['SIM3'] },
      { id: 'A-LOGS', kind: 'action', priority: 10, title: 'Logs', rationale: 'Logs matter.', references: ['PAPER:O11'], action: { title: 'Fix logging.', domain: 'LC', stages: ['operation'], priority: 'low', horizon: 180, questions: ['lc1'] } },
    ]);
    const { actions } = decide(plan, merging, scoreAnswers(plan, { lc1: '0' }));
    expect(actions.map((a) => a.id)).toEqual(['A-LOGS']);
    expect(actions[0]).toMatchObject({ priority: 'medium', horizon: 180 });
    expect(actions[0].why).toContain('Answered');
  });
});

describe('gap priority', () => {
  it.each([
    [{ score: 0, weight: 1, critical: true }, 'critical'],
    [{ score: 1, weight: 3, critical: false }, 'high'],
    [{ score: 2, weight: 1, critical: true }, 'high'],
    [{ score: 1, weight: 1, critical: false }, 'medium'],
    [{ score: 2, weight: 2, critical: false }, 'medium'],
    [{ score: 2, weight: 1, critical: false }, 'low'],
  ])('%j is %s', (a, p) => expect(gapPriority(a)).toBe(p));
});

describe('conditions', () => {
  const facts = new Map<string, unknown>([['n', 3], ['s', 'x'], ['list', ['a', 'b']], ['nothing', undefined]]);
  it.each([
    [{ fact: 'n', lt: 4 }, true],
    [{ fact: 'n', gte: 4 }, false],
    [{ fact: 's', in: ['x', 'y'] }, true],
    [{ fact: 's', notIn: ['x'] }, false],
    [{ fact: 'list', contains: 'a' }, true],
    [{ fact: 'list', containsAny: ['c', 'b'] }, true],
    [{ fact: 'nothing', eq: 1 }, false],
    [{ fact: 'nothing', ne: 1 }, true],
    [{ fact: 'nothing', lt: 1 }, false],
    [{ fact: 'nothing', answered: false }, true],
    [{ all: [{ fact: 'n', eq: 3 }, { fact: 's', eq: 'x' }] }, true],
    [{ any: [{ fact: 'n', eq: 1 }, { fact: 's', eq: 'x' }] }, true],
    [{ none: [{ fact: 'n', eq: 1 }] }, true],
  ])('%j -> %s', (c, expected) => expect(holds(c as never, facts)).toBe(expected));

  it('explains which parts held', () => {
    const c = { all: [{ fact: 'n', lt: 4 }, { none: [{ fact: 's', eq: 'y' }] }] };
    expect(reasons(c, facts).map(describeReason)).toEqual(['n = 3 (below 4)', 's = x (not is y)']);
  });
});

describe('rules checks', () => {
  const bad = (rule: Record<string, unknown>) =>
    problemsOf(() => miniRules(plan, [{ id: 'M-DEFAULT', kind: 'model', model: 'partial', priority: 0, title: 't', rationale: 'r', references: ['SIM3'] }, rule])).join('\n');
  const base = { id: 'X-1', kind: 'model', model: 'full', priority: 5, title: 't', rationale: 'r', references: ['SIM3'] };

  it.each([
    [{ ...base, when: { all: [{ fact: 'profile.nope', eq: 1 }] } }, '"profile.nope" names no profile question'],
    [{ ...base, when: { all: [{ fact: 'profile.sharing', eq: 'maybe' }] } }, 'has no choice "maybe"'],
    [{ ...base, when: { all: [{ fact: 'profile.sharing', lt: 3 }] } }, 'is not a number question'],
    [{ ...base, when: { all: [{ fact: 'XX.level', lt: 3 }] } }, 'unknown fact "XX.level"'],
    [{ ...base, when: { all: [{ fact: 'TI.level', lt: 3 }] } }, 'has no question in domain TI'],
    [{ ...base, when: { all: [{ fact: 'model', eq: 'full' }] } }, 'a model rule cannot read "model"'],
    [{ ...base, when: { all: [{ fact: 'q.zz.score', lt: 3 }] } }, 'q.<scored question>.score'],
    [{ ...base, references: ['NOPE'] }, 'unknown reference id "NOPE"'],
    [{ ...base, model: 'half' }, 'rules[1].model: must be one of "in-house", "partial", "full"'],
    [{ ...base, id: 'M-DEFAULT' }, 'rule id "M-DEFAULT" is used twice'],
    [{ ...base, colour: 1 }, 'unknown field "colour"'],
    [{ ...base, when: { all: [{ fact: 'ST.level', lt: 3, gt: 1 }] } }, 'must NOT have more than 2 properties'],
    [{ id: 'B-1', kind: 'blocker', priority: 5, title: 't', rationale: 'r', references: ['SIM3'], domain: 'LC' }, "must have required property 'fix'"],
  ])('rejects rule %#', (rule, expected) => {
    expect(bad(rule)).toContain(expected);
  });

  it('insists on a fallback model rule', () => {
    expect(problemsOf(() => miniRules(plan, [{ ...base, when: { all: [{ fact: 'ST.level', lt: 3 }] } }])).join('\n')).toContain('needs a fallback model rule');
  });
});
