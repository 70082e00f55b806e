import type { IBorderOptions, ImageRun, IRunOptions, Paragraph, ParagraphChild, Table, TableCell, TextRun } from 'docx';
import { LEVEL_COLOURS } from './charts.js';
import type { Brand } from './brand.js';
import type { ReportView } from './view.js';
import { RunError } from '../util/errors.js';
import { cleanText, fit, hex, oneLine, rasterSize, svgToPng } from './docx-support.js';

/** The Word report's shared building blocks (page, colours, text, headings, lists, tables, pictures), made once per document. */

/** The docx library, loaded only when a Word report is asked for. */
export type Docx = typeof import('docx');

/** A4 with 2 cm margins, in twentieths of a point. */
export const PAGE = { width: 11906, height: 16838, margin: 1134 };
export const TEXT_WIDTH = PAGE.width - 2 * PAGE.margin;
/** Images are sized in pixels at 96 to the inch: the width of the text column. */
const TEXT_WIDTH_PX = Math.floor((TEXT_WIDTH / 1440) * 96);

export const FONT = 'Calibri';
export const GREY = '5a5a5a';
export const MARKING = 'b35c00';
const LEVEL_INK = ['ffffff', '1a1a1a', '1a1a1a', '1a1a1a', 'ffffff'];

/** What the body of the report is made of. */
export type Block = Paragraph | Table;

/** A piece of a paragraph: plain text, or text with its own weight, slant, colour or size. */
export type Inline = string | { text: unknown; bold?: boolean; italics?: boolean; color?: string; size?: number };
export type ParaOptions = { style?: string; after?: number; before?: number; size?: number; color?: string; align?: 'left' | 'right' | 'center'; keepNext?: boolean };
export type CellSpec = { parts: Inline[]; note?: string; level?: number | null; align?: 'left' | 'right'; color?: string; bold?: boolean; fill?: string };
export type Cell = Inline[] | CellSpec;

/** The building blocks every section of the Word report shares. */
export interface DocxKit {
  /** The docx library itself, for the sections that build their own paragraphs and tables. */
  docx: Docx;
  /** The brand's accent colour, as docx writes colours. */
  accent: string;
  /** The brand's logo as a picture, if the brand has one. */
  logo: ParagraphChild | undefined;
  runs(text: unknown, style?: IRunOptions): TextRun[];
  inline(parts: Inline[], base?: IRunOptions): TextRun[];
  para(parts: Inline[], options?: ParaOptions): Paragraph;
  h1(text: string, pageBreak?: boolean): Paragraph;
  h2(text: string): Paragraph;
  caption(text: string): Paragraph;
  bullet(parts: Inline[], extra?: Paragraph[]): Paragraph[];
  numbered(parts: Inline[]): Paragraph;
  subnote(text: string): Paragraph;
  /** A table cell shaded in the colour of a level (grey text when there is no level). */
  levelCell(level: number | null, label: string): Cell;
  /** Table borders: a thin grey line, and none. */
  border: IBorderOptions;
  none: IBorderOptions;
  /** A table across the text column, columns sized by fractions, with a header row repeated on every page. */
  table(fractions: number[], header: string[], rows: Cell[][], size?: number): Table;
  /** An empty paragraph, for space between blocks. */
  gap(): Paragraph;
  /** An SVG chart as a centred picture, or nothing when there is no chart. */
  chart(svg: string, name: string): Paragraph[];
}

/** Makes the building blocks for one document, in the brand's colours and with its logo. */
export function createKit(docx: Docx, view: ReportView, brand: Brand): DocxKit {
  const {
    AlignmentType,
    BorderStyle,
    HeadingLevel,
    ImageRun: Image,
    Paragraph: P,
    ShadingType,
    Table: T,
    TableCell: TC,
    TableLayoutType,
    TableRow,
    TextRun: R,
    VerticalAlignTable,
    WidthType,
  } = docx;

  const accent = hex(view.brand.accent);

  // ---- building blocks -------------------------------------------------------------------------

  /** Plain text runs (never markup), one line break per newline. */
  const runs = (text: unknown, style: IRunOptions = {}): TextRun[] =>
    cleanText(text)
      .split('\n')
      .map((line, i) => new R({ ...style, text: line, ...(i ? { break: 1 } : {}) }));

  const inline = (parts: Inline[], base: IRunOptions = {}): TextRun[] =>
    parts.flatMap((part) =>
      typeof part === 'string'
        ? runs(part, base)
        : runs(part.text, { ...base, ...(part.bold ? { bold: true } : {}), ...(part.italics ? { italics: true } : {}), ...(part.color ? { color: part.color } : {}), ...(part.size ? { size: part.size } : {}) }),
    );

  const para = (parts: Inline[], options: ParaOptions = {}) =>
    new P({
      ...(options.style ? { style: options.style } : {}),
      ...(options.align ? { alignment: options.align === 'right' ? AlignmentType.RIGHT : options.align === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT } : {}),
      ...(options.after !== undefined || options.before !== undefined ? { spacing: { ...(options.before !== undefined ? { before: options.before } : {}), ...(options.after !== undefined ? { after: options.after } : {}) } } : {}),
      ...(options.keepNext ? { keepNext: true } : {}),
      children: inline(parts, { ...(options.size ? { size: options.size } : {}), ...(options.color ? { color: options.color } : {}) }),
    });

  const h1 = (text: string, pageBreak = true) => new P({ heading: HeadingLevel.HEADING_1, pageBreakBefore: pageBreak, children: runs(oneLine(text)) });
  const h2 = (text: string) => new P({ heading: HeadingLevel.HEADING_2, children: runs(oneLine(text)) });
  const caption = (text: string) => para([text], { style: 'ReportCaption' });
  const bullet = (parts: Inline[], extra: Paragraph[] = []) => [new P({ numbering: { reference: 'bullets', level: 0 }, children: inline(parts) }), ...extra];
  const numbered = (parts: Inline[]) => new P({ numbering: { reference: 'numbers', level: 0 }, children: inline(parts) });
  /** A grey note under a list item, indented to the item's text. */
  const subnote = (text: string) => new P({ indent: { left: 360 }, spacing: { after: 100 }, children: runs(text, { size: 17, color: '444444' }) });

  // ---- tables ------------------------------------------------------------------------------------

  const levelCell = (level: number | null, label: string): Cell =>
    level === null ? { parts: [label], color: GREY } : { parts: [`${level} ${label}`.trim()], level };

  const border = { style: BorderStyle.SINGLE, size: 4, color: 'c8ccd0' };
  const none = { style: BorderStyle.NONE, size: 0, color: 'auto' };

  const table = (fractions: number[], header: string[], rows: Cell[][], size = 18): Table => {
    const total = fractions.reduce((a, b) => a + b, 0);
    const widths = fractions.map((f) => Math.floor((f / total) * TEXT_WIDTH));
    const makeCell = (cell: Cell, i: number, head = false): TableCell => {
      const spec: CellSpec = Array.isArray(cell) ? { parts: cell } : cell;
      const level = spec.level ?? null;
      const colour = level !== null ? LEVEL_INK[level] : spec.color;
      const children = [
        new P({
          alignment: spec.align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
          spacing: { after: 0 },
          children: inline(spec.parts, { size, ...(head || spec.bold ? { bold: true } : {}), ...(colour ? { color: colour } : {}) }),
        }),
      ];
      if (spec.note) children.push(new P({ spacing: { before: 20, after: 0 }, children: runs(spec.note, { size: size - 3, color: GREY }) }));
      return new TC({
        width: { size: widths[i], type: WidthType.DXA },
        verticalAlign: VerticalAlignTable.TOP,
        ...(head
          ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'f0f2f4' } }
          : level !== null
            ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: hex(LEVEL_COLOURS[level]) } }
            : spec.fill
              ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: hex(spec.fill) } }
              : {}),
        children,
      });
    };
    return new T({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
      borders: { top: border, bottom: border, left: none, right: none, insideHorizontal: border, insideVertical: none },
      rows: [
        new TableRow({ tableHeader: true, cantSplit: true, children: header.map((h, i) => makeCell([h], i, true)) }),
        ...rows.map((row) => new TableRow({ cantSplit: true, children: row.map((c, i) => makeCell(c, i)) })),
      ],
    });
  };
  const gap = () => new P({ spacing: { after: 120 }, children: [] });

  // ---- images ------------------------------------------------------------------------------------

  /**
   * An SVG picture, drawn to PNG at twice its shown size. Word could take the SVG itself, but
   * LibreOffice and other editors draw it wrongly, and the client may open the file in any of them.
   */
  const svgImage = (svg: string | Buffer, name: string, maxWidth: number, maxHeight: number): ImageRun => {
    const { png, width, height } = svgToPng(svg, (w, h) => fit(w, h, maxWidth, maxHeight));
    return new Image({
      type: 'png',
      data: png,
      transformation: { width, height },
      altText: { name, title: name, description: name },
    });
  };

  const chart = (svg: string, name: string): Paragraph[] =>
    svg ? [new P({ alignment: AlignmentType.CENTER, spacing: { before: 120, after: 60 }, keepNext: true, children: [svgImage(svg, name, TEXT_WIDTH_PX, 900)] })] : [];

  let logo: ParagraphChild | undefined;
  if (brand.logo) {
    const max = { width: 213, height: 64 };
    if (brand.logo.type === 'svg') {
      try {
        logo = svgImage(brand.logo.data, 'Logo', max.width, max.height);
      } catch (err) {
        throw new RunError(`cannot draw the SVG logo for the Word report: ${err instanceof Error ? err.message : String(err)}`);
      }
    } else {
      const size = rasterSize(brand.logo.data);
      logo = new Image({
        type: brand.logo.type === 'jpeg' ? 'jpg' : 'png',
        data: brand.logo.data,
        transformation: fit(size?.width ?? max.width, size?.height ?? max.height, max.width, max.height),
        altText: { name: 'Logo', title: 'Logo', description: view.brand.name || 'Logo' },
      });
    }
  }

  return { docx, accent, logo, runs, inline, para, h1, h2, caption, bullet, numbered, subnote, levelCell, border, none, table, gap, chart };
}
