import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect } from 'vitest';

export const ROOT = join(import.meta.dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'irready.js');

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** Runs the built command in `cwd`; resolves when it ends (or is killed after `timeout` ms). */
export function irready(cwd: string, args: string[], options: { timeout?: number; env?: Record<string, string> } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      env: { ...process.env, IRREADY_CACHE_DIR: join(cwd, '.cache'), IRREADY_NO_CACHE: '', IRREADY_DEBUG: '', NO_COLOR: '1', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeout ?? 25_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut });
    });
  });
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A run that refused its input the way the CLI promises: exit code 2, one or more lines
 * "error: <file>[:line:col]: ...", each naming one of `files`, no stack trace, nothing unexpected.
 */
export function expectCleanRefusal(run: Run, files: string | string[], label = ''): string[] {
  const named = Array.isArray(files) ? files : [files];
  const what = `${label}\n--- stderr ---\n${run.stderr.slice(0, 2000)}`;
  expect(run.timedOut, `timed out ${what}`).toBe(false);
  expect(run.code, `exit code ${what}`).toBe(2);
  const lines = run.stderr.split('\n').filter(Boolean);
  expect(lines.some((l) => /^\s+at /.test(l)), `stack trace ${what}`).toBe(false);
  expect(run.stderr, what).not.toMatch(/unexpected failure|RangeError|TypeError|Maximum call stack/);
  const errors = lines.filter((l) => l.startsWith('error: '));
  expect(errors.length, `no error line ${what}`).toBeGreaterThan(0);
  const pattern = new RegExp(`^error: (${named.map(escapeRe).join('|')})(:\\d+:\\d+)?: \\S`);
  for (const line of errors) expect(line.slice(0, 500), what).toMatch(pattern);
  // Every other line is the validate summary ("N problems in M of K files") or commander's usage hint.
  for (const line of lines.filter((l) => !l.startsWith('error: '))) expect(line, what).toMatch(/^\d+ problems? in \d+ of \d+ files?$/);
  // An error message names a place; it does not echo megabytes of input.
  for (const line of errors) expect(line.length, `overlong error line ${line.slice(0, 200)}`).toBeLessThan(2000);
  return errors;
}

/** Every file under a folder (relative path -> mtime and content hash), to show that a refused run changed nothing. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(dir)) return out;
  const walk = (sub: string) => {
    for (const entry of readdirSync(join(dir, sub), { withFileTypes: true })) {
      const rel = join(sub, entry.name);
      if (entry.isDirectory()) walk(rel);
      else out[rel] = `${statSync(join(dir, rel)).mtimeMs}:${createHash('sha256').update(readFileSync(join(dir, rel))).digest('hex')}`;
    }
  };
  walk('.');
  return out;
}

/** Temporary files left behind by an interrupted atomic write, anywhere under a folder. */
export function leftovers(dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.name.startsWith('.irready-tmp-')) found.push(relative(dir, path));
      if (entry.isDirectory() && entry.name !== '.cache') walk(path);
    }
  };
  walk(dir);
  return found;
}
