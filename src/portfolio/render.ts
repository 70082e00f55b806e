import { join } from 'node:path';
import { mdCell, mdText } from '../report/markdown.js';
import { parseFormatList, tidyText } from '../report/output.js';
import { compileTemplates } from '../report/templates.js';
import { slugify } from '../report/write.js';
import type { AssessmentResult } from '../result/result.js';
import { writeFileAtomic } from '../util/files.js';
import { buildPortfolio, type Distribution, type OrganisationPosition, type Portfolio, type Position } from './portfolio.js';

export const PORTFOLIO_FORMATS = ['md', 'html'] as const;
export type PortfolioFormat = (typeof PORTFOLIO_FORMATS)[number];
/** The overview's file name (without extension); it names no organisation. */
export const OVERVIEW_NAME = 'portfolio';

const num = (x: number | null) => (x === null ? '–' : x.toFixed(2));
const pct = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)}%`);

function distView(d: Distribution) {
  return { n: d.n, min: num(d.min), q1: num(d.q1), median: num(d.median), q3: num(d.q3), max: num(d.max) };
}

function positionView(p: Position, d: Distribution) {
  return { ...p, scoreText: num(p.score), percentileText: pct(p.percentile), quarterClass: p.quarter ? `quarter-${p.quarter}` : 'quarter-none', median: num(d.median), q1: num(d.q1), q3: num(d.q3), n: d.n };
}

/** The overview: distributions only, no names. */
export function overviewView(p: Portfolio, generatedAt: string) {
  return {
    overview: true,
    organisation: false,
    title: 'Incident response readiness: portfolio benchmark',
    organisations: p.organisations,
    date: generatedAt.slice(0, 10),
    overall: distView(p.overall),
    cells: p.cells.map((c) => ({ ...c, isDomain: c.stage === 'all', ...distView(c.distribution) })),
  };
}

/** One organisation's positioning: its own name and the anonymous spread only. */
export function organisationView(p: Portfolio, o: OrganisationPosition, generatedAt: string) {
  const cellOf = (pos: Position) => p.cells.find((c) => c.domain === pos.domain && c.stage === pos.stage)!.distribution;
  const positions = o.positions.map((pos) => ({ ...positionView(pos, cellOf(pos)), isDomain: pos.stage === 'all' }));
  return {
    overview: false,
    organisation: true,
    title: `Incident response readiness benchmark: ${o.name}`,
    name: o.name,
    organisations: p.organisations,
    date: generatedAt.slice(0, 10),
    overall: positionView(o.overall, p.overall),
    positions,
    lowest: positions.filter((x) => x.quarter === 'lowest'),
    highest: positions.filter((x) => x.quarter === 'highest'),
  };
}

export interface PortfolioRenderOptions {
  /** A folder whose portfolio-markdown/ and portfolio-html/ templates override the built-in ones. */
  templatesDir?: string;
}

function renderer(format: PortfolioFormat, options: PortfolioRenderOptions) {
  return format === 'md'
    ? compileTemplates('portfolio-markdown', { md: (v: unknown) => mdText(v), cell: (v: unknown) => mdCell(v) }, options.templatesDir)
    : compileTemplates('portfolio-html', {}, options.templatesDir, true);
}


export function parsePortfolioFormats(list: string): PortfolioFormat[] {
  return parseFormatList(list, PORTFOLIO_FORMATS);
}

/** Every document of a portfolio: the overview and one page per organisation, by file name (without folder). */
export function renderPortfolio(results: readonly AssessmentResult[], formats: readonly PortfolioFormat[], options: PortfolioRenderOptions & { generatedAt?: string } = {}) {
  const portfolio = buildPortfolio(results, slugify);
  const generatedAt = options.generatedAt ?? results.map((r) => r.generatedAt).sort().at(-1) ?? new Date().toISOString();
  const files: { name: string; content: string }[] = [];
  for (const format of formats) {
    const render = renderer(format, options);
    files.push({ name: `${OVERVIEW_NAME}.${format}`, content: tidyText(render(overviewView(portfolio, generatedAt))) });
    for (const o of portfolio.positions) files.push({ name: `${o.slug}-position.${format}`, content: tidyText(render(organisationView(portfolio, o, generatedAt))) });
  }
  return { portfolio, files };
}

/** Renders everything first, then writes each file atomically. */
export function writePortfolio(results: readonly AssessmentResult[], formats: readonly PortfolioFormat[], outDir: string, options: PortfolioRenderOptions & { generatedAt?: string } = {}): string[] {
  const { files } = renderPortfolio(results, formats, options);
  for (const f of files) writeFileAtomic(join(outDir, f.name), f.content);
  return files.map((f) => join(outDir, f.name));
}
