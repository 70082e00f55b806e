import { join } from 'node:path';
import type { AssessmentResult } from '../result/result.js';
import { InputError } from '../util/errors.js';
import { writeFileAtomic } from '../util/files.js';
import { EXTENSIONS, REPORT_FORMATS, renderReport, type RenderOptions, type ReportFormat } from './render.js';

/** Parses "json,md" into formats; an unknown one is a usage error. */
export function parseFormats(list: string, known: readonly string[] = REPORT_FORMATS): ReportFormat[] {
  const formats = [...new Set(list.split(',').map((f) => f.trim().toLowerCase()).filter(Boolean))];
  const unknown = formats.filter((f) => !known.includes(f));
  if (unknown.length || !formats.length) {
    throw new InputError({ file: '--format', message: `${unknown.length ? `unknown format "${unknown[0]}"` : 'no format given'} (formats: ${known.join(', ')})` });
  }
  return formats as ReportFormat[];
}

/** A file name made from an organisation's name: "Ærøskøbing Kommune" -> "aeroskobing-kommune". */
export function slugify(name: string): string {
  const folded = name
    .replace(/[Ææ]/g, 'ae').replace(/[Øø]/g, 'o').replace(/[Łł]/g, 'l').replace(/ß/g, 'ss').replace(/[Œœ]/g, 'oe').replace(/[Đđ]/g, 'd').replace(/[Þþ]/g, 'th')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return folded.slice(0, 60).replace(/-+$/, '') || 'assessment';
}

/**
 * Renders every format first and writes only when all succeeded, each file atomically,
 * so a failing template never leaves a half-written set of reports behind.
 */
export async function writeReports(result: AssessmentResult, formats: readonly ReportFormat[], outDir: string, options: RenderOptions = {}): Promise<string[]> {
  const base = slugify(result.organization.name);
  const rendered: { file: string; content: string | Uint8Array }[] = [];
  for (const format of formats) rendered.push({ file: join(outDir, `${base}.${EXTENSIONS[format]}`), content: await renderReport(result, format, options) });
  for (const { file, content } of rendered) writeFileAtomic(file, content);
  return rendered.map((r) => r.file);
}
