import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAssessor } from '../src/assessment.js';
import { challengeCoverage, coverageTable } from '../src/docs/coverage.js';

const METHODOLOGY = readFileSync(join(import.meta.dirname, '..', 'METHODOLOGY.md'), 'utf8');

describe('METHODOLOGY.md', () => {
  it('holds the current coverage table of the paper\'s 21 challenges', () => {
    const { plan, rules } = createAssessor();
    const between = /<!-- coverage:start -->\n\n([\s\S]*?)\n\n<!-- coverage:end -->/.exec(METHODOLOGY);
    expect(between, 'coverage markers missing').not.toBeNull();
    expect(between![1], 'the table is stale: paste the output of coverageTable(challengeCoverage(plan, rules))').toBe(coverageTable(challengeCoverage(plan, rules)));
  });

  it('documents every decision rule by id', () => {
    const { rules } = createAssessor();
    for (const rule of rules.rules) expect(METHODOLOGY, rule.id).toContain(rule.id);
  });
});
