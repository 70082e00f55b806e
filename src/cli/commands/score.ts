import { createAssessor } from '../../assessment.js';
import { applyTargets, loadTargets } from '../../result/targets.js';
import { writeFileAtomic } from '../../util/files.js';
import { assessWorkspace } from '../../workspace/assess.js';
import { isWorkspace, openWorkspace } from '../../workspace/workspace.js';
import { checkDate } from '../options.js';

export async function score(file: string, opts: { output?: string; questionnaire?: string; rules?: string; date?: string; target?: string }): Promise<void> {
  const targets = opts.target ? loadTargets(opts.target) : undefined;
  const assessor = createAssessor(opts);
  let result = isWorkspace(file)
    ? assessWorkspace(openWorkspace(file), assessor, { generatedAt: checkDate(opts.date) })
    : assessor.assess(assessor.load(file), { generatedAt: checkDate(opts.date) });
  if (targets) result = applyTargets(result, targets);
  const json = `${JSON.stringify(result, null, 2)}\n`;
  if (opts.output) {
    writeFileAtomic(opts.output, json);
    console.error(`wrote ${opts.output}`);
  } else process.stdout.write(json);
}
