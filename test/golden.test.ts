import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAssessor } from '../src/assessment.js';
import { renderReport } from '../src/report/render.js';

/**
 * Golden files: every example -> expected result JSON, Markdown and HTML reports and the action CSV under
 * test/fixtures/<example>/.
 * Refresh them with `npm run update:golden` after an intended change, and review the diff.
 */
const EXAMPLES = join(import.meta.dirname, '..', 'examples');
const FIXTURES = join(import.meta.dirname, 'fixtures');
const FIXED_DATE = '2026-01-01T00:00:00.000Z';
const update = !!process.env.UPDATE_GOLDEN;

const assessor = createAssessor();

describe('golden files', () => {
  for (const file of readdirSync(EXAMPLES).filter((f) => f.endsWith('.json')).sort()) {
    const name = basename(file, '.json');
    it(`${name}: result, Markdown, HTML and action CSV match test/fixtures/${name}/`, async () => {
      const result = assessor.assess(assessor.load(join(EXAMPLES, file)), { generatedAt: FIXED_DATE });
      const outputs: Record<string, string | Uint8Array> = {};
      for (const [fixture, format] of [['result.json', 'json'], ['report.md', 'md'], ['report.html', 'html'], ['actions.csv', 'csv']] as const) {
        outputs[fixture] = await renderReport(result, format);
      }
      const dir = join(FIXTURES, name);
      for (const [fixture, actual] of Object.entries(outputs)) {
        const path = join(dir, fixture);
        if (update) {
          mkdirSync(dir, { recursive: true });
          writeFileSync(path, actual);
          continue;
        }
        expect(existsSync(path), `${path} is missing: run npm run update:golden`).toBe(true);
        const expected = readFileSync(path, 'utf8');
        expect(actual, `${path} differs from the output: if the change is intended, run npm run update:golden and review the diff`).toBe(expected);
      }
    });
  }
});
