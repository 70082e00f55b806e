import { mdCell, mdText } from '../report/markdown.js';
import { parseFormatList, tidyText, writeRendered } from '../report/output.js';
import { breakable, compactPdf } from '../report/pdfmake.js';
import { compileTemplates } from '../report/templates.js';
import { slugify } from '../report/write.js';
import { toolInfo } from '../util/version.js';
import { completeness, percent } from './completeness.js';
import { isTodo, SECTIONS, sectionItems, type Handover, type SectionInfo } from './format.js';

export const HANDOVER_FORMATS = ['md', 'html', 'pdf'] as const;
export type HandoverFormat = (typeof HANDOVER_FORMATS)[number];

export interface HandoverRenderOptions {
  /** A folder whose handover-markdown/ and handover-html/ templates override the built-in ones. */
  templatesDir?: string;
}

const PARTY_WORDS: Record<string, string> = { customer: 'customer', 'outgoing-provider': 'outgoing provider', 'incoming-provider': 'incoming provider', provider: 'provider', 'third-party': 'third party' };
const TO_BE_NAMED = 'to be named';

/** A field's value in words: lists joined, yes/no, escalation steps and RACI roles spelt out. */
function cellText(key: string, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (key === 'steps' && Array.isArray(value)) {
    return value.map((s: { who?: string; how?: string; within?: string }, i) => `${i + 1}. ${s.who ?? ''}${s.how || s.within ? ` (${[s.how, s.within && `within ${s.within}`].filter(Boolean).join(', ')})` : ''}`).join('\n');
  }
  if (key === 'assignments' && Array.isArray(value)) return value.map((a: { party: string; role: string }) => `${a.party}: ${a.role}`).join('; ');
  if (Array.isArray(value)) return value.map(String).join('; ');
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (key === 'party' || key === 'kind') return PARTY_WORDS[String(value)] ?? String(value).replace(/-/g, ' ');
  if (key === 'preparedAt') return String(value).replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC').replace(/:00 UTC$/, ' UTC');
  return String(value);
}

/** Todo items first, each group in the file's order. */
function todoFirst<T extends { status?: unknown }>(items: readonly T[]): { item: T; index: number }[] {
  const indexed = items.map((item, index) => ({ item, index }));
  return [...indexed.filter((x) => isTodo(x.item)), ...indexed.filter((x) => !isTodo(x.item))];
}

interface SectionView {
  isRaci: false;
  id: string;
  title: string;
  purpose: string;
  percent: string;
  done: number;
  items: number;
  todo: number;
  empty: boolean;
  columns: string[];
  rows: { todo: boolean; path: string; label: string; cells: { key: string; title: string; text: string }[]; filled: { title: string; text: string }[]; note: string }[];
}

/** The view model the handover templates and the PDF read: the file, formatted for people. */
export function buildHandoverView(h: Handover) {
  const c = completeness(h);
  const tool = toolInfo();
  const t = h.transition;
  const org = h.organization.name ?? 'Unnamed organisation';
  const byId = new Map(c.sections.map((s) => [s.id, s]));
  const shown = SECTIONS.filter((s) => s.id !== 'raciParties' && s.id !== 'raciActivities');

  const sectionView = (section: SectionInfo): SectionView => {
    const score = byId.get(section.id)!;
    const items = sectionItems(h, section);
    return {
      isRaci: false,
      id: section.id,
      title: section.title,
      purpose: section.purpose,
      percent: percent(score.share),
      done: score.done,
      items: score.items,
      todo: score.todo,
      empty: items.length === 0,
      columns: section.columns.map((col) => col.title),
      rows: todoFirst(items).map(({ item, index }) => {
        const cells = section.columns.map((col) => ({ key: col.key, title: col.title, text: cellText(col.key, item[col.key]) }));
        return {
          todo: isTodo(item),
          path: section.kind === 'list' ? `${section.path.join('.')}[${index}]` : section.path.join('.'),
          label: section.label(item) || `item ${index + 1}`,
          cells,
          filled: cells.filter((x) => x.text !== ''),
          note: typeof item.note === 'string' ? item.note : '',
        };
      }),
    };
  };

  const raciScore = { activities: byId.get('raciActivities')! };
  const parties = h.raci.parties.map((p) => p.name ?? '?');
  const raci = {
    isRaci: true as const,
    id: 'raci',
    title: 'Responsibilities (RACI)',
    purpose: SECTIONS.find((s) => s.id === 'raciActivities')!.purpose,
    percent: percent(raciScore.activities.share),
    parties,
    empty: h.raci.activities.length === 0,
    rows: todoFirst(h.raci.activities).map(({ item }) => ({
      title: item.title ?? item.id ?? '?',
      todo: isTodo(item),
      cells: parties.map((p) => item.assignments?.find((a) => a.party === p)?.role ?? ''),
      note: item.note ?? '',
    })),
  };

  const missingGroups = c.sections
    .filter((s) => s.todo > 0)
    .map((s) => ({ title: s.title, items: c.missing.filter((m) => m.section === s.id).map((m) => ({ ...m, note: m.note ?? '' })) }));

  const outgoing = t.outgoingProvider ?? TO_BE_NAMED;
  const incoming = t.incomingProvider ?? TO_BE_NAMED;
  return {
    title: `Incident response handover: ${org}`,
    organizationName: org,
    formatVersion: h.formatVersion,
    tool,
    transition: {
      outgoing,
      incoming,
      handoverDate: t.handoverDate ?? 'to be agreed',
      preparedAt: t.preparedAt ? cellText('preparedAt', t.preparedAt) : '',
      preparedDate: t.preparedAt ? t.preparedAt.slice(0, 10) : '',
      preparedBy: t.preparedBy ?? '',
    },
    /** The three readers of a handover, each with their own copy. */
    audiences: [
      { role: 'Customer', name: org },
      { role: 'Outgoing provider', name: outgoing },
      { role: 'Incoming provider', name: incoming },
    ],
    completeness: {
      percent: percent(c.overall.share),
      done: c.overall.done,
      items: c.overall.items,
      todo: c.overall.todo,
      sections: c.sections.map((s) => ({ ...s, percent: percent(s.share), complete: s.todo === 0 })),
    },
    hasMissing: c.missing.length > 0,
    missingCount: c.missing.length,
    missingGroups,
    head: [sectionView(SECTIONS[0]), sectionView(SECTIONS[1])],
    /** The sections in reading order, with the RACI matrix in its place after on-call. */
    raci,
    body: [...shown.slice(2, 7).map(sectionView), raci, ...shown.slice(7).map(sectionView)] as (SectionView | typeof raci)[],
  };
}

export type HandoverView = ReturnType<typeof buildHandoverView>;

const helpers = {
  md: (v: unknown) => mdText(v),
  cell: (v: unknown) => mdCell(v),
};

export function renderHandoverMarkdown(h: Handover, options: HandoverRenderOptions = {}): string {
  const template = compileTemplates('handover-markdown', helpers, options.templatesDir);
  return tidyText(template(buildHandoverView(h)));
}

export function renderHandoverHtml(h: Handover, options: HandoverRenderOptions = {}): string {
  const template = compileTemplates('handover-html', {}, options.templatesDir, true);
  return tidyText(template(buildHandoverView(h)));
}

/** Collapses the blank lines that template blocks leave behind, and ends with one newline. */

// ---------------------------------------------------------------------------------------------------
// PDF

type Node = Record<string, unknown> | string | Node[];
const ACCENT = '#1f5f8b';
const MUTED = '#5a5a5a';
const TODO_COLOUR = '#9a4a00';
const TODO_FILL = '#fff4e0';

const h2 = (text: string, id?: string): Node => ({ text, style: 'h2', ...(id ? { id } : {}) });
const todoBadge: Node = { text: ' TODO', bold: true, color: TODO_COLOUR, fontSize: 7.5 };

function table(widths: (string | number)[], header: string[], rows: Node[][], fontSize = 8.5): Node {
  return {
    table: { headerRows: 1, widths, body: [header.map((x) => ({ text: x, style: 'th' })), ...rows], dontBreakRows: true },
    layout: 'lightHorizontalLines',
    fontSize,
    margin: [0, 4, 0, 10],
  };
}

/** One item as a small card: its name, then each field that is filled, then the note. */
function itemCard(row: SectionView['rows'][number]): Node {
  const body: Node[][] = [
    [{ text: [{ text: breakable(row.label), bold: true }, ...(row.todo ? [todoBadge] : [])], colSpan: 2, fillColor: row.todo ? TODO_FILL : '#f0f2f4' }, ''],
    ...row.filled.map((f) => [{ text: f.title, color: MUTED }, breakable(f.text)]),
    ...(row.note ? [[{ text: 'Note', color: MUTED }, { text: breakable(row.note), italics: true }]] : []),
  ];
  return { table: { widths: [105, '*'], body, dontBreakRows: true }, layout: 'lightHorizontalLines', fontSize: 8.5, margin: [0, 0, 0, 6], unbreakable: body.length <= 8 };
}

/** The handover for print: cover facts, completeness, missing items, every section, sign-off. */
export async function renderHandoverPdf(h: Handover): Promise<Uint8Array> {
  const v = buildHandoverView(h);
  const stamp = new Date(h.transition.preparedAt ?? (h.transition.handoverDate ? `${h.transition.handoverDate}T00:00:00Z` : '2000-01-01T00:00:00Z'));

  // A heading stays with its first item: no heading alone at the foot of a page.
  const sectionBlock = (s: SectionView): Node[] => {
    const [firstCard, ...rest] = s.empty ? [{ text: 'Nothing listed.', color: MUTED, margin: [0, 0, 0, 6] }] : s.rows.map(itemCard);
    return [{ stack: [h2(`${s.title} (${s.percent})`), { text: s.purpose, style: 'caption' }, firstCard], unbreakable: true }, ...rest];
  };

  const raciBlock = (r: HandoverView['raci']): Node[] => [
    { ...(h2(`${r.title} (${r.percent})`) as Record<string, unknown>), headlineLevel: 1 },
    { text: r.purpose, style: 'caption' },
    r.empty
      ? { text: 'Nothing listed.', color: MUTED, margin: [0, 0, 0, 6] }
      : table(
          ['*', ...r.parties.map(() => 62), 140],
          ['Activity', ...r.parties.map(breakable), 'Note'],
          r.rows.map((row) => [
            { text: [breakable(row.title), ...(row.todo ? [todoBadge] : [])], fillColor: row.todo ? TODO_FILL : undefined },
            ...row.cells.map((x) => ({ text: x || '?', alignment: 'center', color: x ? undefined : TODO_COLOUR })),
            { text: breakable(row.note), fontSize: 7.5, color: MUTED },
          ]),
        ),
  ];

  const content: Node[] = [
    { text: 'Incident response handover', style: 'title' },
    { text: breakable(v.organizationName), fontSize: 14, margin: [0, 0, 0, 4] },
    { text: `Prepared ${v.transition.preparedDate || 'date not given'}${v.transition.preparedBy ? ` by ${breakable(v.transition.preparedBy)}` : ''} · handover format ${v.formatVersion}`, color: MUTED, margin: [0, 0, 0, 8] },
    table(
      ['*', '*'],
      ['For', 'Name'],
      [...v.audiences.map((a) => [a.role, breakable(a.name)]), ['Handover date', v.transition.handoverDate]],
      9,
    ),
    {
      table: {
        widths: ['*'],
        body: [[{
          stack: [
            { text: 'COMPLETENESS', bold: true, fontSize: 9, color: ACCENT },
            { text: `${v.completeness.percent} of the items are known: ${v.completeness.done} of ${v.completeness.items}; ${v.completeness.todo} still to do.`, fontSize: 12 },
          ],
          fillColor: '#f0f2f4',
          margin: [8, 6, 8, 6],
        }]],
      },
      layout: 'noBorders',
      margin: [0, 0, 0, 8],
    },
    table(
      ['*', 50, 50, 50],
      ['Section', 'Items', 'To do', 'Complete'],
      v.completeness.sections.map((s) => [s.title, { text: String(s.items), alignment: 'right' }, { text: String(s.todo), alignment: 'right', color: s.todo ? TODO_COLOUR : undefined, bold: s.todo > 0 }, { text: s.percent, alignment: 'right' }]),
    ),

    h2(`Missing items (${v.missingCount})`),
    ...(v.hasMissing
      ? v.missingGroups.flatMap((g) => [
          { text: g.title, bold: true, margin: [0, 4, 0, 2] },
          { ul: g.items.map((m) => ({ text: [{ text: breakable(m.label), bold: true }, { text: ` (${m.path})`, color: MUTED }, ...(m.note ? [`: ${breakable(m.note)}`] : [])], margin: [0, 0, 0, 2] })), fontSize: 8.5 },
        ])
      : [{ text: 'None: every item is known.', margin: [0, 0, 0, 6] }]),

    ...v.head.flatMap(sectionBlock),
    ...v.body.flatMap((s) => (s.isRaci ? raciBlock(s) : sectionBlock(s))),

    { stack: [h2('Sign-off'), { text: 'Each party confirms that it has given or received what this handover lists.', style: 'caption' }, table([110, '*', 80, 110], ['Party', 'Name', 'Date', 'Signature'], v.audiences.map((a) => [a.role, breakable(a.name), ' ', ' ']), 9)], unbreakable: true },
  ];

  const footerText = `${v.organizationName} · incident response handover · ${v.completeness.percent} complete`;
  return compactPdf({
    title: v.title,
    subject: `Handover of incident response services for ${v.organizationName}`,
    tool: v.tool,
    created: stamp,
    footerText,
    content,
    // The RACI heading never ends a page: it moves to the next one when only its caption would follow.
    pageBreakBefore: (node: { headlineLevel?: number }, nodes: { getFollowingNodesOnPage(): unknown[] }) => node.headlineLevel === 1 && nodes.getFollowingNodesOnPage().length <= 1,
  });
}

// ---------------------------------------------------------------------------------------------------
// Formats and files

/** Parses "md,html" into handover formats; an unknown one is a usage error. */
export function parseHandoverFormats(list: string): HandoverFormat[] {
  return parseFormatList(list, HANDOVER_FORMATS);
}

export async function renderHandover(h: Handover, format: HandoverFormat, options: HandoverRenderOptions = {}): Promise<string | Uint8Array> {
  switch (format) {
    case 'md':
      return renderHandoverMarkdown(h, options);
    case 'html':
      return renderHandoverHtml(h, options);
    case 'pdf':
      return renderHandoverPdf(h);
  }
}

/**
 * Writes <outDir>/<slug>-handover.<ext> for each format. Renders every format first and writes only when
 * all succeeded, each file atomically.
 */
export async function writeHandover(h: Handover, formats: readonly HandoverFormat[], outDir: string, options: HandoverRenderOptions = {}): Promise<string[]> {
  const base = `${slugify(h.organization.name ?? 'handover')}-handover`;
  return writeRendered(outDir, formats, (format) => `${base}.${format}`, (format) => renderHandover(h, format, options));
}
