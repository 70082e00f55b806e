import type { Paragraph, TableOfContents } from 'docx';
import type { ReportView } from './view.js';
import { oneLine } from './docx-support.js';
import { GREY, MARKING, TEXT_WIDTH, type Block, type Cell, type DocxKit } from './docx-kit.js';

/** The sections of the Word report, in reading order: each one a function of the kit and the view. */

const WHITE = 'ffffff';

// ---- cover ---------------------------------------------------------------------------------------

export function coverSection(kit: DocxKit, view: ReportView): Block[] {
  const { Paragraph: P, ShadingType, Tab, TabStopType, Table: T, TableCell: TC, TableLayoutType, TableRow, TextRun: R, WidthType } = kit.docx;
  const { runs, inline, para, gap, none, accent, logo } = kit;
  const d = view.decision;

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
                children: [...runs(oneLine(view.brand.name), { color: WHITE, size: 22 }), new R({ children: [new Tab()] }), new R({ text: oneLine(view.brand.marking), bold: true, color: MARKING, shading: { type: ShadingType.CLEAR, color: 'auto', fill: WHITE }, size: 22 })],
              }),
              new P({ style: 'Title', spacing: { after: 160 }, children: runs('Incident response outsourcing readiness', { color: WHITE }) }),
              new P({ spacing: { after: 600 }, children: runs(view.organization.name, { color: WHITE, size: 40 }) }),
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
  return [
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
}

// ---- contents ------------------------------------------------------------------------------------

export function contentsSection(kit: DocxKit): (Paragraph | TableOfContents)[] {
  const { Paragraph: P, TableOfContents: Toc } = kit.docx;
  const { runs, para } = kit;
  return [
    new P({ style: 'ContentsHeading', pageBreakBefore: true, children: runs('Contents') }),
    new Toc('Contents', { hyperlink: true, headingStyleRange: '1-2' }),
    para(['Word fills in the page numbers of this table when it opens the document (answer "Yes" when it asks to update fields). To refresh it after editing, right-click it and choose "Update Field".'], { style: 'ReportCaption', before: 200 }),
  ];
}

// ---- executive summary -------------------------------------------------------------------------

export function summarySection(kit: DocxKit, view: ReportView): Block[] {
  const { h1, h2, para, bullet, numbered, table, levelCell } = kit;
  const d = view.decision;
  return [
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
}

// ---- charts -------------------------------------------------------------------------------------

export function chartsSection(kit: DocxKit, view: ReportView): Paragraph[] {
  const { h1, chart, caption } = kit;
  return [
    h1('Scores at a glance'),
    ...chart(view.charts.bars, 'Score by domain (0-4)'),
    caption(`Score by domain on the 0-4 scale, coloured by level${view.hasTargets ? '; the thick mark is the target level' : ''}.`),
    ...chart(view.charts.heatmap, 'Level by domain and stage'),
    caption('Level by domain and stage of the outsourcing relationship.'),
  ];
}

// ---- recommendation -----------------------------------------------------------------------------

export function decisionSection(kit: DocxKit, view: ReportView): Block[] {
  const { h1, h2, para, bullet, subnote, table } = kit;
  const d = view.decision;
  return [
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
}

// ---- outsourcing plan ---------------------------------------------------------------------------

/** Stance shading, as in the HTML badges: in-house dark blue with white text, share light blue, outsource yellow. */
const STANCE_FILL: Record<string, { fill: string; color?: string }> = {
  'in-house': { fill: '2c7bb6', color: WHITE },
  share: { fill: '91bfdb' },
  outsource: { fill: 'f4d166' },
};
const GAP_FILL = 'fde0dc';
const GAP_INK = 'b2182b';

export function planSection(kit: DocxKit, view: ReportView): Block[] {
  const { h1, h2, para, caption, bullet, table, gap, chart } = kit;
  const plan = view.plan;
  const raciFirst = 3.2;
  return [
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
}

// ---- findings -----------------------------------------------------------------------------------

export function findingsSection(kit: DocxKit, view: ReportView): Block[] {
  const { h1, h2, caption, table } = kit;
  const findings: Block[] = [h1('Findings by domain')];
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
  return findings;
}

// ---- disagreements -------------------------------------------------------------------------------

/** Only with several respondents who differ by two points or more, as in the PDF and HTML. */
export function disagreementsSection(kit: DocxKit, view: ReportView): Block[] {
  const { h1, para, table, gap } = kit;
  const { disagreements } = view;
  if (!disagreements.hasAny) return [];
  return [
    h1('Where respondents disagree'),
    para([disagreements.intro]),
    ...(disagreements.domains.length ? [table([4, 6], ['Domain', 'Levels by respondent'], disagreements.domains.map((d) => [[d.title], [d.levelsText]]), 17), gap()] : []),
    ...(disagreements.questions.length ? [table([5, 1.6, 4.4], ['Question', 'Domain', 'Answers'], disagreements.questions.map((q) => [[q.title], [q.domainTitle], [q.answersText]]), 17)] : []),
  ];
}

// ---- actions ------------------------------------------------------------------------------------

export function actionsSection(kit: DocxKit, view: ReportView): Block[] {
  const { h1, h2, table } = kit;
  const actions: Block[] = [h1('Action plan')];
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
  return actions;
}

// ---- method -------------------------------------------------------------------------------------

export function methodSection(kit: DocxKit, view: ReportView): Block[] {
  const { h1, h2, para, bullet, table, gap, levelCell } = kit;
  return [
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
}

// ---- appendix -----------------------------------------------------------------------------------

export function appendixSection(kit: DocxKit, view: ReportView): Block[] {
  const { h1, h2, table } = kit;
  return [
    h1('Appendix: organisation profile and all answers'),
    h2('Organisation profile'),
    table([5, 4], ['Question', 'Answer'], view.profile.map((p) => [[p.title], [p.answer]]), 17),
    h2('All answers'),
    table([5, 0.9, 3.2, 0.8], ['Question', 'Domain', 'Answer', 'Score'], view.allAnswers.map((a) => [[a.title], [a.domain], [a.answer], { parts: [a.score], align: 'right' }]), 16),
  ];
}
