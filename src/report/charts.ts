import { scaleBand, scaleLinear } from 'd3-scale';
import { LEVELS, STAGE_TITLES, STAGES, type Stage } from '../model/taxonomy.js';

/**
 * Charts as standalone SVG, computed with d3 on the server (no browser, no canvas), so that the same
 * picture goes into the HTML, the PDF and the Word file. Text is escaped; sizes are fixed so that the
 * output is deterministic.
 */

export interface ChartDomain {
  id: string;
  title: string;
  score: number | null;
  level: number | null;
  capped: boolean;
  target?: number;
  stages: Record<Stage, { score: number | null; level: number | null }>;
}

export interface ChartStyle {
  accent: string;
  font: string;
}

export const DEFAULT_CHART_STYLE: ChartStyle = { accent: '#1f5f8b', font: 'Roboto, Helvetica, Arial, sans-serif' };

/** Colours of levels 0-4, from alarming to reassuring, readable in greyscale print too. */
export const LEVEL_COLOURS = ['#b2182b', '#ef8a62', '#f4d166', '#91bfdb', '#2c7bb6'];
const LEVEL_TEXT = ['#ffffff', '#1a1a1a', '#1a1a1a', '#1a1a1a', '#ffffff'];

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

const n = (x: number) => Number(x.toFixed(2));

function svg(width: number, height: number, title: string, body: string, style: ChartStyle): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(title)}" font-family="${escapeXml(style.font)}">` +
    `<title>${escapeXml(title)}</title><rect width="${width}" height="${height}" fill="#ffffff"/>${body}</svg>`
  );
}

/** Horizontal bars: each domain's score on the 0-4 scale, coloured by level, with the target as a mark. */
export function domainBarChart(domains: readonly ChartDomain[], style: ChartStyle = DEFAULT_CHART_STYLE): string {
  const width = 640;
  const labelWidth = 230;
  const rowHeight = 30;
  const top = 28;
  const height = top + domains.length * rowHeight + 34;
  const x = scaleLinear().domain([0, 4]).range([labelWidth, width - 48]);
  const y = scaleBand<string>().domain(domains.map((d) => d.id)).range([top, top + domains.length * rowHeight]).paddingInner(0.28);
  let body = '';
  for (const level of LEVELS) {
    const gx = n(x(level.level));
    body += `<line x1="${gx}" y1="${top - 6}" x2="${gx}" y2="${top + domains.length * rowHeight}" stroke="#d0d0d0" stroke-width="1"/>`;
    body += `<text x="${gx}" y="${top + domains.length * rowHeight + 16}" font-size="10" text-anchor="middle" fill="#555555">${level.level}</text>`;
    body += `<text x="${gx}" y="${top + domains.length * rowHeight + 28}" font-size="9" text-anchor="middle" fill="#777777">${escapeXml(level.name)}</text>`;
  }
  for (const d of domains) {
    const by = n(y(d.id)!);
    const bh = n(y.bandwidth());
    body += `<text x="${labelWidth - 8}" y="${n(by + bh / 2 + 4)}" font-size="11" text-anchor="end" fill="#1a1a1a">${escapeXml(d.title)}</text>`;
    if (d.score === null) {
      body += `<text x="${labelWidth + 4}" y="${n(by + bh / 2 + 4)}" font-size="10" fill="#777777">not assessed</text>`;
    } else {
      const colour = LEVEL_COLOURS[d.level ?? 0];
      body += `<rect x="${labelWidth}" y="${by}" width="${n(Math.max(1, x(d.score) - labelWidth))}" height="${bh}" fill="${colour}" stroke="#333333" stroke-width="0.5"/>`;
      body += `<text x="${n(x(d.score) + 4)}" y="${n(by + bh / 2 + 4)}" font-size="10" fill="#1a1a1a">${d.score.toFixed(2)}${d.capped ? ' (capped)' : ''}</text>`;
    }
    if (d.target !== undefined) {
      const tx = n(x(d.target));
      body += `<line x1="${tx}" y1="${n(by - 3)}" x2="${tx}" y2="${n(by + bh + 3)}" stroke="${style.accent}" stroke-width="3"/>`;
    }
  }
  const legend = domains.some((d) => d.target !== undefined)
    ? `<line x1="${labelWidth}" y1="12" x2="${labelWidth}" y2="22" stroke="${style.accent}" stroke-width="3"/><text x="${labelWidth + 6}" y="21" font-size="10" fill="#333333">target level</text>`
    : '';
  return svg(width, height, 'Score by domain (0-4)', legend + body, style);
}

/** A domain x stage grid of levels, with the score in each cell. */
export function stageHeatmap(domains: readonly ChartDomain[], style: ChartStyle = DEFAULT_CHART_STYLE): string {
  const labelWidth = 230;
  const cellWidth = 130;
  const cellHeight = 28;
  const top = 26;
  const width = labelWidth + STAGES.length * cellWidth + 10;
  const height = top + domains.length * cellHeight + 40;
  let body = '';
  STAGES.forEach((stage, i) => {
    body += `<text x="${labelWidth + i * cellWidth + cellWidth / 2}" y="${top - 8}" font-size="11" text-anchor="middle" fill="#1a1a1a">${escapeXml(STAGE_TITLES[stage])}</text>`;
  });
  domains.forEach((d, row) => {
    const cy = top + row * cellHeight;
    body += `<text x="${labelWidth - 8}" y="${cy + cellHeight / 2 + 4}" font-size="11" text-anchor="end" fill="#1a1a1a">${escapeXml(d.title)}</text>`;
    STAGES.forEach((stage, i) => {
      const cell = d.stages[stage];
      const cx = labelWidth + i * cellWidth;
      const fill = cell.level === null ? '#eeeeee' : LEVEL_COLOURS[cell.level];
      const ink = cell.level === null ? '#777777' : LEVEL_TEXT[cell.level];
      const label = cell.level === null ? 'not assessed' : `${LEVELS[cell.level].name} ${cell.score!.toFixed(2)}`;
      body += `<rect x="${cx + 1}" y="${cy + 1}" width="${cellWidth - 2}" height="${cellHeight - 2}" fill="${fill}" stroke="#ffffff" stroke-width="1"/>`;
      body += `<text x="${cx + cellWidth / 2}" y="${cy + cellHeight / 2 + 4}" font-size="10" text-anchor="middle" fill="${ink}">${escapeXml(label)}</text>`;
    });
  });
  // Legend of level colours.
  const ly = top + domains.length * cellHeight + 14;
  LEVELS.forEach((level, i) => {
    const lx = labelWidth + i * 78;
    body += `<rect x="${lx}" y="${ly}" width="12" height="12" fill="${LEVEL_COLOURS[level.level]}"/>`;
    body += `<text x="${lx + 16}" y="${ly + 10}" font-size="9" fill="#333333">${level.level} ${escapeXml(level.name)}</text>`;
  });
  return svg(width, height, 'Level by domain and stage', body, style);
}

export interface CostSeries {
  label: string;
  setup: number;
  perYear: number;
}

/** Cumulative cost over 36 months for each option: where the lines cross is the break-even point. */
export function costChart(options: readonly CostSeries[], currency: string, style: ChartStyle = DEFAULT_CHART_STYLE): string {
  const width = 640;
  const height = 280;
  const left = 90;
  const top = 30;
  const bottom = height - 40;
  const months = 36;
  const at = (o: CostSeries, m: number) => o.setup + (o.perYear * m) / 12;
  const max = Math.max(1, ...options.map((o) => at(o, months)));
  const x = scaleLinear().domain([0, months]).range([left, width - 20]);
  const y = scaleLinear().domain([0, max]).nice().range([bottom, top]);
  const colours = [style.accent, '#ef8a62', '#5a5a5a'];
  let body = '';
  for (const tick of y.ticks(5)) {
    body += `<line x1="${left}" y1="${n(y(tick))}" x2="${width - 20}" y2="${n(y(tick))}" stroke="#e0e0e0"/>`;
    body += `<text x="${left - 6}" y="${n(y(tick) + 4)}" font-size="9" text-anchor="end" fill="#555555">${escapeXml(Math.round(tick).toLocaleString('en-GB'))}</text>`;
  }
  for (const m of [0, 12, 24, 36]) {
    body += `<text x="${n(x(m))}" y="${bottom + 16}" font-size="9" text-anchor="middle" fill="#555555">${m === 0 ? 'start' : `year ${m / 12}`}</text>`;
  }
  options.forEach((o, i) => {
    const points = [0, months].map((m) => `${n(x(m))},${n(y(at(o, m)))}`).join(' ');
    body += `<polyline points="${points}" fill="none" stroke="${colours[i % colours.length]}" stroke-width="3"/>`;
    body += `<rect x="${left + i * 250}" y="8" width="12" height="4" fill="${colours[i % colours.length]}"/><text x="${left + 16 + i * 250}" y="13" font-size="10" fill="#1a1a1a">${escapeXml(o.label)}</text>`;
  });
  body += `<text x="12" y="${top + 4}" font-size="9" fill="#555555">${escapeXml(currency)}</text>`;
  return svg(width, height, 'Cumulative cost over three years', body, style);
}
