import { join } from 'node:path';
import { InputError } from '../util/errors.js';
import { writeFileAtomic } from '../util/files.js';

/**
 * What every family of reports (assessment, comparison, handover, offers, portfolio) shares: parsing
 * --format, tidying template output, and writing a set of files all or nothing.
 */

/** Parses "md,html" into known formats; an unknown one is a usage error. */
export function parseFormatList<F extends string>(list: string, known: readonly F[]): F[] {
  const formats = [...new Set(list.split(',').map((f) => f.trim().toLowerCase()).filter(Boolean))];
  const unknown = formats.filter((f) => !(known as readonly string[]).includes(f));
  if (unknown.length || !formats.length) {
    throw new InputError({ file: '--format', message: `${unknown.length ? `unknown format "${unknown[0]}"` : 'no format given'} (formats: ${known.join(', ')})` });
  }
  return formats as F[];
}

/** Collapses the blank lines that template blocks leave behind, and ends with one newline. */
export function tidyText(text: string): string {
  return `${text.replace(/[ \t]+$/gm, '').replace(/\n{3,}/g, '\n\n').trim()}\n`;
}

/**
 * Renders every format first and writes only when all succeeded, each file atomically, so a failing
 * renderer never leaves half a set of reports behind. Returns the files written.
 */
export async function writeRendered<F extends string>(
  outDir: string,
  formats: readonly F[],
  fileName: (format: F) => string,
  render: (format: F) => Promise<string | Uint8Array> | string | Uint8Array,
): Promise<string[]> {
  const rendered: { file: string; content: string | Uint8Array }[] = [];
  for (const format of formats) rendered.push({ file: join(outDir, fileName(format)), content: await render(format) });
  for (const { file, content } of rendered) writeFileAtomic(file, content);
  return rendered.map((r) => r.file);
}
