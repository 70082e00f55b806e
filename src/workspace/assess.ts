import type { Assessor } from '../assessment.js';
import type { AssessmentResult } from '../result/result.js';
import { InputError } from '../util/errors.js';
import { workspaceAnswers, type Workspace } from './workspace.js';

/** Assesses every respondent of a workspace who has answered something, combined into one result. */
export function assessWorkspace(ws: Workspace, assessor: Assessor, options: { generatedAt?: string } = {}): AssessmentResult {
  const answers = workspaceAnswers(ws)
    .map(({ file }) => assessor.load(file))
    .filter((a) => Object.keys(a.data).length > 0);
  if (!answers.length) throw new InputError({ file: ws.dir, message: 'no respondent has answered yet' });
  return assessor.assessMany(answers, options);
}
