import { STAGE_TITLES, STAGES, type Stage } from '../model/taxonomy.js';
import type { AssessmentResult } from '../result/result.js';

/**
 * An anonymised benchmark across engagements: for every domain (overall and per stage) the spread of
 * scores, and for each organisation where it stands. The overview names no organisation; each
 * organisation's positioning names only that organisation.
 */

/** Min, quartiles (linear interpolation between order statistics), median, max and count; null when n = 0. */
export interface Distribution {
  n: number;
  min: number | null;
  q1: number | null;
  median: number | null;
  q3: number | null;
  max: number | null;
}

export type Quarter = 'lowest' | 'second' | 'third' | 'highest';
export const QUARTER_WORDS: Record<Quarter, string> = {
  lowest: 'in the lowest quarter',
  second: 'in the second quarter (below the median)',
  third: 'in the third quarter (above the median)',
  highest: 'in the highest quarter',
};

export interface Cell {
  /** Domain id, and stage id or "all" for the domain as a whole. */
  domain: string;
  domainTitle: string;
  stage: Stage | 'all';
  stageTitle: string;
  distribution: Distribution;
}

export interface Position {
  domain: string;
  stage: Stage | 'all';
  /** "Logging coverage" or "Logging coverage, Operation" */
  label: string;
  score: number | null;
  /** Share of the other scores below this one (ties count half), 0-1; null when not scored. */
  percentile: number | null;
  quarter: Quarter | null;
  /** "Logging coverage in the lowest quarter of organisations assessed" */
  sentence: string;
}

export interface OrganisationPosition {
  name: string;
  /** Unique among the portfolio's organisations (file name). */
  slug: string;
  overall: Position;
  positions: Position[];
}

export interface Portfolio {
  organisations: number;
  overall: Distribution;
  cells: Cell[];
  positions: OrganisationPosition[];
}

/** The q-quantile of sorted numbers (type 7: linear interpolation, as spreadsheets' QUARTILE.INC). */
export function quantile(sorted: readonly number[], q: number): number {
  if (!sorted.length) throw new Error('quantile of nothing');
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return round(sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]));
}

const round = (x: number) => Math.round(x * 100) / 100;

export function distribution(values: readonly (number | null)[]): Distribution {
  const xs = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
  if (!xs.length) return { n: 0, min: null, q1: null, median: null, q3: null, max: null };
  return { n: xs.length, min: xs[0], q1: quantile(xs, 0.25), median: quantile(xs, 0.5), q3: quantile(xs, 0.75), max: xs[xs.length - 1] };
}

/** Where a score stands among all scores (its own included): the share below, ties counted half. */
export function percentileOf(score: number, values: readonly (number | null)[]): number {
  const xs = values.filter((v): v is number => typeof v === 'number');
  if (xs.length <= 1) return 0.5;
  let below = 0;
  let equal = 0;
  for (const x of xs) {
    if (x < score) below++;
    else if (x === score) equal++;
  }
  // Exclude the organisation itself from the ties so that a lone top score reads as highest.
  return (below + (equal - 1) / 2) / (xs.length - 1);
}

export function quarterOf(percentile: number): Quarter {
  return percentile < 0.25 ? 'lowest' : percentile < 0.5 ? 'second' : percentile < 0.75 ? 'third' : 'highest';
}

function slugs(names: readonly string[], slugify: (s: string) => string): string[] {
  const used = new Set<string>();
  return names.map((name) => {
    const base = slugify(name);
    let slug = base;
    for (let n = 2; used.has(slug); n++) slug = `${base}-${n}`;
    used.add(slug);
    return slug;
  });
}

export function buildPortfolio(results: readonly AssessmentResult[], slugify: (s: string) => string): Portfolio {
  const domainIds: { id: string; title: string }[] = [];
  for (const r of results) for (const d of r.domains) if (!domainIds.some((x) => x.id === d.id)) domainIds.push({ id: d.id, title: d.title });
  const scoreOf = (r: AssessmentResult, domain: string, stage: Stage | 'all'): number | null => {
    const d = r.domains.find((x) => x.id === domain);
    if (!d) return null;
    return stage === 'all' ? d.score : (d.stages[stage]?.score ?? null);
  };
  const keys: { domain: string; title: string; stage: Stage | 'all' }[] = [];
  for (const d of domainIds) for (const stage of ['all', ...STAGES] as const) keys.push({ domain: d.id, title: d.title, stage });
  const columns = new Map(keys.map((k) => [`${k.domain}/${k.stage}`, results.map((r) => scoreOf(r, k.domain, k.stage))]));
  const overallScores = results.map((r) => r.overall.score);

  const position = (label: string, domain: string, stage: Stage | 'all', score: number | null, all: (number | null)[]): Position => {
    if (score === null) return { domain, stage, label, score, percentile: null, quarter: null, sentence: `${label}: not assessed` };
    const percentile = round(percentileOf(score, all));
    const quarter = quarterOf(percentile);
    return { domain, stage, label, score, percentile, quarter, sentence: `${label} ${QUARTER_WORDS[quarter]} of organisations assessed` };
  };
  const names = results.map((r) => r.organization.name);
  const fileSlugs = slugs(names, slugify);

  return {
    organisations: results.length,
    overall: distribution(overallScores),
    cells: keys.map((k) => ({
      domain: k.domain,
      domainTitle: k.title,
      stage: k.stage,
      stageTitle: k.stage === 'all' ? 'All stages' : STAGE_TITLES[k.stage],
      distribution: distribution(columns.get(`${k.domain}/${k.stage}`)!),
    })),
    positions: results.map((r, i) => ({
      name: names[i],
      slug: fileSlugs[i],
      overall: position('Overall readiness', 'all', 'all', r.overall.score, overallScores),
      positions: keys.map((k) => {
        const label = k.stage === 'all' ? k.title : `${k.title}, ${STAGE_TITLES[k.stage]}`;
        return position(label, k.domain, k.stage, scoreOf(r, k.domain, k.stage), columns.get(`${k.domain}/${k.stage}`)!);
      }),
    })),
  };
}
