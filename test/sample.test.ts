import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAssessor } from '../src/assessment.js';
import { renderReport } from '../src/report/render.js';

/** reports/sample/ shows the product without running it; it must match what the code makes today. */
const ROOT = join(import.meta.dirname, '..');
const SAMPLE = join(ROOT, 'reports', 'sample');
const STALE = 'reports/sample/ is stale: run `npm run sample` and commit the result';

describe('committed sample reports', () => {
  const assessor = createAssessor();
  const result = assessor.assess(assessor.load(join(ROOT, 'examples', 'demo-aeroskobing.json')), { generatedAt: '2026-01-01T00:00:00.000Z' });

  it.each([['md'], ['html']] as const)('aeroskobing-kommune.%s is current', async (format) => {
    expect(await renderReport(result, format), STALE).toBe(readFileSync(join(SAMPLE, `aeroskobing-kommune.${format}`), 'utf8'));
  });

  it('aeroskobing-kommune.pdf is current', async () => {
    const pdf = Buffer.from((await renderReport(result, 'pdf')) as Uint8Array);
    expect(pdf.equals(readFileSync(join(SAMPLE, 'aeroskobing-kommune.pdf'))), STALE).toBe(true);
  });
});
