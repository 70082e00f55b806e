import { resultFromFile } from '../../index.js';
import { parseFormats, writeReports } from '../../report/write.js';
import { checkDate } from '../options.js';

export interface ReportOptions {
  format: string;
  outDir: string;
  templates?: string;
  questionnaire?: string;
  rules?: string;
  date?: string;
}

export async function report(file: string, opts: ReportOptions): Promise<void> {
  const formats = parseFormats(opts.format);
  const result = resultFromFile(file, { ...opts, generatedAt: checkDate(opts.date) });
  for (const written of writeReports(result, formats, opts.outDir, { templatesDir: opts.templates })) console.log(written);
}
