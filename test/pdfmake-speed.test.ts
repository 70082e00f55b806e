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
      expect(pixels.length).toBe(stockPages[i].length);
      // Glyphs may land a fraction of a pixel apart where anti-aliasing rounds differently.
      let differ = 0;
      for (let p = 0; p < pixels.length; p++) if (Math.abs(pixels[p] - stockPages[i][p]) > 64) differ++;
      expect(differ / pixels.length, `page ${i + 1}`).toBeLessThan(0.001);
    });
  });
});
