import { readFileSync } from 'node:fs';
import { fromPackage } from './files.js';

let cached: { name: string; version: string } | undefined;

/** The tool's name and version, from package.json. */
export function toolInfo(): { name: string; version: string } {
  cached ??= (({ name, version }) => ({ name, version }))(JSON.parse(readFileSync(fromPackage('package.json'), 'utf8')));
  return cached;
}

/**
 * The time a result is stamped with: SOURCE_DATE_EPOCH (seconds) when set, so that builds and golden
 * files are reproducible, else now.
 */
export function stampTime(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (explicit) return explicit;
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000).toISOString();
  return new Date().toISOString();
}
