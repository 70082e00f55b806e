import { availableParallelism } from 'node:os';
import { isAbsolute, relative } from 'node:path';
import { runBatch, type BatchOutcome } from '../../batch/batch.js';
import { parseFormats } from '../../report/write.js';
import { InputError, RunError } from '../../util/errors.js';
import { checkDate } from '../options.js';

export interface BatchCommandOptions {
  format: string;
  outDir: string;
  workers?: string;
  questionnaire?: string;
  rules?: string;
  catalogue?: string;
  costs?: string;
  date?: string;
}

/** Scores and reports many engagements in parallel; a summary table on stdout, progress on stderr. */
export async function batch(inputs: string[], opts: BatchCommandOptions): Promise<void> {
  const formats = parseFormats(opts.format);
  const workers = parseWorkers(opts.workers);
  const generatedAt = checkDate(opts.date);
  const progress = makeProgress(inputs.length);
  const summary = await runBatch(inputs, { ...opts, formats, generatedAt, workers, outDir: opts.outDir, onProgress: progress.update });
  progress.end();
  const failed = summary.outcomes.filter((o) => !o.ok);
  console.log(summaryTable(summary.outcomes));
  console.log(`\n${summary.outcomes.length - failed.length} of ${summary.outcomes.length} engagements reported in ${(summary.ms / 1000).toFixed(1)} s with ${summary.workers} workers; ${failed.length} failed.`);
  if (failed.length) throw new RunError(`${failed.length} of ${summary.outcomes.length} engagements failed (see the summary above)`);
}

function parseWorkers(value: string | undefined): number {
  if (value === undefined) return availableParallelism();
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < 1 || n > 256) throw new InputError({ file: '--workers', message: `"${value}" is not a number of workers (1-256)` });
  return n;
}

const shown = (file: string) => {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
};

/** Plain text table: engagement, model, readiness, files written or the error. */
export function summaryTable(outcomes: readonly BatchOutcome[]): string {
  const rows = outcomes.map((o) => [o.input, o.organization ?? '', o.ok ? (o.model ?? '') : 'FAILED', o.readiness ?? '', o.ok ? o.files.map(shown).join(', ') : `error: ${o.error}`]);
  const header = ['engagement', 'organisation', 'model', 'readiness', 'files written or error'];
  const widths = header.map((h, i) => (i === header.length - 1 ? 0 : Math.min(48, Math.max(h.length, ...rows.map((r) => r[i].length)))));
  const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.length > widths[i] ? `${c.slice(0, widths[i] - 1)}…` : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(header), line(header.map((_, i) => '-'.repeat(widths[i] || 21))), ...rows.map(line)].join('\n');
}

/**
 * A progress bar with an ETA when stderr is a terminal; otherwise (logs, CI, pipes) a plain line at most
 * every two seconds and at the end, with no escape sequences at all.
 */
function makeProgress(total: number) {
  const tty = process.stderr.isTTY === true;
  const start = Date.now();
  let lastLine = 0;
  let failed = 0;
  const eta = (done: number) => {
    if (!done) return '?';
    const s = Math.round(((Date.now() - start) / done) * (total - done) / 1000);
    return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
  };
  return {
    update: (done: number, _total: number, outcome: BatchOutcome) => {
      if (!outcome.ok) failed++;
      const text = `${done}/${total} engagements${failed ? `, ${failed} failed` : ''}, ETA ${eta(done)}`;
      if (tty) {
        const width = 30;
        const filled = Math.round((done / Math.max(1, total)) * width);
        process.stderr.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${text}\x1b[K`);
      } else if (Date.now() - lastLine >= 2000 || done === total) {
        lastLine = Date.now();
        process.stderr.write(`progress: ${text}\n`);
      }
    },
    end: () => {
      if (tty && total) process.stderr.write('\n');
    },
  };
}
