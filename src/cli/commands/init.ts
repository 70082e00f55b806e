import { createAssessor } from '../../assessment.js';
import { stampTime } from '../../util/version.js';
import { createWorkspace } from '../../workspace/workspace.js';

export async function init(dir: string, opts: { org: string; sector?: string; questionnaire?: string; rules?: string }): Promise<void> {
  const { plan } = createAssessor(opts);
  const ws = createWorkspace(dir, { name: opts.org, ...(opts.sector ? { sector: opts.sector } : {}) }, plan, stampTime());
  console.log(`Created the engagement for ${ws.engagement.organization.name} in ${dir}`);
  console.log(`Next: irready invite ${dir} --respondent "Name" --role CISO   (web form link)`);
  console.log(`  or: irready ask ${dir} --respondent "Name" --role CISO      (terminal interview)`);
}
