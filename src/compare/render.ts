import { STAGE_TITLES, STAGES } from '../model/taxonomy.js';
import { LEVEL_COLOURS } from '../report/charts.js';
import { mdCell, mdText } from '../report/markdown.js';
import { parseFormatList, tidyText, writeRendered } from '../report/output.js';
import { breakable, compactPdf } from '../report/pdfmake.js';
import { compileTemplates } from '../report/templates.js';
import { slugify } from '../report/write.js';
import { CHANGE_WORDS, READINESS_WORDS, type ActionRef, type BlockerRef, type Change, type Comparison, type Movement, type Point } from './compare.js';

export const COMPARE_FORMATS = ['md', 'html', 'pdf'] as const;
export type CompareFormat = (typeof COMPARE_FORMATS)[number];

/** Colours of a change: blue for better and red for worse, as the level colours, readable in greyscale too. */
const CHANGE_COLOURS: Record<Change, string> = { up: '#1c5f91', down: '#b2182b', same: '#5a5a5a', new: '#1c5f91', 'not-assessed': '#5a5a5a' };
const VERDICT_WORDS = { improved: 'Improved', declined: 'Declined', mixed: 'Mixed', unchanged: 'Unchanged' } as const;

const num = (x: number | null) => (x === null ? '–' : x.toFixed(2));
const signed = (d: number | null) => (d === null ? '–' : d > 0 ? `+${d.toFixed(2)}` : d < 0 ? `-${Math.abs(d).toFixed(2)}` : '0.00');
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function pointView(p: Point) {
  return {
    level: p.level,
    hasLevel: p.level !== null,
    levelName: p.levelName ?? 'not assessed',
    /** "Managed (3)" or "not assessed" */
    text: p.level === null ? 'not assessed' : `${p.levelName} (${p.level})`,
    score: num(p.score),
    levelClass: p.level === null ? 'level-none' : `level-${p.level}`,
  };
}

function movementView(m: Movement) {
  const word = CHANGE_WORDS[m.change];
  const showDelta = m.delta !== null && (m.change === 'up' || m.change === 'down' || m.change === 'same');
  return {
    older: pointView(m.older),
    newer: pointView(m.newer),
    change: m.change,
    changeWord: word,
    changeTitle: capital(word),
    changeClass: `change-${m.change}`,
    delta: signed(m.delta),
    /** "up (+0.85)", "same (+0.10)", "new" */
    changeText: showDelta ? `${word} (${signed(m.delta)})` : word,
    colour: CHANGE_COLOURS[m.change],
  };
}

const blockerView = (b: BlockerRef) => ({ ...b });
const actionView = (a: ActionRef) => ({ ...a, priorityText: a.olderPriority ? `${a.priority} (was ${a.olderPriority})` : a.priority });

/** The view model the comparison templates read: the comparison, formatted for people. */
export function buildCompareView(c: Comparison) {
  const d = c.decision;
  return {
    title: `Incident response readiness progress: ${c.organization.name}`,
    organization: c.organization,
    questionnaire: { ...c.questionnaire, olderVersion: c.older.questionnaireVersion, newerVersion: c.newer.questionnaireVersion, sameVersion: c.older.questionnaireVersion === c.newer.questionnaireVersion },
    tool: { name: 'irready', version: c.newer.toolVersion },
    older: { ...c.older, respondentsText: c.older.respondents.map((r) => (r.role ? `${r.name} (${r.role})` : r.name)).join('; ') },
    newer: { ...c.newer, respondentsText: c.newer.respondents.map((r) => (r.role ? `${r.name} (${r.role})` : r.name)).join('; ') },
    headline: c.headline,
    verdict: c.verdict,
    verdictWord: VERDICT_WORDS[c.verdict],
    notes: c.notes,
    hasNotes: c.notes.length > 0,
    overall: movementView(c.overall),
    counts: c.counts,
    stages: STAGES.map((s) => ({ id: s, title: STAGE_TITLES[s] })),
    domains: c.domains.map((dm) => ({ id: dm.id, title: dm.title, ...movementView(dm), stages: STAGES.map((s) => ({ id: s, title: STAGE_TITLES[s], ...movementView(dm.stages[s]) })) })),
    decision: {
      older: { ...d.older, readinessText: capital(READINESS_WORDS[d.older.readiness]) },
      newer: { ...d.newer, readinessText: capital(READINESS_WORDS[d.newer.readiness]) },
      modelChanged: d.modelChanged,
      modelChangeText: d.modelChanged ? 'changed' : 'unchanged',
      readinessChange: d.readinessChange,
      readinessChangeText: d.readinessChange === 'same' ? 'unchanged' : d.readinessChange,
      readinessChangeClass: d.readinessChange === 'improved' ? 'change-up' : d.readinessChange === 'worsened' ? 'change-down' : 'change-same',
      blockersChangeText: d.newer.blockers < d.older.blockers ? 'fewer' : d.newer.blockers > d.older.blockers ? 'more' : 'as many',
      blockersChangeClass: d.newer.blockers < d.older.blockers ? 'change-up' : d.newer.blockers > d.older.blockers ? 'change-down' : 'change-same',
    },
    blockers: { resolved: c.blockers.resolved.map(blockerView), new: c.blockers.new.map(blockerView), remaining: c.blockers.remaining.map(blockerView) },
    actions: { closed: c.actions.closed.map(actionView), new: c.actions.new.map(actionView), stillOpen: c.actions.stillOpen.map(actionView) },
  };
}

export type CompareView = ReturnType<typeof buildCompareView>;

export interface CompareRenderOptions {
  /** A folder whose compare-markdown/ and compare-html/ templates override the built-in ones. */
  templatesDir?: string;
}

const join_ = (list: unknown, sepText: unknown) => (Array.isArray(list) ? list.join(typeof sepText === 'string' ? sepText : ', ') : '');

export function renderCompareMarkdown(c: Comparison, options: CompareRenderOptions = {}): string {
  const template = compileTemplates('compare-markdown', { md: (v: unknown) => mdText(v), cell: (v: unknown) => mdCell(v), join: join_ }, options.templatesDir);
  return tidyText(template(buildCompareView(c)));
}

export function renderCompareHtml(c: Comparison, options: CompareRenderOptions = {}): string {
  const template = compileTemplates('compare-html', { join: join_ }, options.templatesDir, true);
  return tidyText(template(buildCompareView(c)));
}

/** Collapses the blank lines that template blocks leave behind, and ends with one newline. */

// ---------------------------------------------------------------------------------------------------
// PDF

type Node = Record<string, unknown> | string | Node[];
const ACCENT = '#1f5f8b';
const MUTED = '#5a5a5a';

const levelCell = (p: ReturnType<typeof pointView>): Node =>
  p.level === null
    ? { text: 'not assessed', color: MUTED }
    : { text: `${p.level} ${p.levelName}`, fillColor: LEVEL_COLOURS[p.level], color: p.level === 0 || p.level === 4 ? '#ffffff' : '#1a1a1a' };

const levelWords = (p: ReturnType<typeof pointView>) => (p.level === null ? 'not assessed' : `${p.level} ${p.levelName}`);
const changeCell = (m: ReturnType<typeof movementView>): Node => ({ text: m.changeText, color: m.colour, bold: m.change === 'up' || m.change === 'down' });

function table(widths: (string | number)[], header: string[], rows: Node[][], fontSize = 9): Node {
  return {
    table: { headerRows: 1, widths, body: [header.map((h) => ({ text: h, style: 'th' })), ...rows], dontBreakRows: true },
    layout: 'lightHorizontalLines',
    fontSize,
    margin: [0, 4, 0, 10],
  };
}

const h2 = (text: string): Node => ({ text, style: 'h2' });
const actionItem = (a: ReturnType<typeof actionView>): Node => ({ text: [breakable(a.title), { text: ` (${a.priorityText}, ${a.domainTitle})`, color: MUTED }], margin: [0, 0, 0, 2] });
const blockerItem = (b: BlockerRef): Node => ({ text: [{ text: breakable(b.title), bold: true }, ` (${b.domainTitle})`], margin: [0, 0, 0, 2] });

/** A compact comparison for a board: headline, domains, stages, decision, blockers and actions. */
export async function renderComparePdf(c: Comparison): Promise<Uint8Array> {
  const v = buildCompareView(c);
  const created = new Date(c.newer.generatedAt);
  const d = v.decision;

  const decisionTable = table(
    [90, '*', '*', 70],
    ['', v.older.date, v.newer.date, 'Change'],
    [
      ['Recommendation', breakable(d.older.modelTitle), breakable(d.newer.modelTitle), { text: d.modelChangeText, bold: d.modelChanged }],
      ['Readiness', d.older.readinessText, d.newer.readinessText, { text: d.readinessChangeText, color: CHANGE_COLOURS[d.readinessChange === 'improved' ? 'up' : d.readinessChange === 'worsened' ? 'down' : 'same'], bold: d.readinessChange !== 'same' }],
      ['Blockers', String(d.older.blockers), String(d.newer.blockers), d.blockersChangeText],
    ],
  );

  const content: Node[] = [
    { text: 'Incident response readiness: progress', style: 'title' },
    { text: breakable(v.organization.name), fontSize: 14, margin: [0, 0, 0, 4] },
    { text: `Assessments of ${v.older.date} and ${v.newer.date} · ${breakable(v.questionnaire.title)} ${v.questionnaire.sameVersion ? v.questionnaire.newerVersion : `${v.questionnaire.olderVersion} and ${v.questionnaire.newerVersion}`}`, color: MUTED, margin: [0, 0, 0, 10] },
    {
      table: { widths: ['*'], body: [[{ stack: [{ text: v.verdictWord.toUpperCase(), bold: true, fontSize: 9, color: ACCENT }, { text: breakable(v.headline), fontSize: 12 }], fillColor: '#f0f2f4', margin: [8, 6, 8, 6] }]] },
      layout: 'noBorders',
      margin: [0, 0, 0, 8],
    },
    { text: [{ text: 'Overall: ', bold: true }, `${v.overall.older.text}, score ${v.overall.older.score} on ${v.older.date}; ${v.overall.newer.text}, score ${v.overall.newer.score} on ${v.newer.date}; `, { text: v.overall.changeText, color: v.overall.colour, bold: true }, '.'], margin: [0, 0, 0, 6] },
    ...(v.hasNotes ? [{ ul: v.notes.map((n) => ({ text: breakable(n), color: '#8a4b00' })), fontSize: 8.5, margin: [0, 0, 0, 6] }] : []),

    h2('Levels by domain'),
    table(
      ['*', 72, 30, 72, 30, 66],
      ['Domain', `Level ${v.older.date}`, 'Score', `Level ${v.newer.date}`, 'Score', 'Change'],
      v.domains.map((dm) => [
        breakable(dm.title),
        levelCell(dm.older),
        { text: dm.older.score, alignment: 'right' },
        levelCell(dm.newer),
        { text: dm.newer.score, alignment: 'right' },
        changeCell(dm),
      ]),
    ),

    h2('Levels by domain and stage'),
    table(
      ['*', ...v.stages.map(() => 105)],
      ['Domain', ...v.stages.map((s) => s.title)],
      v.domains.map((dm) => [
        breakable(dm.title),
        ...dm.stages.map((s) => ({
          stack: [
            { text: s.change === 'same' ? levelWords(s.newer) : `${levelWords(s.older)} to ${levelWords(s.newer)}` },
            { text: s.changeText, color: s.colour, bold: s.change === 'up' || s.change === 'down', fontSize: 7.5 },
          ],
        })),
      ]),
      8,
    ),
    { text: 'Levels: 0 Absent, 1 Initial, 2 Defined, 3 Managed, 4 Optimised. A change is up or down when the level moved; the score change is in brackets.', style: 'caption' },

    { stack: [h2('Decision'), decisionTable], unbreakable: true },
    ...(v.blockers.resolved.length ? [h2(`Blockers resolved (${v.blockers.resolved.length})`), { ul: v.blockers.resolved.map(blockerItem) }] : []),
    ...(v.blockers.new.length ? [h2(`New blockers (${v.blockers.new.length})`), { ul: v.blockers.new.map(blockerItem) }] : []),
    ...(v.blockers.remaining.length ? [h2(`Blockers still open (${v.blockers.remaining.length})`), { ul: v.blockers.remaining.map(blockerItem) }] : []),
    ...(!v.blockers.resolved.length && !v.blockers.new.length && !v.blockers.remaining.length ? [{ text: 'Neither assessment found a readiness blocker.', margin: [0, 0, 0, 6] }] : []),

    h2(`Actions closed (${v.actions.closed.length})`),
    v.actions.closed.length ? { ul: v.actions.closed.map(actionItem) } : { text: 'None.', color: MUTED },
    h2(`New actions (${v.actions.new.length})`),
    v.actions.new.length ? { ul: v.actions.new.map(actionItem) } : { text: 'None.', color: MUTED },
    { text: `${v.actions.stillOpen.length} actions are open in both assessments; the newer assessment's report lists them.`, style: 'caption', margin: [0, 8, 0, 0] },
  ];

  const footerText = `${c.organization.name} · progress ${v.older.date} to ${v.newer.date}`;
  return compactPdf({ title: v.title, subject: c.headline, tool: v.tool, created, footerText, content });
}

// ---------------------------------------------------------------------------------------------------
// Formats and files

/** Parses "md,html" into comparison formats; an unknown one is a usage error. */
export function parseCompareFormats(list: string): CompareFormat[] {
  return parseFormatList(list, COMPARE_FORMATS);
}

export async function renderComparison(c: Comparison, format: CompareFormat, options: CompareRenderOptions = {}): Promise<string | Uint8Array> {
  switch (format) {
    case 'md':
      return renderCompareMarkdown(c, options);
    case 'html':
      return renderCompareHtml(c, options);
    case 'pdf':
      return renderComparePdf(c);
  }
}

/**
 * Writes <outDir>/<slug>-compare.<ext> for each format. Renders every format first and writes only when
 * all succeeded, each file atomically, so a failure never leaves half a set behind.
 */
export async function writeComparison(c: Comparison, formats: readonly CompareFormat[], outDir: string, options: CompareRenderOptions = {}): Promise<string[]> {
  const base = `${slugify(c.organization.name)}-compare`;
  return writeRendered(outDir, formats, (format) => `${base}.${format}`, (format) => renderComparison(c, format, options));
}
