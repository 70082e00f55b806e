import type { AssessmentResult } from '../result/result.js';
import { DEFAULT_BRAND, type Brand } from './brand.js';
import { costChart, domainBarChart, stageHeatmap } from './charts.js';
import { mdCell, mdText } from './markdown.js';
import { tidyText } from './output.js';
import { compileTemplates } from './templates.js';
import { buildView, type ReportView } from './view.js';

export const REPORT_FORMATS = ['json', 'md', 'html', 'pdf', 'docx', 'csv', 'requirements'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const EXTENSIONS: Record<ReportFormat, string> = { json: 'json', md: 'md', html: 'html', pdf: 'pdf', docx: 'docx', csv: 'actions.csv', requirements: 'requirements.csv' };

export interface RenderOptions {
  /** A folder whose templates override the built-in ones (same layout as templates/). */
  templatesDir?: string;
  brand?: Brand;
}

/** Renders a result in one format. Reads only the result (and the presentation options). */
export async function renderReport(result: AssessmentResult, format: ReportFormat, options: RenderOptions = {}): Promise<string | Uint8Array> {
  switch (format) {
    case 'json':
      return `${JSON.stringify(result, null, 2)}\n`;
    case 'md':
      return renderMarkdown(buildView(result, options.brand), options);
    case 'html':
      return renderHtml(withCharts(buildView(result, options.brand)), options);
    case 'csv':
      return (await import('./csv.js')).renderActionsCsv(result);
    case 'requirements':
      return (await import('./csv.js')).renderRequirementsCsv(result);
    case 'pdf':
      return (await import('./pdf.js')).renderPdf(withCharts(buildView(result, options.brand)), options.brand ?? DEFAULT_BRAND);
    case 'docx':
      return (await import('./docx.js')).renderDocx(withCharts(buildView(result, options.brand)), options.brand ?? DEFAULT_BRAND);
  }
}

/** The view with its charts drawn (HTML, PDF and Word show them; Markdown does not). */
export function withCharts(view: ReportView): ReportView {
  const style = { accent: view.brand.accent, font: 'Roboto, Helvetica, Arial, sans-serif' };
  return {
    ...view,
    charts: {
      bars: domainBarChart(view.chartDomains, style),
      heatmap: stageHeatmap(view.chartDomains, style),
      costs: costChart([view.plan.costs.inHouse, view.plan.costs.provider], view.plan.costs.currency, style),
    },
  };
}

const join = (list: unknown, sep: unknown) => (Array.isArray(list) ? list.join(typeof sep === 'string' ? sep : ', ') : '');
const eq = (a: unknown, b: unknown) => a === b;

export function renderMarkdown(view: ReportView, options: RenderOptions = {}): string {
  const template = compileTemplates('markdown', { md: (v: unknown) => mdText(v), cell: (v: unknown) => mdCell(v), join, eq }, options.templatesDir);
  return tidyText(template(view));
}

export function renderHtml(view: ReportView, options: RenderOptions = {}): string {
  const template = compileTemplates('html', { join, eq }, options.templatesDir, true);
  return tidyText(template(view));
}

