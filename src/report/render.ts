import type { AssessmentResult } from '../result/result.js';
import { mdCell, mdText } from './markdown.js';
import { compileTemplates } from './templates.js';
import { buildView } from './view.js';

export const REPORT_FORMATS = ['json', 'md'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const EXTENSIONS: Record<ReportFormat, string> = { json: 'json', md: 'md' };

export interface RenderOptions {
  /** A folder whose templates override the built-in ones (same layout as templates/). */
  templatesDir?: string;
}

/** Renders a result in one format. Reads only the result. */
export function renderReport(result: AssessmentResult, format: ReportFormat, options: RenderOptions = {}): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(result, null, 2)}\n`;
    case 'md': {
      const template = compileTemplates('markdown', {
        md: (v: unknown) => mdText(v),
        cell: (v: unknown) => mdCell(v),
        join: (list: unknown, sep: unknown) => (Array.isArray(list) ? list.join(typeof sep === 'string' ? sep : ', ') : ''),
      }, options.templatesDir);
      return tidyMarkdown(template(buildView(result)));
    }
  }
}

/** Collapses the blank lines that template blocks leave behind, and ends with one newline. */
function tidyMarkdown(text: string): string {
  return `${text.replace(/[ \t]+$/gm, '').replace(/\n{3,}/g, '\n\n').trim()}\n`;
}
