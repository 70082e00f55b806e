import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from './files.js';

/**
 * A small on-disk cache for work that depends only on file content (checked questionnaires,
 * compiled templates). Entries are named by a hash of everything they depend on, so they never go
 * stale; IRREADY_NO_CACHE turns it off and IRREADY_CACHE_DIR moves it.
 */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.IRREADY_NO_CACHE) return undefined;
  return env.IRREADY_CACHE_DIR || join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'irready');
}

export function contentKey(...parts: (string | Uint8Array)[]): string {
  const hash = createHash('sha256');
  for (const p of parts) hash.update(p).update('\0');
  return hash.digest('hex').slice(0, 32);
}

/** The cached text for a key, or the text that `make` produces (then stored). Cache failures only cost time. */
export function cached(name: string, make: () => string, env: NodeJS.ProcessEnv = process.env): string {
  const dir = cacheDir(env);
  if (!dir) return make();
  const file = join(dir, name);
  try {
    return readFileSync(file, 'utf8');
  } catch {
    const value = make();
    try {
      writeFileAtomic(file, value);
    } catch {
      // read-only home or full disk: carry on without the cache
    }
    return value;
  }
}
