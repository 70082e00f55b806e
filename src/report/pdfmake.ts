import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { cacheDir, contentKey } from '../util/cache.js';
import { writeFileAtomic } from '../util/files.js';
import { speedUpPdfmake } from './pdfmake-speed.js';

const require = createRequire(import.meta.url);

// pdfmake is untyped here on purpose: its document definitions are plain data.
let pdfmakeInstance: any;

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

/**
 * The PDF fonts as files: pdfmake's Roboto without layout tables, written once to the cache folder
 * (or a temporary one). Text and charts (whose SVG renderer opens fonts by path) then share one font
 * per style, embedded once.
 */
function fontFiles(): Record<keyof typeof ROBOTO, string> {
  const source = join(dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
  const fonts = Object.entries(ROBOTO).map(([style, file]) => ({ style, file, data: withoutLayoutTables(readFileSync(join(source, file))) }));
  const base = cacheDir();
  const dir = base ? join(base, `fonts-${contentKey(...fonts.map((f) => f.data))}`) : mkdtempSync(join(tmpdir(), 'irready-fonts-'));
  for (const { file, data } of fonts) {
    const path = join(dir, file);
    if (!existsSync(path)) writeFileAtomic(path, data);
  }
  return Object.fromEntries(fonts.map(({ style, file }) => [style, join(dir, file)])) as Record<keyof typeof ROBOTO, string>;
}

/** pdfmake with Roboto embedded (it covers the Latin, Greek and Cyrillic letters of organisation names). */
export function pdfmake(): any {
  if (pdfmakeInstance) return pdfmakeInstance;
  const pm = require('pdfmake');
  const files = fontFiles();
  const dir = dirname(files.normal);
  pm.addFonts({ Roboto: files });
  // Reports never fetch anything: no URLs, and local files only from the font folder.
  pm.setUrlAccessPolicy(() => false);
  pm.setLocalAccessPolicy((path: string) => resolve(path).startsWith(dir + sep));
  speedUpPdfmake(require);
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

/**
 * Text typed by people, cut to a length a printed page can carry: pdfmake's line breaking slows down
 * sharply with one very long text (minutes for a 1 MB comment). The HTML, Word and JSON keep it whole.
 */
export function clip(text: unknown, max = 2000): string {
  const s = String(text ?? '');
  return s.length <= max ? s : `${s.slice(0, max)}… (${s.length - max} more characters; the full text is in the HTML, Word and JSON reports)`;
}

/** A pdfmake document definition rendered to PDF bytes. */
export async function pdfBytes(doc: Record<string, unknown>): Promise<Uint8Array> {
  const buffer: Buffer = await pdfmake().createPdf(doc).getBuffer();
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

const ACCENT = '#1f5f8b';
const MUTED = '#5a5a5a';

/** A short A4 report (comparison, handover, offers): title page content, a footer with page numbers. */
export interface CompactPdf {
  title: string;
  subject: string;
  tool: { name: string; version: string };
  created: Date;
  footerText: string;
  content: unknown[];
  /** Side margin in points (48 by default). */
  margin?: number;
  styles?: Record<string, unknown>;
  defaultStyle?: Record<string, unknown>;
  pageBreakBefore?: (...args: any[]) => boolean;
}

export function compactPdf(d: CompactPdf): Promise<Uint8Array> {
  const side = d.margin ?? 48;
  return pdfBytes({
    pageSize: 'A4',
    pageMargins: [side, side === 48 ? 48 : 44, side, 52],
    info: {
      title: d.title,
      author: d.tool.name,
      subject: d.subject,
      creator: `${d.tool.name} ${d.tool.version}`,
      producer: `${d.tool.name} ${d.tool.version}`,
      creationDate: d.created,
      modDate: d.created,
    },
    footer: (page: number, pages: number) => ({ columns: [{ text: breakable(d.footerText), color: MUTED }, { text: `Page ${page} of ${pages}`, alignment: 'right', width: 80 }], margin: [side, 20, side, 0], fontSize: 8 }),
    content: d.content,
    ...(d.pageBreakBefore ? { pageBreakBefore: d.pageBreakBefore } : {}),
    styles: {
      title: { fontSize: 20, bold: true, color: ACCENT, margin: [0, 0, 0, 4] },
      h2: { fontSize: 12, bold: true, color: ACCENT, margin: [0, 10, 0, 3] },
      th: { bold: true, fillColor: '#f0f2f4' },
      caption: { fontSize: 8, color: MUTED, margin: [0, 0, 0, 6] },
      ...d.styles,
    },
    defaultStyle: { font: 'Roboto', fontSize: 9.5, lineHeight: 1.2, ...d.defaultStyle },
  });
}
