#!/usr/bin/env node
// The installed command. The TypeScript sources are compiled to dist/ on install (npm's "prepare").
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('error: irready is not built yet; run "npm run build" in its folder');
  process.exit(1);
}
await import(entry.href);
