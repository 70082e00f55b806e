import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve, sep } from 'node:path';

const require = createRequire(import.meta.url);

// pdfmake is untyped here on purpose: its document definitions are plain data.
let pdfmakeInstance: any;

/** The font family that charts in the PDF name (see withCharts). */
export const CHART_FONT = 'RobotoChart';

const ROBOTO = { normal: 'Roboto-Regular.ttf', bold: 'Roboto-Medium.ttf', italics: 'Roboto-Italic.ttf', bolditalics: 'Roboto-MediumItalic.ttf' };

/**
 * Roboto without its OpenType layout tables. Shaping every word (ligatures, kerning) was the slowest
 * part of making a PDF, and Latin, Greek and Cyrillic text needs none of it. The tables are hidden by
 * renaming their tags in the font's table directory, so the font program itself is unchanged.
 */
export function withoutLayoutTables(font: Buffer): Buffer {
  const copy = Buffer.from(font);
  const tables = copy.readUInt16BE(4);
  for (let i = 0; i < tables; i++) {
    const at = 12 + i * 16;
    const tag = copy.toString('latin1', at, at + 4);
    if (tag === 'GSUB' || tag === 'GPOS' || tag === 'GDEF') copy.write(tag.toLowerCase(), at, 'latin1');
  }
  return copy;
}

/** pdfmake with Roboto embedded (it covers the Latin, Greek and Cyrillic letters of organisation names). */
export function pdfmake(): any {
  if (pdfmakeInstance) return pdfmakeInstance;
  const pm = require('pdfmake');
  const dir = join(dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
  for (const file of Object.values(ROBOTO)) pm.virtualfs.writeFileSync(file, withoutLayoutTables(readFileSync(join(dir, file))));
  // Text uses the fonts from pdfmake's in-memory file system; the SVG renderer opens font files by
  // path, so charts name a second family that points at the font files themselves.
  pm.addFonts({ Roboto: ROBOTO, [CHART_FONT]: Object.fromEntries(Object.entries(ROBOTO).map(([style, file]) => [style, join(dir, file)])) });
  // Reports never fetch anything: no URLs, and local files only from the font folder.
  pm.setUrlAccessPolicy(() => false);
  pm.setLocalAccessPolicy((path: string) => resolve(path).startsWith(dir + sep));
  pdfmakeInstance = pm;
  return pm;
}

/**
 * Text typed by people may hold very long unbroken strings (URLs, hashes) that would push a table off
 * the page: give them break opportunities (zero-width spaces) every 24 characters.
 */
export function breakable(text: unknown): string {
  return String(text ?? '')
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/\S{25,}/g, (word) => word.replace(/(.{24})/g, '$1\u200b'));
}
