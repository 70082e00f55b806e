import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAssessor } from '../src/assessment.js';
import { checkResult } from '../src/result/load-result.js';

const EXAMPLES = join(import.meta.dirname, '..', 'examples');
const assessor = createAssessor();
const assess = (file: string) => assessor.assess(assessor.load(join(EXAMPLES, file)), { generatedAt: '2026-01-01T00:00:00.000Z' });

/** What each example's description says it should get. */
const EXPECTED: Record<string, { model: string; blockers: string[] }> = {
  'small-firm-no-security-staff.json': { model: 'full', blockers: ['BLOCK-NO-USABLE-LOGS', 'BLOCK-NO-FORENSIC-READINESS', 'BLOCK-ROLES-UNDEFINED', 'BLOCK-NO-PROVIDER-OVERSIGHT'] },
  'midsize-8x5-team.json': { model: 'partial', blockers: [] },
  'large-own-24x7.json': { model: 'in-house', blockers: [] },
  'no-logging-no-plan.json': { model: 'partial', blockers: ['BLOCK-NO-USABLE-LOGS', 'BLOCK-NO-FORENSIC-READINESS', 'BLOCK-ROLES-UNDEFINED'] },
  'demo-aeroskobing.json': { model: 'partial', blockers: ['BLOCK-NO-FORENSIC-READINESS'] },
};

describe('example organisations', () => {
  it('are all listed here', () => {
    expect(readdirSync(EXAMPLES).filter((f) => f.endsWith('.json')).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [file, expected] of Object.entries(EXPECTED)) {
    it(`${file} gets ${expected.model}${expected.blockers.length ? ` with ${expected.blockers.length} blocker(s)` : ''}`, () => {
      const result = assess(file);
      expect(result.decision.model).toBe(expected.model);
      expect(result.decision.blockers.map((b) => b.id).sort()).toEqual([...expected.blockers].sort());
      expect(result.overall.coverage).toBeGreaterThanOrEqual(0.8);
      expect(result.description).toBeTruthy();
    });

    it(`${file} gives a result that validates against the published schema`, () => {
      const result = JSON.parse(JSON.stringify(assess(file)));
      expect(() => checkResult(result, file)).not.toThrow();
    });
  }

  it('a result that breaks the schema is rejected with its path', () => {
    const result = JSON.parse(JSON.stringify(assess('midsize-8x5-team.json')));
    result.decision.model = 'half';
    result.domains[0].score = 9;
    try {
      checkResult(result, 'r.json', () => JSON.stringify(result, null, 2));
      expect.fail('should throw');
    } catch (err) {
      const places = (err as { problems: { place?: string }[] }).problems.map((p) => p.place);
      expect(places).toEqual(expect.arrayContaining(['decision.model', 'domains[0].score']));
    }
  });

  it('the large organisation with two providers is asked the multi-provider questions', () => {
    const result = assess('large-own-24x7.json');
    expect(result.answers.find((a) => a.name === 'rc_multi_provider_lead')!.status).not.toBe('hidden');
    expect(result.decision.retained.map((r) => r.id)).toContain('RETAIN-MULTI-PROVIDER-LEAD');
  });

  it('an organisation without a provider is not asked post-operation questions', () => {
    const result = assess('no-logging-no-plan.json');
    const postOnly = result.answers.filter((a) => a.stages.length === 1 && a.stages[0] === 'post-operation');
    expect(postOnly.length).toBeGreaterThan(0);
    expect(postOnly.every((a) => a.status === 'hidden')).toBe(true);
  });
});

describe('README', () => {
  it('shows an answers file that validates', async () => {
    const { readFileSync } = await import('node:fs');
    const { checkAnswers } = await import('../src/answers/answers.js');
    const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');
    const json = JSON.parse(/```json\n([\s\S]*?)```/.exec(readme)![1]);
    expect(checkAnswers(json, assessor.plan, 'README.md')).toEqual([]);
  });
});
