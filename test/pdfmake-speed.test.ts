import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { joinedLine, speedUpPdfmake } from '../src/report/pdfmake-speed.js';

const ROOT = join(import.meta.dirname, '..');
const hasPoppler = spawnSync('pdftoppm', ['-v']).status === 0 || !!process.env.CI;

/** The demo PDF, made by the CLI with pdfmake's fast paths or with stock pdfmake. */
function demoPdf(stock: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), `irready-pdfmake-${stock ? 'stock' : 'fast'}-`));
  const env = { ...process.env, IRREADY_STOCK_PDFMAKE: stock ? '1' : '' };
  execFileSync(process.execPath, [join(ROOT, 'bin', 'irready.js'), 'report', join(ROOT, 'examples', 'midsize-8x5-team.json'), '--format', 'pdf', '--out-dir', dir, '--date', '2026-01-01T00:00:00Z'], { env });
  return join(dir, readdirSync(dir).find((f) => f.endsWith('.pdf'))!);
}

/**
 * A small document with what the reports do not use yet: letter spacing, mixed line heights with a
 * background and underline, justified, centred and right-aligned text, links, superscripts.
 */
const EDGE_CASES = {
  content: [
    { text: 'spaced letters across several words', characterSpacing: 3 },
    { text: [{ text: 'short line height ', lineHeight: 1 }, { text: 'tall line height words', lineHeight: 3 }], background: 'yellow', decoration: 'underline' },
    { text: 'justified text that runs over more than one line so that pdfmake spreads the words of the first line apart to fill it, as justified text does', alignment: 'justify' },
    { text: [{ text: 'centred words ' }, { text: 'with bold', bold: true }, ' and plain'], alignment: 'center' },
    { text: 'right-aligned words here', alignment: 'right' },
    { text: [{ text: 'a link over several words', link: 'https://example.org/', color: 'blue' }, ' then plain words'] },
    { text: ['E = mc', { text: '2', sup: true }, ' and H', { text: '2', sub: true }, 'O in a sentence'] },
  ],
  defaultStyle: { font: 'Roboto', fontSize: 11 },
};

/** The edge-case document rendered by irready's pdfmake setup, with the fast paths or stock. */
function edgeCasePdf(stock: boolean): string {
  const file = join(mkdtempSync(join(tmpdir(), `irready-pdfmake-edge-${stock ? 'stock' : 'fast'}-`)), 'edge.pdf');
  const script = `const { pdfBytes } = await import(${JSON.stringify(join(ROOT, 'dist', 'report', 'pdfmake.js'))}); const doc = ${JSON.stringify(EDGE_CASES)}; doc.info = { creationDate: new Date(0), modDate: new Date(0) }; (await import('node:fs')).writeFileSync(${JSON.stringify(file)}, await pdfBytes(doc));`;
  execFileSync(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, IRREADY_STOCK_PDFMAKE: stock ? '1' : '' } });
  return file;
}

/** Every word pdftotext finds, with its box, in reading order. */
function wordBoxes(pdf: string): [string, number, number, number, number][] {
  const xml = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8' });
  return [...xml.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => [m[5], Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])]);
}

/** The same words in the same places, to a thousandth of a point. */
function expectSameWords(fast: string, stock: string): void {
  const a = wordBoxes(fast);
  const b = wordBoxes(stock);
  expect(a.length).toBeGreaterThan(10);
  expect(a.map((w) => w[0])).toEqual(b.map((w) => w[0]));
  a.forEach((w, i) => {
    for (let k = 1; k < 5; k++) expect(Math.abs((w[k] as number) - (b[i][k] as number)), `"${w[0]}" (word ${i})`).toBeLessThan(0.001);
  });
}

/** Each page as 8-bit grey pixels (pdftoppm's PGM output). */
function pages(pdf: string): Uint8Array[] {
  const prefix = `${pdf}-page`;
  execFileSync('pdftoppm', ['-r', '50', '-gray', pdf, prefix]);
  const dir = join(pdf, '..');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.pgm'))
    .sort()
    .map((f) => {
      const data = readFileSync(join(dir, f));
      // "P5\n<w> <h>\n255\n" then the pixels.
      let newlines = 0;
      let at = 0;
      while (newlines < 3) if (data[at++] === 0x0a) newlines++;
      return data.subarray(at);
    });
}

/** Pixels that differ clearly (by more than a quarter of the grey range) between two renderings of a page. */
function differingPixels(a: Uint8Array, b: Uint8Array): number {
  expect(a.length).toBe(b.length);
  let differ = 0;
  for (let p = 0; p < a.length; p++) if (Math.abs(a[p] - b[p]) > 64) differ++;
  return differ;
}

/** Per line of links (by baseline), the span the links cover: fast paths may draw one link per run. */
function linkSpans(pdf: string): Record<string, [number, number]> {
  const spans: Record<string, [number, number]> = {};
  const raw = readFileSync(pdf, 'latin1');
  for (const m of raw.matchAll(/\/Subtype \/Link[\s\S]*?\/Rect \[([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+)\]/g)) {
    const [x1, y1, x2] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const key = y1.toFixed(1);
    const span = spans[key];
    spans[key] = span ? [Math.min(span[0], x1), Math.max(span[1], x2)] : [x1, x2];
  }
  return spans;
}

describe('pdfmake fast paths', () => {
  it('are in place for the pinned pdfmake', () => {
    expect(speedUpPdfmake(createRequire(import.meta.url))).toEqual(['draw runs of like words', 'style lookup without allocations']);
  });

  it('join only adjacent words that look alike', () => {
    const font = {};
    const word = (text: string, x: number, extra: Record<string, unknown> = {}) => ({ text, x, width: text.length, font, fontSize: 9, color: 'black', ...extra });
    const line = { inlines: [word('one ', 0), word('two ', 4), word('red ', 8, { color: 'red' }), word('far', 20)] };
    const joined = joinedLine(line);
    expect(joined.inlines.map((i: any) => [i.text, i.x, i.width])).toEqual([
      ['one two ', 0, 8],
      ['red ', 8, 4],
      ['far', 20, 3],
    ]);
    expect(line.inlines).toHaveLength(4); // the laid-out line itself is untouched
    // Letter spacing and a different line height keep words apart.
    const spaced = joinedLine({ inlines: [word('a ', 0, { characterSpacing: 2 }), word('b', 2, { characterSpacing: 2 })] });
    expect(spaced.inlines).toHaveLength(2);
    const tall = joinedLine({ inlines: [word('a ', 0, { height: 10 }), word('b', 2, { height: 30 })] });
    expect(tall.inlines).toHaveLength(2);
  });

  it.skipIf(!hasPoppler)('place every word where stock pdfmake does, in the reports and in unusual text', () => {
    expectSameWords(demoPdf(false), demoPdf(true));
    const fast = edgeCasePdf(false);
    const stock = edgeCasePdf(true);
    expectSameWords(fast, stock);
    expect(linkSpans(fast)).toEqual(linkSpans(stock));
    expect(differingPixels(pages(fast)[0], pages(stock)[0])).toBeLessThan(25); // backgrounds and underlines too (one wrong line height shows as 250)
  });

  it.skipIf(!hasPoppler)('give the same pages as stock pdfmake', () => {
    const fast = demoPdf(false);
    const stock = demoPdf(true);
    expect(execFileSync('pdftotext', ['-layout', fast, '-'], { encoding: 'utf8' })).toBe(execFileSync('pdftotext', ['-layout', stock, '-'], { encoding: 'utf8' }));
    const links = linkSpans(fast);
    expect(Object.keys(links).length).toBeGreaterThan(10); // the contents page links to its sections
    expect(links).toEqual(linkSpans(stock));
    const fastPages = pages(fast);
    const stockPages = pages(stock);
    expect(fastPages.length).toBe(stockPages.length);
    fastPages.forEach((pixels, i) => {
      // Glyphs may land a fraction of a pixel apart where anti-aliasing rounds differently.
      expect(differingPixels(pixels, stockPages[i]) / pixels.length, `page ${i + 1}`).toBeLessThan(0.001);
    });
  });
});
