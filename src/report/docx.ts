import type { Brand } from './brand.js';
import type { ReportView } from './view.js';
import { RunError } from '../util/errors.js';

/** Word output (placeholder until the Word renderer lands): refuses clearly instead of writing a bad file. */
export async function renderDocx(_view: ReportView, _brand: Brand): Promise<Uint8Array> {
  throw new RunError('the Word (docx) format is not available yet');
}
