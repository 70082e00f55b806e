import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createAssessor } from '../../assessment.js';
import { renderCsvTemplate, renderYamlTemplate, SHEET_FORMATS, type SheetFormat } from '../../collect/sheet/template.js';
import { checkWorkspacePlan } from '../../collect/sheet/workspace.js';
import { InputError } from '../../util/errors.js';
import { writeFileAtomic } from '../../util/files.js';
import { openWorkspace } from '../../workspace/workspace.js';

export async function template(dir: string, opts: { format: string; output?: string; force?: boolean; questionnaire?: string; rules?: string }): Promise<void> {
  const format = opts.format.trim().toLowerCase() as SheetFormat;
  if (!SHEET_FORMATS.includes(format)) throw new InputError({ file: '--format', message: `"${opts.format}" is not a sheet format (use ${SHEET_FORMATS.join(' or ')})` });
  const ws = openWorkspace(dir);
  const { plan } = createAssessor(opts);
  checkWorkspacePlan(ws, plan);
  const output = opts.output ?? join(dir, `answer-sheet.${format}`);
  if (existsSync(output) && !opts.force) {
    throw new InputError({ file: output, message: 'already exists (it may hold answers); name another file with -o, or add --force to replace it' });
  }
  const importCommand = `irready import ${dir} ${output} --respondent "Name" --role ROLE`;
  const content = format === 'csv' ? renderCsvTemplate(plan) : renderYamlTemplate(plan, { organization: ws.engagement.organization.name, importCommand });
  writeFileAtomic(output, content);
  console.log(`Wrote the answer sheet for ${ws.engagement.organization.name} to ${output}`);
  console.log(`When it is filled in: ${importCommand}`);
}
