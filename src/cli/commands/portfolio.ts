import { resultFromFile } from '../../index.js';
import { createAssessor } from '../../assessment.js';
import { parsePortfolioFormats, writePortfolio } from '../../portfolio/render.js';
import type { AssessmentResult } from '../../result/result.js';
import { InputError } from '../../util/errors.js';
import { checkDate } from '../options.js';

export interface PortfolioOptions {
  format: string;
  outDir: string;
  templates?: string;
  questionnaire?: string;
  rules?: string;
  catalogue?: string;
  costs?: string;
  date?: string;
}

/** An anonymised benchmark of many engagements: an overview without names and one positioning page per organisation. */
export async function portfolio(inputs: string[], opts: PortfolioOptions): Promise<void> {
  const formats = parsePortfolioFormats(opts.format);
  const generatedAt = checkDate(opts.date);
  let assessor: ReturnType<typeof createAssessor> | undefined;
  const results: AssessmentResult[] = [];
  const problems: InputError[] = [];
  for (const input of inputs) {
    try {
      results.push(resultFromFile(input, { ...opts, generatedAt, assessor: (assessor ??= createAssessor(opts)) }));
    } catch (err) {
      if (err instanceof InputError) problems.push(err);
      else throw err;
    }
  }
  // A benchmark with engagements silently missing would mislead: every input must read.
  if (problems.length) throw new InputError(problems.flatMap((p) => p.problems));
  for (const file of writePortfolio(results, formats, opts.outDir, { templatesDir: opts.templates, generatedAt })) console.log(file);
}
