import { resultFromFile } from '../../index.js';
import { compareResults } from '../../compare/compare.js';
import { parseCompareFormats, writeComparison } from '../../compare/render.js';

export interface CompareOptions {
  format: string;
  outDir: string;
  questionnaire?: string;
  rules?: string;
}

/** Compares two assessments (answers or result files) of one organisation and writes the comparison reports. */
export async function compare(olderFile: string, newerFile: string, opts: CompareOptions): Promise<void> {
  const formats = parseCompareFormats(opts.format);
  const older = resultFromFile(olderFile, opts);
  const newer = resultFromFile(newerFile, opts);
  const comparison = compareResults(older, newer, { older: olderFile, newer: newerFile });
  for (const written of await writeComparison(comparison, formats, opts.outDir)) console.log(written);
}
