import { createRequire } from 'node:module';
import { lineAndColumn } from './files.js';

// The JSON tree parser is needed only to point at a problem, so it is loaded only then.
const require = createRequire(import.meta.url);

export type JsonPath = (string | number)[];

/** `pages[2].elements[0]` for ['pages', 2, 'elements', 0]. */
export function formatPath(path: JsonPath): string {
  let out = '';
  for (let part of path) {
    // A key can be megabytes long in a hostile file; a message needs only its start.
    if (typeof part === 'string' && part.length > 80) part = `${part.slice(0, 77)}...`;
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(part)) out += out ? `.${part}` : part;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}

/** The line and column of the value at `path` in a JSON text, or of its nearest ancestor that exists. */
export function locateInJson(text: string, path: JsonPath): { line?: number; column?: number } {
  const { findNodeAtLocation, parseTree } = require('jsonc-parser') as typeof import('jsonc-parser');
  let root: ReturnType<typeof parseTree>;
  try {
    root = parseTree(text);
  } catch {
    return {}; // too deeply nested for the tree parser (its recursion overflows): no place, still the message
  }
  if (!root) return {};
  for (let depth = path.length; depth >= 0; depth--) {
    const node = findNodeAtLocation(root, path.slice(0, depth));
    if (node) {
      // Point at the property name where there is one: that is what a reader looks for.
      const at = node.parent?.type === 'property' && depth > 0 ? node.parent.offset : node.offset;
      return lineAndColumn(text, at);
    }
  }
  return {};
}
