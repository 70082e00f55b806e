import { createRequire } from 'node:module';
import { InputError } from './errors.js';
import { readJson, readText } from './files.js';

const require = createRequire(import.meta.url);

/** Reads a small configuration file: JSON, or YAML for .yaml/.yml (the YAML parser loads only then). */
export function readStructured(file: string): unknown {
  if (!/\.ya?ml$/i.test(file)) return readJson(file);
  const text = readText(file);
  const { parseDocument } = require('yaml') as typeof import('yaml');
  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length) {
    const e = doc.errors[0];
    throw new InputError({ file, line: e.linePos?.[0]?.line, column: e.linePos?.[0]?.col, message: `is not valid YAML (${e.message.split('\n')[0]})` });
  }
  return doc.toJS();
}
