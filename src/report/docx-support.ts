import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** What the Word report needs besides its layout: safe text, pictures drawn from SVG, a deterministic package. */

const require = createRequire(import.meta.url);
type Resvg = typeof import('@resvg/resvg-js');

/**
 * Text typed by people, made safe for a Word run: one line per newline, and without the control
 * characters that XML cannot hold (a document with one of them does not open). Markup stays text.
 */
export function cleanText(text: unknown): string {
  return String(text ?? '')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

export const oneLine = (text: unknown) => cleanText(text).replace(/\s*\n\s*/g, ' ');
export const hex = (colour: string) => colour.replace(/^#/, '').toLowerCase();

let resvgModule: Resvg | undefined;
let fontFiles: string[] | undefined;

/**
 * Rasterises an SVG to PNG with resvg and pdfmake's Roboto only, so the picture is the same on every
 * machine. `size` turns the SVG's own size into the size it is shown at (pixels at 96 to the inch);
 * the PNG has twice as many pixels, to stay sharp in print.
 */
export function svgToPng(svg: string | Buffer, size: (width: number, height: number) => { width: number; height: number }): { png: Buffer; width: number; height: number } {
  resvgModule ??= require('@resvg/resvg-js') as Resvg;
  if (!fontFiles) {
    const dir = join(dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
    fontFiles = readdirSync(dir)
      .filter((f) => f.endsWith('.ttf'))
      .sort()
      .map((f) => join(dir, f));
  }
  const font = { fontFiles, loadSystemFonts: false, defaultFontFamily: 'Roboto', sansSerifFamily: 'Roboto' };
  const natural = new resvgModule.Resvg(svg, { font, logLevel: 'off' });
  const shown = size(natural.width, natural.height);
  const resvg = new resvgModule.Resvg(svg, { font, logLevel: 'off', fitTo: { mode: 'width', value: shown.width * 2 } });
  return { png: resvg.render().asPng(), ...shown };
}

/** Width and height of a PNG or JPEG, read from its header. */
export function rasterSize(data: Buffer): { width: number; height: number } | undefined {
  if (data.length >= 24 && data.readUInt32BE(0) === 0x89504e47) return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
  if (data[0] === 0xff && data[1] === 0xd8) {
    let i = 2;
    while (i + 9 < data.length) {
      if (data[i] !== 0xff) {
        i++;
        continue;
      }
      const marker = data[i + 1];
      if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
        i += 2;
        continue;
      }
      const length = data.readUInt16BE(i + 2);
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { width: data.readUInt16BE(i + 7), height: data.readUInt16BE(i + 5) };
      }
      i += 2 + length;
    }
  }
  return undefined;
}

export function fit(width: number, height: number, maxWidth: number, maxHeight: number): { width: number; height: number } {
  if (!(width > 0 && height > 0)) return { width: maxWidth, height: maxHeight };
  const scale = Math.min(maxWidth / width, maxHeight / height);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/**
 * Rewrites the package so that it depends only on the view: the core properties' dates and every zip
 * entry's date become the assessment's time (docx writes "now" into both).
 */
export async function settle(zip: Uint8Array, generatedAt: string): Promise<Uint8Array> {
  const { unzipSync, zipSync, strFromU8, strToU8 } = await import('fflate');
  let when = new Date(generatedAt);
  if (Number.isNaN(when.getTime()) || when.getUTCFullYear() < 1980) when = new Date(Date.UTC(1980, 0, 1));
  const stamp = when.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const files = unzipSync(zip);
  const core = files['docProps/core.xml'];
  if (core) {
    files['docProps/core.xml'] = strToU8(
      strFromU8(core)
        .replace(/(<dcterms:created\b[^>]*>)[^<]*(<\/dcterms:created>)/, `$1${stamp}$2`)
        .replace(/(<dcterms:modified\b[^>]*>)[^<]*(<\/dcterms:modified>)/, `$1${stamp}$2`),
    );
  }
  // docx numbers bookmarks and drawings with counters that live as long as the process: number them
  // afresh, in order of appearance, so a second report in the same run comes out the same.
  const toc = new Map<string, number>();
  const marks = new Map<string, number>();
  let drawings = 0;
  for (const name of Object.keys(files)) {
    if (!/^word\/[^/]+\.xml$/.test(name)) continue;
    const xml = strFromU8(files[name]);
    const renumbered = xml
      .replace(/(w:anchor="|w:name="|PAGEREF )_Toc(\d+)/g, (_, pre: string, id: string) => `${pre}_Toc${toc.get(id) ?? toc.set(id, toc.size + 1).get(id)}`)
      .replace(/(<w:bookmark(?:Start|End)\b[^>]*?\sw:id=")(\d+)"/g, (_, pre: string, id: string) => `${pre}${marks.get(id) ?? marks.set(id, marks.size + 1).get(id)}"`)
      .replace(/(<wp:docPr\s+id=")\d+"/g, (_, pre: string) => `${pre}${++drawings}"`);
    if (renumbered !== xml) files[name] = strToU8(renumbered);
  }
  // [Content_Types].xml first, as Office writes it.
  const ordered = Object.fromEntries(Object.keys(files).sort((a, b) => Number(b === '[Content_Types].xml') - Number(a === '[Content_Types].xml')).map((k) => [k, files[k]]));
  // Zip dates are local time: give fflate a local time whose fields are the UTC ones, whatever the zone.
  const mtime = new Date(when.getUTCFullYear(), when.getUTCMonth(), when.getUTCDate(), when.getUTCHours(), when.getUTCMinutes(), when.getUTCSeconds());
  return zipSync(ordered, { level: 6, mtime });
}
