import type { AssessmentResult } from '../result/result.js';
import { parseFormatList, writeRendered } from './output.js';
import { EXTENSIONS, REPORT_FORMATS, renderReport, type RenderOptions, type ReportFormat } from './render.js';

/** Parses "json,md" into formats; an unknown one is a usage error. */
export function parseFormats(list: string): ReportFormat[] {
  return parseFormatList(list, REPORT_FORMATS);
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
  return writeRendered(outDir, formats, (format) => `${base}.${EXTENSIONS[format]}`, (format) => renderReport(result, format, options));
}
