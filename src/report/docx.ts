import type { IRunOptions, Paragraph, ParagraphChild, Table, TableCell, TextRun } from 'docx';
import { LEVEL_COLOURS } from './charts.js';
import type { Brand } from './brand.js';
import type { ReportView } from './view.js';
import { RunError } from '../util/errors.js';
import { cleanText, fit, hex, oneLine, rasterSize, settle, svgToPng } from './docx-support.js';

type Docx = typeof import('docx');

/** A4 with 2 cm margins, in twentieths of a point. */
const PAGE = { width: 11906, height: 16838, margin: 1134 };
const TEXT_WIDTH = PAGE.width - 2 * PAGE.margin;
/** Images are sized in pixels at 96 to the inch: the width of the text column. */
const TEXT_WIDTH_PX = Math.floor((TEXT_WIDTH / 1440) * 96);

const FONT = 'Calibri';
const GREY = '5a5a5a';
const MARKING = 'b35c00';
const LEVEL_INK = ['ffffff', '1a1a1a', '1a1a1a', '1a1a1a', 'ffffff'];

/** The board report as an editable Word file: the same sections, in the same order, as the PDF. */
export async function renderDocx(view: ReportView, brand: Brand): Promise<Uint8Array> {
  const docx: Docx = await import('docx');
  const {
    AlignmentType,
    BorderStyle,
    LineRuleType,
    Document,
    Footer,
    Header,
    HeadingLevel,
    ImageRun,
    LevelFormat,
    Packer,
    PageNumber,
    Paragraph: P,
    ShadingType,
    Tab,
    TabStopType,
    Table: T,
    TableCell: TC,
    TableLayoutType,
    TableOfContents,
    TableRow,
    TextRun: R,
    VerticalAlignTable,
    WidthType,
  } = docx;

  const d = view.decision;
  const accent = hex(view.brand.accent);

  // ---- building blocks -------------------------------------------------------------------------

  /** Plain text runs (never markup), one line break per newline. */
  const runs = (text: unknown, style: IRunOptions = {}): TextRun[] =>
    cleanText(text)
      .split('\n')
      .map((line, i) => new R({ ...style, text: line, ...(i ? { break: 1 } : {}) }));

  type Inline = string | { text: unknown; bold?: boolean; italics?: boolean; color?: string; size?: number };
  const inline = (parts: Inline[], base: IRunOptions = {}): TextRun[] =>
    parts.flatMap((part) =>
      typeof part === 'string'
        ? runs(part, base)
        : runs(part.text, { ...base, ...(part.bold ? { bold: true } : {}), ...(part.italics ? { italics: true } : {}), ...(part.color ? { color: part.color } : {}), ...(part.size ? { size: part.size } : {}) }),
    );

  const para = (parts: Inline[], options: { style?: string; after?: number; before?: number; size?: number; color?: string; align?: 'left' | 'right' | 'center'; keepNext?: boolean } = {}) =>
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

  type CellSpec = { parts: Inline[]; note?: string; level?: number | null; align?: 'left' | 'right'; color?: string; bold?: boolean; fill?: string };
  type Cell = Inline[] | CellSpec;
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
  const svgImage = (svg: string | Buffer, name: string, maxWidth: number, maxHeight: number): ImageRunT => {
    const { png, width, height } = svgToPng(svg, (w, h) => fit(w, h, maxWidth, maxHeight));
    return new ImageRun({
      type: 'png',
      data: png,
      transformation: { width, height },
      altText: { name, title: name, description: name },
    });
  };
  type ImageRunT = InstanceType<Docx['ImageRun']>;

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
      logo = new ImageRun({
        type: brand.logo.type === 'jpeg' ? 'jpg' : 'png',
        data: brand.logo.data,
        transformation: fit(size?.width ?? max.width, size?.height ?? max.height, max.width, max.height),
        altText: { name: 'Logo', title: 'Logo', description: view.brand.name || 'Logo' },
      });
    }
  }

  // ---- cover ---------------------------------------------------------------------------------------

  const white = 'ffffff';
  const band = new T({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [TEXT_WIDTH],
    layout: TableLayoutType.FIXED,
    margins: { top: 240, bottom: 240, left: 300, right: 300 },
    borders: { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none },
    rows: [
      new TableRow({
        children: [
          new TC({
            width: { size: TEXT_WIDTH, type: WidthType.DXA },
            shading: { type: ShadingType.CLEAR, color: 'auto', fill: accent },
            children: [
              new P({
                tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH - 600 }],
                spacing: { after: 600 },
                children: [...runs(oneLine(view.brand.name), { color: white, size: 22 }), new R({ children: [new Tab()] }), new R({ text: oneLine(view.brand.marking), bold: true, color: MARKING, shading: { type: ShadingType.CLEAR, color: 'auto', fill: white }, size: 22 })],
              }),
              new P({ style: 'Title', spacing: { after: 160 }, children: runs('Incident response outsourcing readiness', { color: white }) }),
              new P({ spacing: { after: 600 }, children: runs(view.organization.name, { color: white, size: 40 }) }),
            ],
          }),
        ],
      }),
    ],
  });
  const facts: [string, Cell][] = [
    ['Date', [view.date]],
    ['Respondents', [view.respondents.map((r) => (r.role ? `${r.name} (${r.role})` : r.name)).join('\n')]],
    ...(view.brand.name ? ([['Assessed by', [view.brand.name]]] as [string, Cell][]) : []),
    ['Questionnaire', [`${view.questionnaire.title} ${view.questionnaire.version}`]],
    ['Tool', [`${view.tool.name} ${view.tool.version}`]],
    ['Recommendation', { parts: [d.modelTitle], bold: true }],
    ['Readiness', [d.readiness]],
  ];
  const cover: (Paragraph | Table)[] = [
    ...(logo ? [new P({ spacing: { after: 240 }, children: [logo] })] : []),
    band,
    gap(),
    new T({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: [2600, TEXT_WIDTH - 2600],
      layout: TableLayoutType.FIXED,
      margins: { top: 60, bottom: 60, left: 80, right: 80 },
      borders: { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none },
      rows: facts.map(
        ([label, value]) =>
          new TableRow({
            children: [
              new TC({ width: { size: 2600, type: WidthType.DXA }, children: [new P({ spacing: { after: 0 }, children: runs(label, { bold: true, size: 22, color: GREY }) })] }),
              new TC({
                width: { size: TEXT_WIDTH - 2600, type: WidthType.DXA },
                children: [new P({ spacing: { after: 0 }, children: inline(Array.isArray(value) ? value : value.parts, { size: 22, ...(!Array.isArray(value) && value.bold ? { bold: true } : {}) }) })],
              }),
            ],
          }),
      ),
    }),
    para([`Classification: ${oneLine(view.brand.marking)}. Share only as the marking allows.`], { before: 1200, size: 16, color: GREY }),
  ];

  // ---- contents ------------------------------------------------------------------------------------

  const contents: (Paragraph | InstanceType<Docx['TableOfContents']>)[] = [
    new P({ style: 'ContentsHeading', pageBreakBefore: true, children: runs('Contents') }),
    new TableOfContents('Contents', { hyperlink: true, headingStyleRange: '1-2' }),
    para(['Word fills in the page numbers of this table when it opens the document (answer "Yes" when it asks to update fields). To refresh it after editing, right-click it and choose "Update Field".'], { style: 'ReportCaption', before: 200 }),
  ];

  // ---- executive summary -------------------------------------------------------------------------

  const summary: (Paragraph | Table)[] = [
    h1('Executive summary'),
    para([d.summary], { style: 'Callout' }),
    para([{ text: 'Readiness to work with a provider: ', bold: true }, d.readiness, '   ', { text: 'Overall: ', bold: true }, `${view.overall.level}, score ${view.overall.score} of 4`, '   ', { text: 'Answered: ', bold: true }, `${view.overall.coverage} (confidence ${d.confidence})`], { after: 160 }),
    ...(d.blockers.length ? [h2('Readiness blockers'), ...d.blockers.flatMap((b) => bullet([{ text: b.title, bold: true }, ` (${b.domainTitle}). `, b.fix]))] : []),
    h2('Levels by domain'),
    table(
      [5, 2.3, 1, 1.2, ...(view.hasTargets ? [1.4] : [])],
      ['Domain', 'Level', 'Score', 'Answered', ...(view.hasTargets ? ['Target'] : [])],
      view.domains.map((dm) => [
        [dm.title],
        levelCell(dm.levelNumber, dm.levelName + (dm.capped ? ' (capped)' : '')),
        { parts: [dm.score], align: 'right' },
        { parts: [dm.coverage], align: 'right' },
        ...(view.hasTargets ? [{ parts: [dm.hasTarget ? `${dm.target}${dm.gap ? ` (${dm.gap} short)` : ''}` : '–'], align: 'right' as const }] : []),
      ]),
    ),
    h2('Top actions'),
    ...view.topActions.map((a) => numbered([a.title, { text: ` (${a.priority}, ${a.horizon} days, ${a.owner})`, color: GREY }])),
  ];

  // ---- charts -------------------------------------------------------------------------------------

  const charts: Paragraph[] = [
    h1('Scores at a glance'),
    ...chart(view.charts.bars, 'Score by domain (0-4)'),
    caption(`Score by domain on the 0-4 scale, coloured by level${view.hasTargets ? '; the thick mark is the target level' : ''}.`),
    ...chart(view.charts.heatmap, 'Level by domain and stage'),
    caption('Level by domain and stage of the outsourcing relationship.'),
  ];

  // ---- recommendation -----------------------------------------------------------------------------

  const decision: (Paragraph | Table)[] = [
    h1(`Recommendation: ${d.modelTitle}`),
    para([d.summary]),
    para([{ text: 'Why: ', bold: true }, d.modelRationale, { text: ` (rule ${d.modelRule}: ${d.modelBecause})`, color: GREY }], { after: 160 }),
    ...(d.blockers.length
      ? [
          h2('Readiness blockers'),
          para(['These must be fixed before any provider can work well, whatever the model.']),
          ...d.blockers.flatMap((b) => bullet([{ text: b.title, bold: true }, ` (${b.domainTitle}). `, b.fix], [subnote(`Why: ${b.rationale} Found: ${b.because.join('; ')}. Sources: ${b.referencesText}.`)])),
        ]
      : []),
    h2('What stays in-house'),
    ...d.retained.flatMap((r) => bullet([{ text: `${r.function}. `, bold: true }, r.rationale, { text: ` (${r.referencesText})`, color: GREY }])),
    h2('What would change this'),
    ...(d.hasFlips ? d.flips.flatMap((f) => bullet([f.text])) : [para(['No single change of a domain level or profile answer would change the recommended model.'])]),
    h2('Rules that fired'),
    table([2.2, 4, 4], ['Rule', 'Outcome', 'Because'], d.rules.map((r) => [[r.id], [r.outcome], [r.becauseText]]), 17),
  ];

  // ---- outsourcing plan ---------------------------------------------------------------------------

  const plan = view.plan;
  /** Stance shading, as in the HTML badges: in-house dark blue with white text, share light blue, outsource yellow. */
  const STANCE_FILL: Record<string, { fill: string; color?: string }> = {
    'in-house': { fill: '2c7bb6', color: white },
    share: { fill: '91bfdb' },
    outsource: { fill: 'f4d166' },
  };
  const GAP_FILL = 'fde0dc';
  const GAP_INK = 'b2182b';
  const raciFirst = 3.2;
  const planSection: (Paragraph | Table)[] = [
    h1('Outsourcing plan'),
    h2('Services'),
    caption(
      `Services of the ${oneLine(plan.catalogue.name)}, with where each sits in the NIST CSF functions, the ISO/IEC 27035-1 phases, the OODA loop and the kill chain.${plan.stanceCounts.map((c) => ` ${c.stance}: ${c.count}.`).join('')}`,
    ),
    table(
      [2, 1.3, 3.1, 1.3, 1.4, 1.2, 1.9],
      ['Service', 'Stance', 'Why', 'CSF', 'ISO/IEC 27035', 'OODA', 'Kill chain'],
      plan.services.map((s) => {
        const stance = STANCE_FILL[s.stance] ?? { fill: 'f0f2f4' };
        return [[s.title], { parts: [s.stanceTitle], fill: stance.fill, ...(stance.color ? { color: stance.color } : {}) }, [s.reasonText], [s.csfText], [s.isoText], [s.oodaText], [s.killChainText]];
      }),
      16,
    ),
    h2('Responsibilities (RACI)'),
    para(['R responsible, A accountable, C consulted, I informed. ', { text: 'GAP', bold: true, color: GAP_INK }, ': the answers leave the owner unclear; agree it before any contract, it is not guessed here.'], { style: 'ReportCaption' }),
    table(
      [raciFirst, ...plan.raci.parties.map(() => Math.max(1, (10 - raciFirst) / Math.max(1, plan.raci.parties.length)))],
      ['Activity', ...plan.raci.parties],
      plan.raci.rows.map((r) => [[r.title], ...r.cells.map((c): Cell => (c.gap ? { parts: [c.text], fill: GAP_FILL, color: GAP_INK, bold: true } : [c.text]))]),
      17,
    ),
    ...(plan.raci.gapNotes.length ? [gap(), ...plan.raci.gapNotes.flatMap((n) => bullet([{ text: n, size: 17 }]))] : []),
    h2('Staffing'),
    para([`Coverage needed: ${plan.staffing.coverageText} (${plan.staffing.hoursPerWeek} hours a week). `, { text: `${plan.staffing.formula}.`, color: GREY, size: 17 }]),
    table(
      [4, 1, 5],
      ['Role kept in-house under the recommendation', 'FTE', 'Why'],
      plan.staffing.retained.map((r) => [[r.title], { parts: [String(r.fte)], align: 'right' }, [r.why]]),
      17,
    ),
    gap(),
    para([
      'In-house FTE needed for the recommendation: ',
      { text: String(plan.staffing.retainedTotal), bold: true },
      `; available today: ${plan.staffing.available}; `,
      { text: plan.staffing.gapText, bold: true },
      `. Running everything in-house would take ${plan.staffing.inHouseTotal} FTE.`,
    ]),
    h2('Cost'),
    table(
      [3.6, 1.6, 1.6, 1.6, 1.6],
      ['Option', 'Setup', 'Per year', 'First year', 'Three years'],
      plan.costs.rows.map((r) => [[r.label], { parts: [r.setup], align: 'right' }, { parts: [r.perYear], align: 'right' }, { parts: [r.year1], align: 'right' }, { parts: [r.year3], align: 'right' }]),
      17,
    ),
    ...chart(view.charts.costs, 'Cumulative cost of each option over three years'),
    caption('Cumulative cost of each option over three years.'),
    para([plan.costs.breakEvenText, ' ', { text: plan.costs.assumptionText, color: GREY, size: 17 }]),
    h2('Contract and SLA requirements'),
    ...(plan.requirements.length
      ? [
          table(
            [0.5, 1.7, 4, 2.8, 1.8],
            ['#', 'Topic', 'Requirement', 'Gap', 'Sources'],
            plan.requirements.map((r) => [{ parts: [String(r.number)], align: 'right' }, [r.topic], [r.requirement], [r.becauseText], [r.referencesText]]),
            16,
          ),
        ]
      : [para(['No contract requirement follows from the answers.'])]),
  ];

  // ---- findings -----------------------------------------------------------------------------------

  const findings: (Paragraph | Table)[] = [h1('Findings by domain')];
  for (const dm of view.domains) {
    findings.push(h2(`${dm.title}: ${dm.level}`));
    findings.push(
      caption(
        `Score ${dm.score} of 4, ${dm.coverage} answered${dm.notApplicable ? `, ${dm.notApplicable} not applicable` : ''}${dm.dontKnow ? `, ${dm.dontKnow} "don't know"` : ''}.${dm.capped ? ` Capped at level 1 by: ${dm.cappedBy.join('; ')}.` : ''}`,
      ),
    );
    findings.push(
      table(
        [4.2, 2.6, 0.8, 3],
        ['Question', 'Answer', 'Score', 'Evidence or comment'],
        dm.findings.map((f) => [
          [f.title, ...(f.critical ? [{ text: ' (critical)', bold: true }] : [])],
          [f.answer],
          f.gap ? { parts: [{ text: f.score, bold: true, color: 'b2182b' }], align: 'right' } : { parts: [f.score], align: 'right' },
          [f.comment],
        ]),
        17,
      ),
    );
  }

  // ---- actions ------------------------------------------------------------------------------------

  const actions: (Paragraph | Table)[] = [h1('Action plan')];
  for (const group of view.actionGroups) {
    actions.push(h2(group.title));
    actions.push(
      table(
        [0.5, 5, 1.8, 1.8, 1],
        ['#', 'Action', 'Domain', 'Owner', 'Horizon'],
        group.actions.map((a) => [{ parts: [String(a.number)], align: 'right' }, { parts: [a.title], note: a.why }, [a.domainTitle], [a.owner], { parts: [`${a.horizon} days`], align: 'right' }]),
        17,
      ),
    );
  }

  // ---- method -------------------------------------------------------------------------------------

  const method: (Paragraph | Table)[] = [
    h1('Method and references'),
    para(['Practice answers use a 0-4 scale:']),
    table([0.8, 1.6, 6], ['Level', 'Name', 'Meaning'], view.levels.map((l) => [levelCell(l.level, ''), [l.name], [l.meaning]])),
    gap(),
    para([
      "A domain's score is the weighted mean of its scored answers; \"not applicable\" and unanswered questions leave the mean, \"don't know\" counts as 0. A critical question at 0 or 1 caps its domain at level 1. The overall score is the mean of the domain scores. The recommendation comes from documented decision rules; METHODOLOGY.md, shipped with the tool, explains every score and rule.",
    ]),
    h2('References'),
    ...view.references.flatMap((r) => bullet([{ text: r.id, bold: true }, `: ${r.title}`])),
  ];

  // ---- appendix -----------------------------------------------------------------------------------

  const appendix: (Paragraph | Table)[] = [
    h1('Appendix: organisation profile and all answers'),
    h2('Organisation profile'),
    table([5, 4], ['Question', 'Answer'], view.profile.map((p) => [[p.title], [p.answer]]), 17),
    h2('All answers'),
    table([5, 0.9, 3.2, 0.8], ['Question', 'Domain', 'Answer', 'Score'], view.allAnswers.map((a) => [[a.title], [a.domain], [a.answer], { parts: [a.score], align: 'right' }]), 16),
  ];

  // ---- page furniture -----------------------------------------------------------------------------

  const footerText = [view.brand.marking, view.organization.name, view.date, view.brand.footer].filter(Boolean).map(oneLine).join(' · ');
  const header = new Header({
    children: [
      new P({
        tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
        children: [new R({ text: oneLine(view.brand.marking), bold: true, color: MARKING, size: 16 }), new R({ children: [new Tab(), oneLine(view.organization.name)], color: GREY, size: 16 })],
      }),
    ],
  });
  const footer = new Footer({
    children: [
      new P({
        tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
        children: [new R({ text: footerText, color: GREY, size: 16 }), new R({ children: [new Tab(), 'Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES], size: 16 })],
      }),
    ],
  });
  const coverHeader = new Header({ children: [new P({ children: [] })] });
  const coverFooter = new Footer({ children: [new P({ children: [] })] });

  const listIndent = { paragraph: { indent: { left: 360, hanging: 260 } } };
  const document = new Document({
    title: oneLine(view.title),
    subject: oneLine(`${d.modelTitle}; readiness ${d.readiness}`),
    creator: oneLine(view.brand.name || view.tool.name),
    lastModifiedBy: oneLine(view.brand.name || view.tool.name),
    description: oneLine(`Generated by ${view.tool.name} ${view.tool.version} from questionnaire ${view.questionnaire.title} ${view.questionnaire.version}. Classification: ${view.brand.marking}.`),
    keywords: oneLine(view.brand.marking),
    revision: 1,
    features: { updateFields: true },
    styles: {
      default: {
        document: { run: { font: FONT, size: 20, color: '1a1a1a' }, paragraph: { spacing: { after: 100, line: 264, lineRule: LineRuleType.AUTO } } },
        title: { run: { font: FONT, size: 52, bold: true, color: accent }, paragraph: { spacing: { after: 160 } } },
        heading1: { run: { font: FONT, size: 34, bold: true, color: accent }, paragraph: { spacing: { before: 0, after: 200 }, keepNext: true, keepLines: true, outlineLevel: 0 } },
        heading2: { run: { font: FONT, size: 24, bold: true, color: accent }, paragraph: { spacing: { before: 240, after: 100 }, keepNext: true, keepLines: true, outlineLevel: 1 } },
        listParagraph: { run: { font: FONT } },
      },
      paragraphStyles: [
        { id: 'ContentsHeading', name: 'Contents heading', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { size: 34, bold: true, color: accent }, paragraph: { spacing: { after: 200 } } },
        { id: 'Callout', name: 'Callout', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { size: 24 }, paragraph: { spacing: { before: 80, after: 120 }, border: { left: { style: BorderStyle.SINGLE, size: 24, color: accent, space: 8 } }, indent: { left: 200 } } },
        { id: 'ReportCaption', name: 'Report caption', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { size: 17, color: GREY }, paragraph: { spacing: { after: 120 } } },
      ],
    },
    numbering: {
      config: [
        { reference: 'bullets', levels: [{ level: 0, format: LevelFormat.BULLET, text: '\u2022', alignment: AlignmentType.LEFT, style: listIndent }] },
        { reference: 'numbers', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.LEFT, style: listIndent }] },
      ],
    },
    sections: [
      {
        properties: {
          titlePage: true,
          page: { size: { width: PAGE.width, height: PAGE.height }, margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin, header: 567, footer: 567 } },
        },
        headers: { default: header, first: coverHeader },
        footers: { default: footer, first: coverFooter },
        children: [...cover, ...contents, ...summary, ...charts, ...decision, ...planSection, ...findings, ...actions, ...method, ...appendix],
      },
    ],
  });

  const packed = await Packer.toBuffer(document);
  return settle(new Uint8Array(packed.buffer, packed.byteOffset, packed.byteLength), view.generatedAt);
}
