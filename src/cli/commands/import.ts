import { existsSync } from 'node:fs';
import { createAssessor } from '../../assessment.js';
import { readAnswerSheet } from '../../collect/sheet/import.js';
import { checkWorkspacePlan } from '../../collect/sheet/workspace.js';
import { stampTime } from '../../util/version.js';
import { addRespondent, findRespondent, openWorkspace, readAnswers, respondentFile, saveAnswers } from '../../workspace/workspace.js';

export async function importSheet(
  dir: string,
  file: string,
  opts: { respondent: string; role: string; complete?: boolean; questionnaire?: string; rules?: string },
): Promise<void> {
  const ws = openWorkspace(dir);
  const { plan } = createAssessor(opts);
  checkWorkspacePlan(ws, plan);
  // Everything is read and checked before anything is written: a bad sheet leaves the workspace as it was.
  const sheet = readAnswerSheet(file, plan);
  const existing = findRespondent(ws, opts.respondent);
  const earlier = existing && existsSync(respondentFile(ws, existing.id)) ? Object.keys(readAnswers(ws, existing).data ?? {}).filter((k) => plan.byName.has(k)).length : 0;
  const now = stampTime();
  const { entry } = addRespondent(ws, { name: opts.respondent, role: opts.role }, { now });
  saveAnswers(ws, plan, entry, sheet.data, { now, complete: opts.complete, source: 'import' });
  const comments = sheet.comments ? ` and ${sheet.comments} comment${sheet.comments === 1 ? '' : 's'}` : '';
  console.log(`Imported ${sheet.answers} answer${sheet.answers === 1 ? '' : 's'}${comments} for ${entry.name} (${entry.role}) from ${file}${earlier ? `, replacing the ${earlier} answers saved before` : ''}`);
  console.log(`Next: irready score ${dir}`);
}
