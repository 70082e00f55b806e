import { basename } from 'node:path';
import { PAPER_CHALLENGES } from '../model/taxonomy.js';
import { mdCell, mdText } from '../report/markdown.js';
import { parseFormatList, tidyText, writeRendered } from '../report/output.js';
import { breakable, compactPdf } from '../report/pdfmake.js';
import { compileTemplates } from '../report/templates.js';
import { slugify } from '../report/write.js';
import { ENVIRONMENTS, SEVERITIES } from './offer.js';
import { languageName, minutesText, RISK_POINTS, WEIGHTS, type Check, type OfferScore, type ProviderComparison, type RequirementFit } from './score.js';

export const PROVIDER_FORMATS = ['md', 'html', 'pdf'] as const;
export type ProviderFormat = (typeof PROVIDER_FORMATS)[number];

const STATUS_WORDS: Record<RequirementFit['status'], string> = { met: 'met', partly: 'partly', 'not-met': 'not met', 'not-checked': 'not checked' };
const COVERAGE_WORDS = { covered: 'covered', partial: 'partly', missing: 'missing' } as const;
const STANCE_WORDS = { outsource: 'outsource', share: 'share', 'in-house': 'in-house' } as const;
const fixed1 = (x: number) => x.toFixed(1);
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const refText = (id: string) => {
  const part = id.split(':')[1];
  return part && PAPER_CHALLENGES[part] ? `${part} ${PAPER_CHALLENGES[part]}` : id;
};

function statusText(r: RequirementFit): string {
  const checked = r.checks.filter((c) => c.ok !== null);
  const passed = checked.filter((c) => c.ok).length;
  return r.status === 'partly' ? `partly (${passed} of ${checked.length})` : STATUS_WORDS[r.status];
}

const checkText = (c: Check) => `${c.actual}: ${c.ok === null ? 'not checked' : c.ok ? 'ok' : 'fails'}`;

function offerView(o: OfferScore) {
  const cov = o.coverage;
  return {
    provider: o.provider,
    rank: o.rank,
    total: o.total,
    offerDate: o.offerDate,
    reference: o.reference ?? '',
    file: basename(o.source),
    summary: o.summary,
    points: { coverage: fixed1(o.points.coverage), sla: fixed1(o.points.sla), requirements: fixed1(o.points.requirements), risks: o.points.risks ? `-${o.points.risks}` : '0' },
    coverageText: `${cov.covered} of ${cov.needed}${cov.partial ? `, ${cov.partial} partly` : ''}`,
    missingText: cov.missing.length ? cov.missing.map((id) => cov.services.find((s) => s.id === id)!.title).join('; ') : 'none',
    slaText: `${o.sla.notifyFirm} of ${o.sla.cells.length} notification times; ${o.sla.productionResponseFirm} of ${SEVERITIES.length} production response times firm`,
    slaIssues: o.sla.issues,
    hasSlaIssues: o.sla.issues.length > 0,
    slaRows: SEVERITIES.map((severity) => ({
      severity: capital(severity),
      cells: ENVIRONMENTS.map((environment) => {
        const c = o.sla.cells.find((x) => x.environment === environment && x.severity === severity)!;
        return { text: c.notify === null ? 'no term' : `notify ${minutesText(c.notify)}, respond ${minutesText(c.respond)}`, none: c.notify === null, bestEffort: c.respond === 'best-effort' };
      }),
    })),
    inHouseOffered: o.inHouseOffered.map((s) => ({ ...s, namesText: s.names.join('; ') })),
    hasInHouseOffered: o.inHouseOffered.length > 0,
    risks: o.risks.map((r) => ({ ...r, levelWord: r.level, points: RISK_POINTS[r.level], referencesText: r.references.map(refText).join('; ') })),
    hasRisks: o.risks.length > 0,
    riskText: o.risks.length ? o.risks.map((r) => `${r.title} (${r.level})`).join('; ') : 'none flagged',
  };
}

/** The view model the provider templates read: the comparison, formatted for people, side by side. */
export function buildProvidersView(c: ProviderComparison) {
  const offers = c.offers.map(offerView);
  const ctx = c.context;
  const best = c.offers.find((o) => o.rank === 1);
  return {
    title: `Provider offers for ${c.organization.name}`,
    organization: c.organization,
    date: c.date,
    tool: c.tool,
    modelTitle: c.modelTitle,
    headline: c.headline,
    notes: c.notes,
    hasNotes: c.notes.length > 0,
    method: c.method,
    weights: WEIGHTS,
    bestProvider: best?.provider ?? '',
    offers,
    offerCount: offers.length,
    context: [
      { label: 'Recommendation', value: c.modelTitle },
      { label: 'Response needed', value: ctx.need24x7 ? '24x7' : 'business hours' },
      { label: 'Countries', value: ctx.countries ? `${ctx.countries.join(', ')} (${ctx.countriesFrom === 'option' ? 'given with --country' : 'from the answers'})` : `not known${ctx.countryCount !== null ? ` (the answers say ${ctx.countryCount})` : ''}` },
      { label: 'Working languages', value: ctx.languages.length ? ctx.languages.map(languageName).join(', ') : 'not answered' },
      { label: 'Staff can work with a provider in English', value: ctx.providerLanguage ?? 'not answered' },
      { label: 'Security data may be shared', value: ctx.dataSharing ?? 'not answered' },
    ],
    summaryRows: [
      { label: 'Rank', cells: offers.map((o) => String(o.rank)), strong: false },
      { label: 'Total (of 100)', cells: offers.map((o) => String(o.total)), strong: true },
      { label: `Service coverage (of ${WEIGHTS.coverage})`, cells: offers.map((o) => `${o.points.coverage} (${o.coverageText})`), strong: false },
      { label: `SLA fit (of ${WEIGHTS.sla})`, cells: offers.map((o) => o.points.sla), strong: false },
      { label: `Requirement coverage (of ${WEIGHTS.requirements})`, cells: offers.map((o) => o.points.requirements), strong: false },
      { label: 'Risk deduction', cells: offers.map((o) => o.points.risks), strong: false },
      { label: 'Risks', cells: offers.map((o) => o.riskText), strong: false },
      { label: 'Missing services', cells: offers.map((o) => o.missingText), strong: false },
      { label: 'Offer date', cells: offers.map((o) => (o.reference ? `${o.offerDate} (${o.reference})` : o.offerDate)), strong: false },
      { label: 'SOCs', cells: offers.map((o) => o.summary.socs), strong: false },
      { label: 'Languages', cells: offers.map((o) => o.summary.languages), strong: false },
      { label: 'Staff', cells: offers.map((o) => o.summary.staff), strong: false },
      { label: 'Penalties', cells: offers.map((o) => o.summary.penalties), strong: false },
      { label: 'Exit', cells: offers.map((o) => o.summary.exit), strong: false },
    ],
    serviceRows: c.needed.map((s) => ({
      id: s.id,
      title: s.title,
      stance: STANCE_WORDS[s.stance],
      cells: c.offers.map((o) => {
        const cov = o.coverage.services.find((x) => x.id === s.id)!;
        return {
          status: cov.status,
          statusWord: COVERAGE_WORDS[cov.status],
          missing: cov.status === 'missing',
          offered: cov.offeredAs.map((x) => ({ name: x.name, detail: `${x.hours}, ${x.delivery.join(' and ')}` })),
          text: cov.offeredAs.map((x) => `${x.name} (${x.hours}, ${x.delivery.join(' and ')})`).join('; '),
          notes: cov.notes.join('; '),
          hasNotes: cov.notes.length > 0,
        };
      }),
    })),
    hasNeeded: c.needed.length > 0,
    hasInHouseOffered: offers.some((o) => o.hasInHouseOffered),
    requirementRows: c.requirements.map((r, i) => ({
      id: r.id,
      topic: r.topic,
      requirement: r.requirement,
      cells: c.offers.map((o) => ({ status: o.requirements.items[i].status, text: statusText(o.requirements.items[i]) })),
      checks: (c.offers[0]?.requirements.items[i].checks ?? []).map((first, k) => ({
        field: first.field,
        expected: first.expected,
        cells: c.offers.map((o) => {
          const ch = o.requirements.items[i].checks[k];
          return { text: checkText(ch), ok: ch.ok === true, fails: ch.ok === false };
        }),
      })),
      hasChecks: (c.offers[0]?.requirements.items[i].checks.length ?? 0) > 0,
    })),
    hasRequirements: c.requirements.length > 0,
    environments: ENVIRONMENTS.map(capital),
  };
}

export type ProvidersView = ReturnType<typeof buildProvidersView>;

export interface ProvidersRenderOptions {
  /** A folder whose providers-markdown/ and providers-html/ templates override the built-in ones. */
  templatesDir?: string;
}

const join_ = (items: unknown, sepText: unknown) => (Array.isArray(items) ? items.join(typeof sepText === 'string' ? sepText : ', ') : '');

export function renderProvidersMarkdown(c: ProviderComparison, options: ProvidersRenderOptions = {}): string {
  const template = compileTemplates('providers-markdown', { md: (v: unknown) => mdText(v), cell: (v: unknown) => mdCell(v), join: join_ }, options.templatesDir);
  return tidyText(template(buildProvidersView(c)));
}

export function renderProvidersHtml(c: ProviderComparison, options: ProvidersRenderOptions = {}): string {
  const template = compileTemplates('providers-html', { join: join_ }, options.templatesDir, true);
  return tidyText(template(buildProvidersView(c)));
}

/** Collapses the blank lines that template blocks leave behind, and ends with one newline. */

// ---------------------------------------------------------------------------------------------------
// PDF

type Node = Record<string, unknown> | string | Node[];
const ACCENT = '#1f5f8b';
const MUTED = '#5a5a5a';
const BAD = '#b2182b';
const GOOD = '#1c5f91';
const STATUS_COLOURS: Record<string, string> = { met: GOOD, covered: GOOD, partly: '#8a4b00', partial: '#8a4b00', 'not-met': BAD, missing: BAD, 'not-checked': MUTED };

function table(widths: (string | number)[], header: string[] | null, rows: Node[][], fontSize = 8.5): Node {
  const head = header ? [header.map((h) => ({ text: breakable(h), style: 'th' }))] : [];
  return {
    table: { headerRows: head.length, keepWithHeaderRows: head.length, widths, body: [...head, ...rows], dontBreakRows: true },
    layout: 'lightHorizontalLines',
    fontSize,
    margin: [0, 4, 0, 10],
  };
}

const h2 = (text: string): Node => ({ text, style: 'h2' });
const h3 = (text: string): Node => ({ text, style: 'h3' });

/** The comparison for a buyer: summary side by side, services, SLAs, requirements, risks and the method. */
export async function renderProvidersPdf(c: ProviderComparison): Promise<Uint8Array> {
  const v = buildProvidersView(c);
  const created = new Date(c.generatedAt);
  const cols = v.offers.map(() => '*');
  const providerHeader = v.offers.map((o) => o.provider);

  const content: Node[] = [
    { text: 'Incident response provider offers', style: 'title' },
    { text: breakable(v.organization.name), fontSize: 14, margin: [0, 0, 0, 4] },
    { text: `Assessment of ${v.date} · ${v.modelTitle} · ${v.offerCount} offers compared`, color: MUTED, margin: [0, 0, 0, 10] },
    {
      table: { widths: ['*'], body: [[{ stack: [{ text: 'BEST FIT', bold: true, fontSize: 9, color: ACCENT }, { text: breakable(v.headline), fontSize: 11.5 }], fillColor: '#f0f2f4', margin: [8, 6, 8, 6] }]] },
      layout: 'noBorders',
      margin: [0, 0, 0, 8],
    },
    ...(v.hasNotes ? [{ ul: v.notes.map((n) => ({ text: breakable(n), color: '#8a4b00' })), fontSize: 8.5, margin: [0, 0, 0, 6] }] : []),
    table(
      [110, ...cols],
      ['', ...providerHeader],
      v.summaryRows.map((r) => [{ text: r.label, bold: true }, ...r.cells.map((x) => (r.strong ? { text: breakable(x), bold: true, fontSize: 11 } : { text: breakable(x) }))]),
    ),
    h2('The organisation'),
    table([160, '*'], null, v.context.map((x) => [{ text: x.label, bold: true }, breakable(x.value)])),

    h2('Services the plan outsources or shares'),
    v.hasNeeded
      ? table(
          [110, 50, ...cols],
          ['Catalogue service', 'Stance', ...providerHeader],
          v.serviceRows.map((r) => [
            { text: [breakable(r.title), { text: `\n${r.id}`, color: MUTED, fontSize: 7 }] },
            r.stance,
            ...r.cells.map((cell) =>
              cell.missing
                ? { text: 'missing', color: BAD, bold: true }
                : { stack: [...cell.offered.map((x) => ({ text: [breakable(x.name), { text: ` (${x.detail})`, color: MUTED }] })), ...(cell.hasNotes ? [{ text: cell.notes, color: STATUS_COLOURS.partial, fontSize: 7.5 }] : [])] },
            ),
          ]),
        )
      : { text: 'The plan keeps every service in-house.', color: MUTED },
    ...(v.hasInHouseOffered
      ? [
          { text: 'Offered, but the plan keeps these in-house:', bold: true, margin: [0, 0, 0, 2] },
          { ul: v.offers.flatMap((o) => o.inHouseOffered.map((s) => breakable(`${o.provider}: ${s.namesText} (${s.title})`))), margin: [0, 0, 0, 6] },
        ]
      : []),

    h2('SLA fit'),
    ...v.offers.flatMap((o) => [
      h3(`${o.provider}: ${o.points.sla} of ${v.weights.sla}`),
      { text: o.slaText, color: MUTED, fontSize: 8.5 },
      table(
        [60, '*', '*', '*'],
        ['Severity', ...v.environments],
        o.slaRows.map((r) => [r.severity, ...r.cells.map((x) => ({ text: x.text, color: x.none ? BAD : x.bestEffort ? STATUS_COLOURS.partial : undefined }))]),
        8,
      ),
      ...(o.hasSlaIssues ? [{ ul: o.slaIssues.map((s) => breakable(s)), fontSize: 8.5, margin: [0, 0, 0, 6] }] : []),
    ]),

    h2('Contract requirements'),
    v.hasRequirements
      ? table(
          [160, ...cols],
          ['Requirement', ...providerHeader],
          v.requirementRows.map((r) => [{ text: [{ text: r.id, bold: true }, `\n${r.topic}`] }, ...r.cells.map((x) => ({ text: x.text, color: STATUS_COLOURS[x.status], bold: x.status === 'met' }))]),
        )
      : { text: 'The plan has no contract requirements.', color: MUTED },
    ...v.requirementRows.flatMap((r) =>
      r.hasChecks
        ? [
            {
              stack: [
                h3(`${r.id}: ${r.topic}`),
                { text: breakable(r.requirement), color: MUTED, fontSize: 8 },
                table(
                  [105, 110, ...cols],
                  ['Offer field', 'Expected', ...providerHeader],
                  r.checks.map((ch) => [{ text: breakable(ch.field), fontSize: 7.5 }, breakable(ch.expected), ...ch.cells.map((x) => ({ text: breakable(x.text), color: x.fails ? BAD : undefined }))]),
                  7.5,
                ),
              ],
              unbreakable: true,
            },
          ]
        : [],
    ),

    h2('Risks'),
    ...v.offers.flatMap((o) => [
      h3(`${o.provider}: ${o.hasRisks ? `${o.risks.length} flagged, ${o.points.risks} points` : 'none flagged'}`),
      ...(o.hasRisks ? [{ ul: o.risks.map((r) => ({ text: [{ text: `${r.title} (${r.level}, -${r.points}): `, bold: true, color: r.level === 'high' ? BAD : undefined }, breakable(r.detail), { text: ` ${r.referencesText}`, color: MUTED }] })), margin: [0, 0, 0, 6] }] : []),
    ]),

    h2('Method'),
    { ul: v.method.map((m) => breakable(m)), fontSize: 8.5 },
    { text: `Offers: ${v.offers.map((o) => `${o.provider} (${o.file}, ${o.offerDate})`).join('; ')}.`, style: 'caption', margin: [0, 8, 0, 0] },
  ];

  const footerText = `${c.organization.name} · provider offers · assessment of ${v.date}`;
  return compactPdf({
    title: v.title,
    subject: c.headline,
    tool: c.tool,
    created,
    footerText,
    content,
    margin: 40,
    styles: { h2: { fontSize: 12.5, bold: true, color: ACCENT, margin: [0, 12, 0, 3] }, h3: { fontSize: 10, bold: true, margin: [0, 6, 0, 2] } },
    defaultStyle: { fontSize: 9, lineHeight: 1.15 },
  });
}

// ---------------------------------------------------------------------------------------------------
// Formats and files

/** Parses "md,html" into provider report formats; an unknown one is a usage error. */
export function parseProviderFormats(text: string): ProviderFormat[] {
  return parseFormatList(text, PROVIDER_FORMATS);
}

export async function renderProviders(c: ProviderComparison, format: ProviderFormat, options: ProvidersRenderOptions = {}): Promise<string | Uint8Array> {
  switch (format) {
    case 'md':
      return renderProvidersMarkdown(c, options);
    case 'html':
      return renderProvidersHtml(c, options);
    case 'pdf':
      return renderProvidersPdf(c);
  }
}

/**
 * Writes <outDir>/<slug>-providers.<ext> for each format. Renders every format first and writes only
 * when all succeeded, each file atomically, so a failure never leaves half a set behind.
 */
export async function writeProviders(c: ProviderComparison, formats: readonly ProviderFormat[], outDir: string, options: ProvidersRenderOptions = {}): Promise<string[]> {
  const base = `${slugify(c.organization.name)}-providers`;
  return writeRendered(outDir, formats, (format) => `${base}.${format}`, (format) => renderProviders(c, format, options));
}
