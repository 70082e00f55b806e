import type { ScoringPlan } from '../../questionnaire/plan.js';
import { InputError } from '../../util/errors.js';
import type { Workspace } from '../../workspace/workspace.js';

/** Refuses a questionnaire other than the one the engagement was created with. */
export function checkWorkspacePlan(ws: Workspace, plan: ScoringPlan): void {
  const { id, version } = ws.engagement.questionnaire;
  if (id !== plan.id || version.split('.')[0] !== plan.version.split('.')[0]) {
    throw new InputError({
      file: ws.dir,
      message: `the engagement uses questionnaire "${id}" ${version}, but the questionnaire given is "${plan.id}" ${plan.version}; name the engagement's questionnaire with --questionnaire`,
    });
  }
}
