import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { InputError, RunError } from './errors.js';

const require = createRequire(import.meta.url);

/** The package's root folder (where package.json, questionnaires/ and templates/ live). */
export const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function fromPackage(...parts: string[]): string {
  return join(packageRoot, ...parts);
}

export function readText(file: string): string {
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a folder, not a file' : `cannot be read (${code ?? String(err)})`;
    throw new InputError({ file, message: why });
  }
  const text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(buf);
  // A bad byte decodes to U+FFFD; so may a real U+FFFD in the file, so compare the bytes, not just look for it.
  if (text.includes('\uFFFD')) {
    const again = Buffer.from(text, 'utf8');
    let bad = 0;
    while (bad < buf.length && bad < again.length && buf[bad] === again[bad]) bad++;
    if (bad < buf.length || bad < again.length) {
      const before = new TextDecoder('utf-8').decode(buf.subarray(0, bad));
      const { line, column } = lineAndColumn(before, before.length);
      throw new InputError({ file, line, column, message: 'is not valid UTF-8 text' });
    }
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Reads and parses a JSON file; a syntax error names the line and column. */
export function readJson(file: string): unknown {
  const text = readText(file);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    if (text.trim() === '') throw new InputError({ file, line: 1, column: 1, message: 'is empty, expected JSON' });
    const syntax = jsonSyntaxError(text);
    if (syntax) throw new InputError({ file, ...lineAndColumn(text, syntax.offset), message: `is not valid JSON: ${syntax.problem}` });
    // V8's own message, on one line and without the copy of the text it may quote.
    const message = (err as Error).message.split('\n')[0].replace(/, \.\.\."[\s\S]*$/, '').replace(/ in JSON at position \d+.*$/, '');
    throw new InputError({ file, message: `is not valid JSON (${message})` });
  }
  // Deeper nesting is never meaningful here, and would overflow the stack of recursive code later (JSON.stringify).
  const tooDeep = nestedBeyond(text, MAX_JSON_DEPTH);
  if (tooDeep >= 0) throw new InputError({ file, ...lineAndColumn(text, tooDeep), message: `nests lists or objects more than ${MAX_JSON_DEPTH} levels deep` });
  return json;
}

export const MAX_JSON_DEPTH = 100;

const SYNTAX_PROBLEMS: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'malformed number',
  PropertyNameExpected: 'a property name in double quotes is expected here',
  ValueExpected: 'a value is expected here',
  ColonExpected: 'a colon is expected here',
  CommaExpected: 'a comma is expected here',
  CloseBraceExpected: 'a closing } is expected here',
  CloseBracketExpected: 'a closing ] is expected here',
  EndOfFileExpected: 'nothing may follow the JSON value',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'comments are not allowed in JSON',
  UnexpectedEndOfString: 'the text ends inside a string',
  UnexpectedEndOfNumber: 'the text ends inside a number',
  InvalidUnicode: 'malformed \\u escape',
  InvalidEscapeCharacter: 'malformed escape in a string',
  InvalidCharacter: 'control character inside a string',
};

/** Where and why a text is not JSON, from a tolerant parser (JSON.parse names no place in Node 20). */
function jsonSyntaxError(text: string): { offset: number; problem: string } | undefined {
  const { parse, printParseErrorCode } = require('jsonc-parser') as typeof import('jsonc-parser');
  const errors: import('jsonc-parser').ParseError[] = [];
  try {
    parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  } catch {
    return undefined; // nested too deeply for its recursion
  }
  const first = errors[0];
  if (!first) return undefined;
  const code = printParseErrorCode(first.error);
  return { offset: first.offset, problem: SYNTAX_PROBLEMS[code] ?? code };
}

/** The offset where valid JSON text first nests deeper than `limit`, or -1. */
function nestedBeyond(text: string, limit: number): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      for (i++; i < text.length && text.charCodeAt(i) !== 34; i++) if (text.charCodeAt(i) === 92 /* \ */) i++;
    } else if (c === 91 || c === 123 /* [ { */) {
      if (++depth > limit) return i;
    } else if (c === 93 || c === 125 /* ] } */) depth--;
  }
  return -1;
}

export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Writes a file so that readers see either the old content or the new one, never half of it:
 * write a temporary file beside it, flush it to disk, then rename it over the target.
 */
export function writeFileAtomic(file: string, content: string | Uint8Array): void {
  const dir = dirname(resolve(file));
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new RunError(`${file}: cannot create folder ${dir} (${(err as NodeJS.ErrnoException).code ?? err})`);
  }
  const tmp = join(dir, `.irready-tmp-${process.pid}-${Math.random().toString(36).slice(2)}-${basename(file)}`);
  try {
    const fd = openSync(tmp, 'w');
    try {
      const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
      let off = 0;
      while (off < data.length) off += writeSync(fd, data, off, data.length - off);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw new RunError(`${file}: cannot be written (${(err as NodeJS.ErrnoException).code ?? err})`);
  }
}
