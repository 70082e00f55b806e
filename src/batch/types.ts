import type { ReportFormat } from '../report/render.js';

/** What every worker needs once: the definitions to build its assessor and how to write reports. */
export interface WorkerSetup {
  formats: ReportFormat[];
  questionnaire?: string;
  rules?: string;
  catalogue?: string;
  costs?: string;
  generatedAt?: string;
}

export type ToWorker = { type: 'job'; id: number; input: string } | { type: 'dir'; id: number; dir: string } | { type: 'stop' };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'claim'; id: number; slug: string }
  | { type: 'done'; id: number; organization: string; model: string; readiness: string; files: string[]; rss: number }
  | { type: 'failed'; id: number; error: string; rss: number };

/** One engagement's outcome, as the summary shows it. */
export interface BatchOutcome {
  input: string;
  ok: boolean;
  organization?: string;
  model?: string;
  readiness?: string;
  files: string[];
  error?: string;
  ms: number;
}
