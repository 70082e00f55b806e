import { resultFromFile } from '../../index.js';
import { loadBrand } from '../../report/brand.js';
import { parseFormats, writeReports } from '../../report/write.js';
import { applyTargets, loadTargets } from '../../result/targets.js';
import { checkDate } from '../options.js';

export interface ReportOptions {
  format: string;
  outDir: string;
  templates?: string;
  brand?: string;
  target?: string;
  questionnaire?: string;
  rules?: string;
  catalogue?: string;
  costs?: string;
  date?: string;
}

export async function report(file: string, opts: ReportOptions): Promise<void> {
  const formats = parseFormats(opts.format);
  const brand = opts.brand ? loadBrand(opts.brand) : undefined;
  const targets = opts.target ? loadTargets(opts.target) : undefined;
  let result = resultFromFile(file, { ...opts, generatedAt: checkDate(opts.date) });
  if (targets) result = applyTargets(result, targets);
  for (const written of await writeReports(result, formats, opts.outDir, { templatesDir: opts.templates, brand })) console.log(written);
}
