import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAssessor } from '../src/assessment.js';
import { checkCatalogue } from '../src/plan/catalogue.js';
import { checkCosts, DEFAULT_COSTS } from '../src/plan/staffing.js';
import { checkRules } from '../src/decision/load-rules.js';
import type { AssessmentResult } from '../src/result/result.js';
import { problemsOf } from './helpers.js';

const ROOT = join(import.meta.dirname, '..');
const assessor = createAssessor();
const work = mkdtempSync(join(tmpdir(), 'irready-plan-'));
const example = (name: string) => JSON.parse(readFileSync(join(ROOT, 'examples', name), 'utf8'));

function assess(name: string, change: (data: Record<string, unknown>) => void = () => {}): AssessmentResult {
  const answers = example(name);
  change(answers.data);
  const file = join(work, `${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(answers));
  return assessor.assess(assessor.load(file), { generatedAt: '2026-01-01T00:00:00.000Z' });
}
const stance = (r: AssessmentResult, id: string) => r.plan.services.find((s) => s.id === id)!;

describe('service plan', () => {
  it('covers every catalogue service and never outsources triage, coordination or provider management', () => {
    for (const file of ['small-firm-no-security-staff.json', 'midsize-8x5-team.json', 'large-own-24x7.json', 'no-logging-no-plan.json', 'demo-aeroskobing.json']) {
      const r = assess(file);
      expect(r.plan.services.map((s) => s.id)).toEqual(assessor.catalogue.services.map((s) => s.id));
      for (const id of ['incident-triage', 'incident-coordination', 'provider-management']) expect(stance(r, id).stance, `${file} ${id}`).toBe('in-house');
    }
  });

  it('matches what each example organisation should get', () => {
    expect(stance(assess('small-firm-no-security-staff.json'), 'event-monitoring').stance).toBe('outsource');
    expect(stance(assess('midsize-8x5-team.json'), 'event-analysis').stance).toBe('share');
    const large = assess('large-own-24x7.json');
    expect(large.plan.services.filter((s) => s.stance === 'outsource').map((s) => s.id)).toEqual(expect.arrayContaining(['emergency-response']));
    expect(stance(large, 'event-monitoring').stance).toBe('in-house');
  });

  // One test per service rule: the rule fires in the situation it is written for and sets its stance.
  it('has a test below for every service rule', () => {
    const tested = ['SVC-NO-DATA-SHARING', 'SVC-MONITORING-OWN-24X7', 'SVC-MONITORING-OFFICE-HOURS', 'SVC-REGULATED-COMMUNICATION', 'SVC-FORENSICS-BOUGHT', 'SVC-INTEL-MATURE-IN-HOUSE'];
    expect(assessor.rules.rules.filter((r) => r.kind === 'service').map((r) => r.id).sort()).toEqual([...tested].sort());
  });
  it.each([
    ['SVC-NO-DATA-SHARING', 'small-firm-no-security-staff.json', (d: Record<string, unknown>) => (d.org_data_sharing = 'prohibited'), 'event-monitoring', 'in-house'],
    ['SVC-MONITORING-OWN-24X7', 'midsize-8x5-team.json', (d: Record<string, unknown>) => (d.org_current_coverage = '24x7'), 'event-monitoring', 'in-house'],
    ['SVC-MONITORING-OFFICE-HOURS', 'small-firm-no-security-staff.json', (d: Record<string, unknown>) => (d.org_need_24x7 = false), 'event-monitoring', 'share'],
    ['SVC-REGULATED-COMMUNICATION', 'small-firm-no-security-staff.json', (d: Record<string, unknown>) => (d.org_regulations = ['gdpr']), 'crisis-communication', 'in-house'],
    ['SVC-FORENSICS-BOUGHT', 'large-own-24x7.json', (d: Record<string, unknown>) => (d.st_tiers_specialists = '1'), 'forensic-analysis', 'outsource'],
    ['SVC-INTEL-MATURE-IN-HOUSE', 'large-own-24x7.json', () => {}, 'threat-intelligence', 'in-house'],
  ])('%s', (rule, file, change, service, expected) => {
    const r = assess(file, change);
    const s = stance(r, service);
    expect(s.rule, JSON.stringify(s)).toBe(rule);
    expect(s.stance).toBe(expected);
    expect(s.because.length).toBeGreaterThan(0);
  });

  it('records the answers behind each service', () => {
    const s = stance(assess('midsize-8x5-team.json'), 'event-monitoring');
    expect(s.questions.map((q) => q.name)).toEqual(['lc_central_collection', 'lc_source_coverage', 'st_coverage_vs_need']);
    expect(s.csf).toEqual(['DE']);
    expect(s.ooda).toEqual(['observe']);
  });
});

describe('RACI', () => {
  it('keeps the customer accountable and shows a gap, not a guess, where the owner is unclear', () => {
    const r = assess('midsize-8x5-team.json', (d) => (d.rc_raci_matrix = { ...(d.rc_raci_matrix as object), contain: 'unclear' }));
    const contain = r.plan.raci.rows.find((x) => x.activity === 'contain')!;
    expect(contain.cells[0]).toMatchObject({ party: 'Customer', role: null, gap: true });
    const declare = r.plan.raci.rows.find((x) => x.activity === 'declare')!;
    expect(declare.cells[0].role).toContain('A');
    expect(r.plan.raci.gaps).toBeGreaterThan(0);
  });

  it('names a lead provider and other providers, with gaps when no lead is named', () => {
    const r = assess('large-own-24x7.json', (d) => (d.rc_multi_provider_lead = '1'));
    expect(r.plan.raci.parties).toEqual(['Customer', 'Lead provider', 'Other providers']);
    expect(r.plan.raci.rows.every((row) => row.cells[1].gap && row.cells[2].gap)).toBe(true);
    const named = assess('large-own-24x7.json', (d) => (d.rc_multi_provider_lead = '3'));
    expect(named.plan.raci.rows.some((row) => row.cells[1].gap)).toBe(false);
  });
});

describe('staffing and cost', () => {
  it('needs 5.2 FTE per 24x7 seat and records the gap', () => {
    const r = assess('small-firm-no-security-staff.json');
    expect(r.plan.staffing.ftePerSeat).toBe(5.2);
    expect(r.plan.staffing.coverage).toBe('24x7');
    expect(r.plan.staffing.retained.map((x) => x.tier)).toEqual(['lead']);
    expect(r.plan.staffing.gap).toBeCloseTo(r.plan.staffing.retainedTotal - r.plan.staffing.available, 5);
  });

  it('marks default figures as assumptions and takes figures from --costs', () => {
    const r = assess('midsize-8x5-team.json');
    expect(r.plan.costs.assumed).toBe(true);
    expect(r.plan.costs.provider.year3).toBe(r.plan.costs.provider.setup + 3 * r.plan.costs.provider.perYear);
    const all = createAssessor({ costs: { ...DEFAULT_COSTS, currency: 'NOK' } });
    const answers = all.load(join(ROOT, 'examples', 'midsize-8x5-team.json'));
    const priced = all.assess(answers, { generatedAt: '2026-01-01T00:00:00.000Z' });
    expect(priced.plan.costs.assumed).toBe(false);
    expect(priced.plan.costs.currency).toBe('NOK');
  });

  it('rejects a bad costs file with every problem named', () => {
    const found = problemsOf(() => checkCosts({ analystCost: -1, currency: 'euro', colour: 1 }, 'costs.yaml')).join('\n');
    expect(found).toContain('analystCost: -1 is not a non-negative number');
    expect(found).toContain('currency: must be a three-letter currency code');
    expect(found).toContain('colour: unknown cost "colour"');
  });
});

describe('contract requirements', () => {
  it('turns gaps into requirements with the gap and the sources, and none for a strong in-house organisation', () => {
    const r = assess('midsize-8x5-team.json', (d) => (d.cs_exit_plan = '1'));
    const exit = r.plan.requirements.find((q) => q.id === 'REQ-EXIT')!;
    expect(exit.because.join(' ')).toContain('q.cs_exit_plan.score = 1');
    expect(exit.references).toContain('PAPER:X2');
    expect(exit.because.some((b) => b.startsWith('model'))).toBe(false);
    const large = assess('large-own-24x7.json');
    expect(large.plan.requirements.filter((q) => q.id !== 'REQ-EMERGENCY-RETAINER' && q.id !== 'REQ-MULTI-PROVIDER-LEAD')).toEqual([]);
  });
});

describe('catalogue and service rule checks', () => {
  const catalogue = JSON.parse(readFileSync(join(ROOT, 'questionnaires', 'service-catalogue.json'), 'utf8'));

  it('rejects a catalogue with unknown mappings, a never-outsourced default of outsource and unknown questions', () => {
    const bad = structuredClone(catalogue);
    bad.services[0].csf = ['XX'];
    bad.services[3].defaults.full = 'outsource';
    bad.services[1].questions = ['nope'];
    bad.activities[0].services = ['ghost'];
    const found = problemsOf(() => checkCatalogue(bad, assessor.plan, 'c.json')).join('\n');
    expect(found).toContain('services[0].csf[0]: unknown value "XX"');
    expect(found).toContain('cannot default to outsource');
    expect(found).toContain('"nope" is not a scored question');
    expect(found).toContain('unknown service "ghost"');
  });

  it('refuses a rule that outsources a service the customer must keep', () => {
    const rules = JSON.parse(readFileSync(join(ROOT, 'questionnaires', 'ir-outsourcing-readiness.rules.json'), 'utf8'));
    rules.rules.push({ id: 'SVC-BAD', kind: 'service', services: ['incident-triage', 'nope'], stance: 'outsource', priority: 1, title: 't', rationale: 'r', references: ['SIM3'] });
    const found = problemsOf(() => checkRules(rules, assessor.plan, 'r.json', undefined, assessor.catalogue)).join('\n');
    expect(found).toContain('"incident-triage" is never outsourced');
    expect(found).toContain('unknown service "nope"');
  });
});
