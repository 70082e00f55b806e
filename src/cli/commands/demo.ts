import { fromPackage } from '../../util/files.js';
import { report } from './report.js';

export const DEMO_ANSWERS = fromPackage('examples', 'demo-aeroskobing.json');

export async function demo(opts: { outDir: string; format: string }): Promise<void> {
  console.error(`Assessing the demo organisation (${DEMO_ANSWERS})`);
  await report(DEMO_ANSWERS, opts);
}
