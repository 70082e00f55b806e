import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Runs the built CLI (worker threads load dist/batch/worker.js); `npm test` builds first.
const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'irready.js');
const run = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

describe('irready batch', () => {
  it('reports every good engagement, lists the broken one and exits 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'irready-batch-'));
    const a = join(dir, 'a.json');
    const b = join(dir, 'b.json');
    const broken = join(dir, 'broken.json');
    copyFileSync(join(ROOT, 'examples', 'midsize-8x5-team.json'), a);
    copyFileSync(join(ROOT, 'examples', 'small-firm-no-security-staff.json'), b);
    writeFileSync(broken, '{"questionnaire": {"id": "ir-outsourcing-readiness", "version": "1.0.0"}, "organization": {"name": "X"}, "respondent": {"name": "Y", "role": "CISO"}, "data": {"lc_retention_months": "twelve"}}');
    const out = join(dir, 'out');
    const r = run(['batch', a, broken, b, '--format', 'html,md', '--out-dir', out, '--workers', '2', '--date', '2026-01-01']);
    expect(r.status).toBe(1);
    expect(readdirSync(out).sort()).toEqual(['lodz-logistyka-sp-z-o-o', 'muller-sohne-gmbh']);
    expect(readdirSync(join(out, 'lodz-logistyka-sp-z-o-o')).sort()).toEqual(['lodz-logistyka-sp-z-o-o.html', 'lodz-logistyka-sp-z-o-o.md']);
    expect(existsSync(join(out, 'muller-sohne-gmbh', 'muller-sohne-gmbh.html'))).toBe(true);
    // The summary: one line per engagement, in input order, the broken one with its error.
    const lines = r.stdout.split('\n');
    const row = (file: string) => lines.find((l) => l.startsWith(file)) ?? '';
    expect(row(a)).toMatch(/Łódź Logistyka.*Partial \(co-managed\) outsourcing +Ready /);
    expect(row(b)).toMatch(/Müller & Söhne GmbH.*Full outsourcing +Not ready /); // titles, not ids such as "not-ready"
    expect(row(broken)).toMatch(/FAILED.*error: .*lc_retention_months/);
    expect(r.stdout).toMatch(/2 of 3 engagements reported/);
    expect(r.stderr).toMatch(/1 of 3 engagements failed/);
    // Not a terminal: plain progress lines and no escape sequences.
    expect(r.stderr).toMatch(/progress: 3\/3 engagements, 1 failed/);
    expect(r.stderr + r.stdout).not.toMatch(/\x1b/);
  }, 60_000);

  it('exits 2 on an unknown format or a bad worker count, before starting', () => {
    const dir = mkdtempSync(join(tmpdir(), 'irready-batch-'));
    const example = join(ROOT, 'examples', 'midsize-8x5-team.json');
    const bad = run(['batch', example, '--format', 'pdf,nope', '--out-dir', join(dir, 'out')]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/unknown format "nope"/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
    expect(run(['batch', example, '--workers', '0', '--out-dir', join(dir, 'out')]).status).toBe(2);
  }, 30_000);

  it('keeps two organisations with one name apart', () => {
    const dir = mkdtempSync(join(tmpdir(), 'irready-batch-'));
    const example = join(ROOT, 'examples', 'midsize-8x5-team.json');
    const out = join(dir, 'out');
    const r = run(['batch', example, example, '--format', 'md', '--out-dir', out, '--workers', '2']);
    expect(r.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['lodz-logistyka-sp-z-o-o', 'lodz-logistyka-sp-z-o-o-2']);
  }, 30_000);
});
