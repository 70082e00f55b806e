import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createAssessor } from '../../assessment.js';
import { completeness, percent } from '../../handover/completeness.js';
import { serializeHandover } from '../../handover/format.js';
import { handoverFromResult } from '../../handover/init.js';
import { checkHandover, loadHandover } from '../../handover/load.js';
import { parseHandoverFormats, writeHandover } from '../../handover/render.js';
import { resultFromFile } from '../../index.js';
import { InputError } from '../../util/errors.js';
import { readJson, readText, writeFileAtomic } from '../../util/files.js';
import { isWorkspace } from '../../workspace/workspace.js';
import { checkDate } from '../options.js';

export interface HandoverInitOptions {
  output?: string;
  force?: boolean;
  date?: string;
  questionnaire?: string;
  rules?: string;
  catalogue?: string;
}

/** Writes a first handover file from an assessment: what it knows filled in, the rest marked todo. */
export async function handoverInit(input: string, opts: HandoverInitOptions): Promise<void> {
  const output = opts.output ?? (isWorkspace(input) ? join(input, 'handover.json') : 'handover.json');
  if (existsSync(output) && !opts.force) throw new InputError({ file: output, message: 'already exists; choose another file with -o, or replace it with --force' });
  const assessor = createAssessor(opts);
  const result = resultFromFile(input, { ...opts, assessor, generatedAt: checkDate(opts.date) });
  const handover = handoverFromResult(result, assessor.plan);
  const text = serializeHandover(handover);
  // What the assessment's comments carry goes into notes: never write a file that would be refused.
  const check = checkHandover(JSON.parse(text), output, () => text);
  if (!check.handover) throw new InputError(check.problems.map((p) => ({ ...p, message: `${p.message} (taken from ${input})` })));
  writeFileAtomic(output, text);
  const score = completeness(check.handover);
  console.log(`wrote ${output} (${score.overall.items} items, ${percent(score.overall.share)} complete, ${score.overall.todo} to do)`);
}

/** Checks a handover file: one line per problem (exit 2), or one "ok" line. */
export async function handoverValidate(file: string): Promise<void> {
  const check = checkHandover(readJson(file), file, () => readText(file));
  if (!check.handover) throw new InputError(check.problems);
  const score = completeness(check.handover);
  const migrated = check.migratedFrom ? `, migrated from format ${check.migratedFrom}` : '';
  console.log(`ok: ${file} (handover for ${check.handover.organization.name ?? 'an unnamed organisation'}, format ${check.handover.formatVersion}${migrated}; ${score.overall.items} items, ${percent(score.overall.share)} complete, ${score.overall.todo} to do)`);
}

export interface HandoverRenderCommandOptions {
  format: string;
  outDir: string;
  templates?: string;
}

/** Renders a handover file for the customer and both providers. */
export async function handoverRender(file: string, opts: HandoverRenderCommandOptions): Promise<void> {
  const formats = parseHandoverFormats(opts.format);
  const { handover } = loadHandover(file);
  for (const written of await writeHandover(handover, formats, opts.outDir, { templatesDir: opts.templates })) console.log(written);
}
