import { createAssessor } from '../../assessment.js';
import { writeFileAtomic } from '../../util/files.js';
import { checkDate } from '../options.js';

export async function score(file: string, opts: { output?: string; questionnaire?: string; rules?: string; date?: string }): Promise<void> {
  const assessor = createAssessor(opts);
  const result = assessor.assess(assessor.load(file), { generatedAt: checkDate(opts.date) });
  const json = `${JSON.stringify(result, null, 2)}\n`;
  if (opts.output) {
    writeFileAtomic(opts.output, json);
    console.error(`wrote ${opts.output}`);
  } else process.stdout.write(json);
}
