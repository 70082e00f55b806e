import { parentPort, workerData } from 'node:worker_threads';
import { createAssessor } from '../assessment.js';
import { READINESS_TITLES } from '../model/taxonomy.js';
import { resultFromFile } from '../index.js';
import { writeReports, slugify } from '../report/write.js';
import { InputError } from '../util/errors.js';
import type { FromWorker, ToWorker, WorkerSetup } from './types.js';

/**
 * A batch worker: builds its assessor once, then scores and reports one engagement per job. The main
 * thread hands out the output folder (so that two organisations with one name do not share it).
 */
const setup = workerData as WorkerSetup;
const port = parentPort!;
const send = (m: FromWorker) => port.postMessage(m);
let assessor: ReturnType<typeof createAssessor> | undefined;
let setupError: string | undefined;
try {
  assessor = createAssessor(setup);
} catch (err) {
  setupError = message(err);
}
const waiting = new Map<number, (dir: string) => void>();

function message(err: unknown): string {
  if (err instanceof InputError) return err.message.split('\n').slice(0, 3).join('; ');
  return (err as Error)?.message?.split('\n')[0] ?? String(err);
}

async function job(id: number, input: string): Promise<void> {
  try {
    if (!assessor) throw new Error(setupError ?? 'no assessor');
    const result = resultFromFile(input, { ...setup, assessor, generatedAt: setup.generatedAt });
    const dir = await new Promise<string>((resolve) => {
      waiting.set(id, resolve);
      send({ type: 'claim', id, slug: slugify(result.organization.name) });
    });
    const files = await writeReports(result, setup.formats, dir);
    send({ type: 'done', id, organization: result.organization.name, model: result.decision.modelTitle, readiness: READINESS_TITLES[result.decision.readiness], files, rss: process.memoryUsage().rss });
  } catch (err) {
    send({ type: 'failed', id, error: message(err), rss: process.memoryUsage().rss });
  }
}

port.on('message', (m: ToWorker) => {
  if (m.type === 'job') void job(m.id, m.input);
  else if (m.type === 'dir') {
    waiting.get(m.id)?.(m.dir);
    waiting.delete(m.id);
  } else if (m.type === 'stop') port.close();
});
send({ type: 'ready' });
