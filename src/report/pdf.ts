import { LEVEL_COLOURS } from './charts.js';
import { breakable, clip, pdfBytes } from './pdfmake.js';
import type { Brand } from './brand.js';
import type { ReportView } from './view.js';

type Node = Record<string, unknown> | string | Node[];

const levelCell = (level: number | null, label: string): Node =>
  level === null ? { text: label, color: '#5a5a5a' } : { text: `${level} ${label}`, fillColor: LEVEL_COLOURS[level], color: level === 0 || level === 4 ? '#ffffff' : '#1a1a1a' };

function table(widths: (string | number)[], header: string[], rows: Node[][], options: { fontSize?: number } = {}): Node {
  return {
    table: { headerRows: 1, widths, body: [header.map((h) => ({ text: h, style: 'th' })), ...rows], dontBreakRows: true },
    layout: 'lightHorizontalLines',
    fontSize: options.fontSize ?? 9,
    margin: [0, 4, 0, 12],
  };
}

const h1 = (text: string, pageBreak = true): Node => ({ text, style: 'h1', tocItem: true, ...(pageBreak ? { pageBreak: 'before' } : {}) });
const h2 = (text: string): Node => ({ text: breakable(text), style: 'h2' });

/** The board report as PDF: cover, contents, summary, charts, decision, findings, actions, method, appendix. */
export async function renderPdf(view: ReportView, brand: Brand): Promise<Uint8Array> {
  const d = view.decision;
  const accent = view.brand.accent;
  const created = new Date(view.generatedAt);

  const logo: Node[] = [];
  if (brand.logo) {
    // On a white plate, so that a logo in the accent colour stays visible on the cover band.
    const picture = brand.logo.type === 'svg' ? { svg: brand.logo.data.toString('utf8'), fit: [160, 48] } : { image: view.brand.logo, fit: [160, 48] };
    logo.push({ table: { body: [[picture]] }, layout: { fillColor: '#ffffff', hLineWidth: () => 0, vLineWidth: () => 0, paddingLeft: () => 6, paddingRight: () => 6, paddingTop: () => 4, paddingBottom: () => 4 } });
  }

  const cover: Node[] = [
    { columns: [{ stack: logo.length ? logo : [{ text: view.brand.name || ' ', color: '#ffffff', fontSize: 12 }], width: '*' }, { text: view.brand.marking, style: 'marking', width: 'auto' }] },
    { text: 'Incident response outsourcing readiness', fontSize: 26, bold: true, color: '#ffffff', margin: [0, 60, 0, 8] },
    { text: breakable(clip(view.organization.name, 200)), fontSize: 20, color: '#ffffff', margin: [0, 0, 0, 60] },
    {
      table: {
        widths: [110, '*'],
        body: [
          ['Date', view.date],
          ['Respondents', breakable(clip(view.respondents.map((r) => (r.role ? `${r.name} (${r.role})` : r.name)).join('; '), 1000))],
          ...(view.brand.name ? [['Assessed by', breakable(view.brand.name)]] : []),
          ['Questionnaire', `${view.questionnaire.title} ${view.questionnaire.version}`],
          ['Tool', `${view.tool.name} ${view.tool.version}`],
          ['Recommendation', { text: d.modelTitle, bold: true }],
          ['Readiness', d.readiness],
        ],
      },
      layout: 'noBorders',
      fontSize: 11,
      color: '#ffffff',
    },
    { text: `Classification: ${view.brand.marking}. Share only as the marking allows.`, fontSize: 8, color: '#5a5a5a', margin: [0, 120, 0, 0] },
  ];

  const summary: Node[] = [
    h1('Executive summary'),
    { text: breakable(d.summary), style: 'callout' },
    { text: [{ text: 'Readiness to work with a provider: ', bold: true }, d.readiness, '   ', { text: 'Overall: ', bold: true }, `${view.overall.level}, score ${view.overall.score} of 4`, '   ', { text: 'Answered: ', bold: true }, `${view.overall.coverage} (confidence ${d.confidence})`], margin: [0, 6, 0, 8] },
    ...(d.blockers.length ? [h2('Readiness blockers'), { ul: d.blockers.map((b) => ({ text: [{ text: breakable(b.title), bold: true }, ` (${b.domainTitle}). `, breakable(b.fix)], margin: [0, 0, 0, 4] })) }] : []),
    h2('Levels by domain'),
    table(
      ['*', 110, 45, 55, ...(view.hasTargets ? [55] : [])],
      ['Domain', 'Level', 'Score', 'Answered', ...(view.hasTargets ? ['Target'] : [])],
      view.domains.map((dm) => [
        dm.title,
        levelCell(dm.levelNumber, dm.levelName + (dm.capped ? ' (capped)' : '')),
        { text: dm.score, alignment: 'right' },
        { text: dm.coverage, alignment: 'right' },
        ...(view.hasTargets ? [{ text: dm.hasTarget ? `${dm.target}${dm.gap ? ` (${dm.gap} short)` : ''}` : '–', alignment: 'right' }] : []),
      ]),
    ),
    h2('Top actions'),
    { ol: view.topActions.map((a) => ({ text: [breakable(a.title), { text: ` (${a.priority}, ${a.horizon} days, ${a.owner})`, color: '#5a5a5a' }], margin: [0, 0, 0, 3] })) },
  ];

  const charts: Node[] = [
    h1('Scores at a glance'),
    { svg: view.charts.bars, width: 500, margin: [0, 6, 0, 4] },
    { text: `Score by domain on the 0-4 scale, coloured by level${view.hasTargets ? '; the thick mark is the target level' : ''}.`, style: 'caption' },
    { svg: view.charts.heatmap, width: 500, margin: [0, 16, 0, 4] },
    { text: 'Level by domain and stage of the outsourcing relationship.', style: 'caption' },
  ];

  const decision: Node[] = [
    h1(`Recommendation: ${d.modelTitle}`),
    { text: breakable(d.summary), margin: [0, 0, 0, 6] },
    { text: [{ text: 'Why: ', bold: true }, breakable(d.modelRationale), { text: ` (rule ${d.modelRule}: ${breakable(d.modelBecause)})`, color: '#5a5a5a' }], margin: [0, 0, 0, 8] },
    ...(d.blockers.length
      ? [
          h2('Readiness blockers'),
          { text: 'These must be fixed before any provider can work well, whatever the model.', margin: [0, 0, 0, 4] },
          {
            ul: d.blockers.map((b) => ({
              stack: [
                { text: [{ text: breakable(b.title), bold: true }, ` (${b.domainTitle}). `, breakable(b.fix)] },
                { text: `Why: ${breakable(b.rationale)} Found: ${breakable(b.because.join('; '))}. Sources: ${b.referencesText}.`, fontSize: 8.5, color: '#444444' },
              ],
              margin: [0, 0, 0, 5],
            })),
          },
        ]
      : []),
    h2('What stays in-house'),
    { ul: d.retained.map((r) => ({ text: [{ text: `${breakable(r.function)}. `, bold: true }, breakable(r.rationale), { text: ` (${r.referencesText})`, color: '#5a5a5a' }], margin: [0, 0, 0, 3] })) },
    h2('What would change this'),
    d.hasFlips ? { ul: d.flips.map((f) => breakable(f.text)) } : { text: 'No single change of a domain level or profile answer would change the recommended model.' },
    h2('Rules that fired'),
    table([110, '*', '*'], ['Rule', 'Outcome', 'Because'], d.rules.map((r) => [r.id, breakable(r.outcome), breakable(r.becauseText)]), { fontSize: 8 }),
  ];

  const pl = view.plan;
  const stanceFill = { 'in-house': ['#2c7bb6', '#ffffff'], share: ['#91bfdb', '#1a1a1a'], outsource: ['#f4d166', '#1a1a1a'] } as const;
  const plan: Node[] = [
    h1('Outsourcing plan'),
    h2('Services'),
    { text: `Services of the ${pl.catalogue.name}, with where each sits in the NIST CSF functions, the ISO/IEC 27035-1 phases, the OODA loop and the kill chain.`, style: 'caption' },
    table(
      [90, 62, '*', 48, 62, 42],
      ['Service', 'Stance', 'Why', 'CSF', 'ISO/IEC 27035', 'OODA'],
      pl.services.map((sv) => [
        breakable(sv.title),
        { text: sv.stanceTitle, fillColor: stanceFill[sv.stance][0], color: stanceFill[sv.stance][1] },
        breakable(sv.reasonText),
        sv.csfText,
        sv.isoText,
        sv.oodaText,
      ]),
      { fontSize: 7.5 },
    ),
    h2('Responsibilities (RACI)'),
    { text: 'R responsible, A accountable, C consulted, I informed. GAP: the answers leave the owner unclear; agree it before any contract, it is not guessed here.', style: 'caption' },
    table(
      ['*', ...pl.raci.parties.map(() => 80)],
      ['Activity', ...pl.raci.parties],
      pl.raci.rows.map((r) => [breakable(r.title), ...r.cells.map((c) => (c.gap ? { text: 'GAP', bold: true, color: '#b2182b', fillColor: '#fde0dc' } : c.text))]),
    ),
    ...(pl.raci.gapNotes.length ? [{ ul: pl.raci.gapNotes.map((g) => breakable(g)), fontSize: 8.5, margin: [0, 0, 0, 8] }] : []),
    h2('Staffing'),
    { text: `Coverage needed: ${pl.staffing.coverageText} (${pl.staffing.hoursPerWeek} hours a week). ${pl.staffing.formula}.`, margin: [0, 0, 0, 4] },
    table(['*', 40, 200], ['Role kept in-house under the recommendation', 'FTE', 'Why'], pl.staffing.retained.map((r) => [breakable(r.title), { text: String(r.fte), alignment: 'right' }, breakable(r.why)])),
    { text: `In-house FTE needed for the recommendation: ${pl.staffing.retainedTotal}; available today: ${pl.staffing.available}; ${pl.staffing.gapText}. Running everything in-house would take ${pl.staffing.inHouseTotal} FTE.`, margin: [0, 0, 0, 8] },
    h2('Cost'),
    table(['*', 70, 70, 70, 75], ['Option', 'Setup', 'Per year', 'First year', 'Three years'], pl.costs.rows.map((r) => [r.label, ...[r.setup, r.perYear, r.year1, r.year3].map((x) => ({ text: x, alignment: 'right' }))])),
    { svg: view.charts.costs, width: 460, margin: [0, 4, 0, 4] },
    { text: `${pl.costs.breakEvenText} ${pl.costs.assumptionText}`, style: 'caption' },
    h2('Contract and SLA requirements'),
    pl.requirements.length
      ? table([14, 70, '*', 110, 70], ['#', 'Topic', 'Requirement', 'Gap', 'Sources'], pl.requirements.map((r) => [String(r.number), breakable(r.topic), breakable(r.requirement), breakable(r.becauseText), breakable(r.referencesText)]), { fontSize: 7.5 })
      : { text: 'No contract requirement follows from the answers.' },
  ];

  const findings: Node[] = [
    h1('Findings by domain'),
    { text: 'Each domain lists the answers that fall short of level 3 (formal and approved), the "don\'t know" answers and the unanswered questions, with the evidence given. Every answer is in the appendix.', style: 'caption' },
  ];
  for (const dm of view.domains) {
    findings.push({ text: `${dm.title}: ${dm.level}`, style: 'h2', tocItem: true, tocMargin: [12, 0, 0, 0] });
    findings.push({
      text: `Score ${dm.score} of 4, ${dm.coverage} answered${dm.notApplicable ? `, ${dm.notApplicable} not applicable` : ''}${dm.dontKnow ? `, ${dm.dontKnow} "don't know"` : ''}.${dm.capped ? ` Capped at level 1 by: ${dm.cappedBy.join('; ')}.` : ''} ${dm.strengths} answer(s) at level 3 or above.`,
      style: 'caption',
    });
    findings.push(
      dm.gaps.length
        ? table(
            ['*', 130, 32, 150],
            ['Question', 'Answer', 'Score', 'Evidence or comment'],
            dm.gaps.map((f) => [
              { text: [breakable(f.title), ...(f.critical ? [{ text: ' (critical)', bold: true }] : [])] },
              breakable(f.answer),
              { text: f.score, alignment: 'right', color: '#b2182b', bold: true },
              breakable(clip(f.comment)),
            ]),
            { fontSize: 8 },
          )
        : { text: 'No gaps: every answer is at level 3 or above.', margin: [0, 0, 0, 8] },
    );
  }

  const disagreements: Node[] = view.disagreements.hasAny
    ? [
        h1('Where respondents disagree'),
        {
          text: view.disagreements.intro,
          margin: [0, 0, 0, 8],
        },
        ...(view.disagreements.domains.length
          ? [table(['*', 300], ['Domain', 'Levels by respondent'], view.disagreements.domains.map((d) => [d.title, breakable(d.levelsText)]), { fontSize: 8.5 })]
          : []),
        ...(view.disagreements.questions.length
          ? [table(['*', 60, 220], ['Question', 'Domain', 'Answers'], view.disagreements.questions.map((q) => [breakable(q.title), q.domainTitle, breakable(q.answersText)]), { fontSize: 8 })]
          : []),
      ]
    : [];

  const actions: Node[] = [h1('Action plan')];
  for (const group of view.actionGroups) {
    actions.push(h2(group.title));
    actions.push(
      table(
        [18, '*', 80, 80, 40],
        ['#', 'Action', 'Domain', 'Owner', 'Horizon'],
        group.actions.map((a) => [
          { text: String(a.number), alignment: 'right' },
          { stack: [breakable(a.title), { text: breakable(a.why), color: '#5a5a5a', fontSize: 7.5 }] },
          a.domainTitle,
          breakable(a.owner),
          { text: `${a.horizon} days`, alignment: 'right' },
        ]),
        { fontSize: 8 },
      ),
    );
  }

  const method: Node[] = [
    h1('Method and references'),
    { text: 'Practice answers use a 0-4 scale:', margin: [0, 0, 0, 4] },
    table([40, 80, '*'], ['Level', 'Name', 'Meaning'], view.levels.map((l) => [levelCell(l.level, ''), l.name, l.meaning])),
    {
      text: "A domain's score is the weighted mean of its scored answers; \"not applicable\" and unanswered questions leave the mean, \"don't know\" counts as 0. A critical question at 0 or 1 caps its domain at level 1. The overall score is the mean of the domain scores. The recommendation comes from documented decision rules; METHODOLOGY.md, shipped with the tool, explains every score and rule.",
      margin: [0, 0, 0, 8],
    },
    h2('References'),
    { ul: view.references.map((r) => ({ text: [{ text: r.id, bold: true }, `: ${breakable(r.title)}`], fontSize: 8.5 })) },
  ];

  const appendix: Node[] = [
    h1('Appendix: organisation profile and all answers'),
    h2('Organisation profile'),
    table(['*', 200], ['Question', 'Answer'], view.profile.map((p) => [breakable(p.title), breakable(p.answer)]), { fontSize: 8 }),
    h2('All answers'),
    table(
      ['*', 28, 120, 28, 120],
      ['Question', 'Domain', 'Answer', 'Score', 'Evidence or comment'],
      view.allAnswers.map((a) => [breakable(a.title), a.domain, breakable(a.answer), { text: a.score, alignment: 'right' }, breakable(clip(a.comment))]),
      { fontSize: 7.5 },
    ),
  ];

  const footerText = [view.brand.marking, clip(view.organization.name, 80), view.date, view.brand.footer].filter(Boolean).join(' · ');
  const doc = {
    pageSize: 'A4',
    pageMargins: [48, 56, 48, 56],
    info: {
      title: view.title,
      author: view.brand.name || view.tool.name,
      subject: `${d.modelTitle}; readiness ${d.readiness}`,
      creator: `${view.tool.name} ${view.tool.version}`,
      producer: `${view.tool.name} ${view.tool.version}`,
      creationDate: created,
      modDate: created,
    },
    background: (page: number) => (page === 1 ? { canvas: [{ type: 'rect', x: 0, y: 0, w: 595.28, h: 480, color: accent }] } : null),
    header: (page: number) =>
      page === 1 ? null : { columns: [{ text: view.brand.marking, bold: true, color: '#b35c00' }, { text: breakable(clip(view.organization.name, 80)), alignment: 'right', color: '#5a5a5a' }], margin: [48, 24, 48, 0], fontSize: 8 },
    footer: (page: number, pages: number) =>
      page === 1 ? null : { columns: [{ text: breakable(footerText), color: '#5a5a5a' }, { text: `Page ${page} of ${pages}`, alignment: 'right', width: 80 }], margin: [48, 20, 48, 0], fontSize: 8 },
    content: [
      ...cover,
      { toc: { title: { text: 'Contents', style: 'h1' }, numberStyle: { color: '#5a5a5a' } }, pageBreak: 'before' },
      ...summary,
      ...charts,
      ...decision,
      ...plan,
      ...findings,
      ...disagreements,
      ...actions,
      ...method,
      ...appendix,
    ],
    styles: {
      h1: { fontSize: 17, bold: true, color: accent, margin: [0, 0, 0, 10] },
      h2: { fontSize: 12, bold: true, margin: [0, 12, 0, 4] },
      th: { bold: true, fillColor: '#f0f2f4' },
      callout: { fontSize: 12, margin: [0, 4, 0, 6], color: '#1a1a1a' },
      caption: { fontSize: 8.5, color: '#5a5a5a', margin: [0, 0, 0, 6] },
      marking: { bold: true, color: '#b35c00', background: '#ffffff', fontSize: 11 },
    },
    defaultStyle: { font: 'Roboto', fontSize: 9.5, lineHeight: 1.2 },
  };
  return pdfBytes(doc);
}
