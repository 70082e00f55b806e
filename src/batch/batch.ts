import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { BatchOutcome, FromWorker, WorkerSetup } from './types.js';

export type { BatchOutcome, WorkerSetup } from './types.js';

export interface BatchOptions extends WorkerSetup {
  outDir: string;
  /** Worker threads; default one per core. */
  workers?: number;
  /** Called after each engagement, in the order they finish. */
  onProgress?: (done: number, total: number, outcome: BatchOutcome) => void;
}

export interface BatchSummary {
  outcomes: BatchOutcome[];
  workers: number;
  ms: number;
  /** The largest resident set size a worker reported (they share one process), in bytes. */
  peakRss: number;
}

/**
 * Scores and reports many engagements with worker threads. Each worker builds its assessor once and
 * takes the next input from a shared queue when it finishes one; a failing engagement is recorded and
 * the rest go on. Outcomes are returned in the order of the inputs.
 */
export async function runBatch(inputs: readonly string[], options: BatchOptions): Promise<BatchSummary> {
  const start = performance.now();
  const count = Math.max(1, Math.min(options.workers ?? availableParallelism(), inputs.length || 1));
  const setup: WorkerSetup = {
    formats: options.formats,
    questionnaire: options.questionnaire,
    rules: options.rules,
    catalogue: options.catalogue,
    costs: options.costs,
    generatedAt: options.generatedAt,
  };
  const outcomes: BatchOutcome[] = new Array(inputs.length);
  const started = new Map<number, number>();
  const claimed = new Set<string>();
  let next = 0;
  let done = 0;
  let peakRss = process.memoryUsage().rss;
  const workerUrl = new URL('./worker.js', import.meta.url);

  const finish = (id: number, outcome: Omit<BatchOutcome, 'input' | 'ms'>) => {
    const full: BatchOutcome = { input: inputs[id], ms: performance.now() - (started.get(id) ?? start), ...outcome };
    outcomes[id] = full;
    done++;
    options.onProgress?.(done, inputs.length, full);
  };

  await Promise.all(
    Array.from({ length: inputs.length ? count : 0 }, () =>
      new Promise<void>((resolve) => {
        const worker = new Worker(workerUrl, { workerData: setup });
        let current: number | undefined;
        const give = () => {
          if (next >= inputs.length) {
            current = undefined;
            worker.postMessage({ type: 'stop' });
            return;
          }
          current = next++;
          started.set(current, performance.now());
          worker.postMessage({ type: 'job', id: current, input: inputs[current] });
        };
        worker.on('message', (m: FromWorker) => {
          if (m.type === 'ready') give();
          else if (m.type === 'claim') {
            let slug = m.slug;
            for (let n = 2; claimed.has(slug); n++) slug = `${m.slug}-${n}`;
            claimed.add(slug);
            worker.postMessage({ type: 'dir', id: m.id, dir: join(options.outDir, slug) });
          } else {
            peakRss = Math.max(peakRss, m.rss);
            if (m.type === 'done') finish(m.id, { ok: true, organization: m.organization, model: m.model, readiness: m.readiness, files: m.files });
            else finish(m.id, { ok: false, files: [], error: m.error });
            give();
          }
        });
        const lost = (why: string) => {
          // A worker that dies takes its current job with it; the others keep going.
          if (current !== undefined && !outcomes[current]) finish(current, { ok: false, files: [], error: `worker stopped: ${why}` });
          current = undefined;
          resolve();
        };
        worker.on('error', (err) => lost(err.message));
        worker.on('exit', (code) => lost(`exit code ${code}`));
      }),
    ),
  );
  // Inputs a dead worker never reached (only when every worker died).
  for (let i = 0; i < inputs.length; i++) if (!outcomes[i]) outcomes[i] = { input: inputs[i], ok: false, files: [], error: 'not processed: every worker stopped', ms: 0 };
  return { outcomes, workers: count, ms: performance.now() - start, peakRss };
}
