import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssessor } from '../src/assessment.js';
import { startServer, type RunningServer } from '../src/collect/web/server.js';
import { addRespondent, createWorkspace, newOverviewToken } from '../src/workspace/workspace.js';
import { snapshotFiles } from './helpers.js';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'irready.js');
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
// In CI a missing browser is a failure, not a reason to skip.
const browserDescribe = existsSync(CHROMIUM) || process.env.CI ? describe : describe.skip;

const plan = createAssessor().plan;
let dir: string;
let server: RunningServer;
const tokens: Record<string, string> = {};
let overviewToken: string;

/** Every file of the workspace and its content, to show that a refused request wrote nothing. */
const snapshot = () => snapshotFiles(dir);

const engagement = () => JSON.parse(readFileSync(join(dir, 'engagement.json'), 'utf8'));
const answersOf = (id: string) => JSON.parse(readFileSync(join(dir, 'respondents', `${id}.json`), 'utf8')).data;
const statusOf = (id: string) => engagement().respondents.find((r: { id: string }) => r.id === id).status;

function put(token: string, body: unknown, raw = false) {
  return fetch(`${server.url}/api/r/${token}`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: raw ? (body as string) : JSON.stringify(body) });
}

/** A request with the path sent exactly as written (fetch would tidy "/../" away first). */
function rawGet(path: string): Promise<{ status: number; body: string }> {
  const url = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  dir = join(mkdtempSync(join(tmpdir(), 'irready-web-')), 'engagement');
  const now = '2026-01-05T09:00:00.000Z';
  const ws = createWorkspace(dir, { name: 'Ærøskøbing Ferries <A/S>' }, plan, now);
  for (const [name, role] of [['Jane Doe', 'CISO'], ['John Roe', 'IT manager'], ['Kim Poe', 'SOC lead'], ['Ann Loe', 'DPO']]) {
    tokens[name] = addRespondent(ws, { name, role }, { withToken: true, now }).token!;
  }
  overviewToken = newOverviewToken(ws);
  server = await startServer({ dir, port: 0 });
});

afterAll(async () => {
  await server?.close();
});

describe('web form over HTTP', () => {
  it('serves the page and the API with security headers, offline assets only', async () => {
    const page = await fetch(`${server.url}/r/${tokens['Ann Loe']}`);
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("img-src 'self' data:");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await page.text();
    expect(html).toContain('Ærøskøbing Ferries &lt;A/S&gt;'); // escaped
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//); // nothing from elsewhere
    for (const asset of ['/assets/survey.core.min.js', '/assets/survey-js-ui.min.js', '/assets/survey-core.fontless.min.css', '/assets/form.js']) {
      expect(html).toContain(asset);
      const res = await fetch(server.url + asset);
      expect(res.status, asset).toBe(200);
      expect(res.headers.get('content-type')).toMatch(asset.endsWith('.css') ? /^text\/css/ : /^text\/javascript/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }

    const api = await fetch(`${server.url}/api/r/${tokens['Ann Loe']}`);
    expect(api.status).toBe(200);
    expect(api.headers.get('cache-control')).toBe('no-store');
    expect(api.headers.get('content-security-policy')).toBeTruthy();
    const info = await api.json();
    expect(info.questionnaire.questionnaireId).toBe(plan.id);
    expect(info).toMatchObject({ data: {}, status: 'invited', respondent: { name: 'Ann Loe', role: 'DPO' } });
  });

  it('answers 404 for a wrong or missing token, the same way for pages and the API, and writes nothing', async () => {
    const before = snapshot();
    const wrong = 'A'.repeat(32);
    const known = await (await fetch(`${server.url}/r/not-a-token-at-all-xyz`)).text();
    for (const path of [`/r/${wrong}`, '/r/', '/r', `/api/r/${wrong}`, '/api/r/', `/overview/${wrong}`, `/api/overview/${wrong}`, `/overview/${tokens['Jane Doe']}`, `/r/${overviewToken}`, '/', '/engagement.json']) {
      const res = await fetch(server.url + path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-security-policy'), path).toBeTruthy();
      const body = await res.text();
      if (path.startsWith('/api/')) expect(JSON.parse(body), path).toEqual({ error: 'not found' });
      else expect(body, path).toBe(known); // one page for every unknown link: no hint whether it exists
    }
    const res = await put(wrong, { data: { org_employees: 5 } });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'not found' });
    expect(snapshot()).toEqual(before);
  });

  it('refuses a body over the size limit with 413, bad JSON with 400, and writes nothing', async () => {
    const token = tokens['Ann Loe'];
    const before = snapshot();
    const huge = JSON.stringify({ data: { org_sector: 'x'.repeat(2 * 1024 * 1024) } });
    const big = await put(token, huge, true);
    expect(big.status).toBe(413);
    expect((await big.json()).error).toMatch(/larger than/);
    for (const body of ['{"data": {', 'not json', '', '[1,2]', '{"data": []}', '{"data": {}, "complete": "yes"}', '{"data": {}, "extra": 1}']) {
      const res = await put(token, body, true);
      expect(res.status, body).toBe(400);
      expect((await res.json()).error, body).toBeTruthy();
    }
    expect(snapshot()).toEqual(before);
  });

  it('refuses unknown questions and bad values with 422 and the problems, leaving the files unchanged', async () => {
    const token = tokens['Ann Loe'];
    expect((await put(token, { data: { org_employees: 40, fr_forensic_readiness_plan: '2' } })).status).toBe(200);
    const before = snapshot();
    const unknown = await put(token, { data: { org_employees: 40, org_employes: 41 } });
    expect(unknown.status).toBe(422);
    const problems = (await unknown.json()).problems;
    expect(problems).toEqual([{ place: 'data.org_employes', message: expect.stringContaining('unknown question "org_employes"; did you mean "org_employees"?') }]);
    expect(JSON.stringify(problems)).not.toContain(dir); // no server paths in answers to the browser

    const badValue = await put(token, { data: { org_employees: 40, fr_forensic_readiness_plan: '7', org_it_staff: 'many' } });
    expect(badValue.status).toBe(422);
    const places = (await badValue.json()).problems.map((p: { place: string }) => p.place);
    expect(places).toEqual(['data.fr_forensic_readiness_plan', 'data.org_it_staff']);
    expect(snapshot()).toEqual(before);
    expect(answersOf('ann-loe')).toEqual({ org_employees: 40, fr_forensic_readiness_plan: '2' });
  });

  it('answers 405 for other methods', async () => {
    for (const [method, path] of [
      ['POST', `/api/r/${tokens['Ann Loe']}`],
      ['DELETE', `/api/r/${tokens['Ann Loe']}`],
      ['PUT', `/r/${tokens['Ann Loe']}`],
      ['POST', `/overview/${overviewToken}`],
      ['PUT', `/api/overview/${overviewToken}`],
      ['POST', '/assets/form.js'],
      ['OPTIONS', `/api/r/${tokens['Ann Loe']}`],
    ]) {
      const res = await fetch(server.url + path, { method, ...(method === 'GET' ? {} : { body: method === 'OPTIONS' ? undefined : '{}' }) });
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.headers.get('allow'), `${method} ${path}`).toMatch(/GET/);
    }
  });

  it('never serves a file named by the request path', async () => {
    const before = snapshot();
    for (const path of [
      '/assets/../../package.json',
      '/assets/../package.json',
      '/assets/%2e%2e/%2e%2e/package.json',
      '/assets/..%2F..%2Fpackage.json',
      '/assets//etc/passwd',
      '/assets/survey.core.min.js/../../../package.json',
      '/r/..%2F..%2Fengagement.json',
      '/r/../engagement.json',
      '/api/r/..%2Fengagement.json',
      '/api/r/%2e%2e%2fengagement.json',
      '/overview/..%2Fengagement.json',
      '/respondents/ann-loe.json',
      '/engagement.json',
      '/package.json',
      '/assets/',
      '/assets/irready.css%00.js',
    ]) {
      const res = await rawGet(path);
      expect(res.status, path).toBe(404);
      expect(res.body, path).not.toMatch(/tokenHash|"name": "irready"|root:x:0|org_employees/);
    }
    expect(snapshot()).toEqual(before);
  });

  it('serialises saves so that respondents saving at once all keep their status', async () => {
    const a = tokens['Kim Poe'];
    const b = tokens['John Roe'];
    const saves = [];
    for (let i = 1; i <= 15; i++) {
      saves.push(put(a, { data: { org_employees: i } }), put(b, { data: { org_it_staff: i } }));
    }
    const results = await Promise.all(saves);
    expect(results.map((r) => r.status)).toEqual(results.map(() => 200));
    expect(statusOf('kim-poe')).toBe('in-progress');
    expect(statusOf('john-roe')).toBe('in-progress');
    // Requests on different connections may arrive in any order: the last one to arrive wins.
    expect(answersOf('kim-poe').org_employees).toBeGreaterThanOrEqual(1);
    expect(answersOf('john-roe').org_it_staff).toBeGreaterThanOrEqual(1);
    // reset for the browser tests
    expect((await put(a, { data: {} })).status).toBe(200);
    expect((await put(b, { data: {} })).status).toBe(200);
  });

  it('gives the consultant an overview of the respondents and their progress', async () => {
    const res = await fetch(`${server.url}/api/overview/${overviewToken}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const overview = await res.json();
    expect(overview.organization).toBe('Ærøskøbing Ferries <A/S>');
    const ann = overview.respondents.find((r: { name: string }) => r.name === 'Ann Loe');
    expect(ann).toMatchObject({ role: 'DPO', status: 'in-progress', answered: 1, source: 'web' });
    expect(ann.questions).toBeGreaterThan(50);
    expect(overview.respondents.map((r: { name: string }) => r.name)).toEqual(['Jane Doe', 'John Roe', 'Kim Poe', 'Ann Loe']);
    expect(JSON.stringify(overview)).not.toMatch(/tokenHash|"token"/);
    const page = await fetch(`${server.url}/overview/${overviewToken}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBeTruthy();
    const html = await page.text();
    expect(html).toContain('Ærøskøbing Ferries &lt;A/S&gt;');
    expect(html).toMatch(/Ann Loe[\s\S]*DPO[\s\S]*In progress[\s\S]*1 of \d+/);
  });
});

browserDescribe('web form in a real browser', { timeout: 90_000 }, () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const offsite: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    expect(offsite).toEqual([]); // fully offline: every request went to our server
    expect(pageErrors).toEqual([]);
  });

  async function newPage(): Promise<Page> {
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    page.on('request', (r) => {
      if (!r.url().startsWith(server.url) && !r.url().startsWith('data:')) offsite.push(r.url());
    });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      // The 404 test's page load is logged by the browser as an error: that one is expected.
      if (m.type() === 'error' && !/status of 404/.test(m.text())) pageErrors.push(m.text());
    });
    return page;
  }

  /** Resolves with the next save's response (the page saves about 300 ms after a change). */
  function nextSave(page: Page, token: string) {
    return page.waitForResponse((r) => r.url() === `${server.url}/api/r/${token}` && r.request().method() === 'PUT');
  }

  async function openForm(page: Page, token: string) {
    const res = await page.goto(`${server.url}/r/${token}`);
    expect(res?.status()).toBe(200);
    await page.locator('[data-name="org_employees"] input').waitFor();
  }

  const question = (page: Page, name: string) => page.locator(`[data-name="${name}"]`);

  it('saves answers as they are given, restores them on reload and in another browser, and completes', async () => {
    const token = tokens['Jane Doe'];
    const page = await newPage();
    await openForm(page, token);
    expect(await page.title()).toContain('Ærøskøbing Ferries <A/S>');

    let saved = nextSave(page, token);
    await question(page, 'org_employees').locator('input').fill('250');
    await question(page, 'org_employees').locator('input').press('Tab');
    expect((await saved).status()).toBe(200);
    await page.locator('#save-status[data-state="saved"]').waitFor();
    expect(await page.locator('#save-status').textContent()).toMatch(/saved/i);

    saved = nextSave(page, token);
    await question(page, 'org_current_coverage').getByText('Business hours only', { exact: true }).click();
    expect((await saved).status()).toBe(200);
    await page.locator('#save-status[data-state="saved"]').waitFor();
    expect(answersOf('jane-doe')).toEqual({ org_employees: 250, org_current_coverage: 'business-hours' });
    expect(statusOf('jane-doe')).toBe('in-progress');

    // A scored question on the next page.
    await page.getByRole('button', { name: 'Next' }).click();
    saved = nextSave(page, token);
    await question(page, 'fr_forensic_readiness_plan').getByText('Formal and approved by management', { exact: true }).click();
    expect((await saved).status()).toBe(200);
    await page.locator('#save-status[data-state="saved"]').waitFor();
    expect(answersOf('jane-doe')).toEqual({ org_employees: 250, org_current_coverage: 'business-hours', fr_forensic_readiness_plan: '3' });

    // Reload: the answers come back from the server.
    await page.reload();
    await page.locator('[data-name="org_employees"] input').waitFor();
    expect(await question(page, 'org_employees').locator('input').inputValue()).toBe('250');
    expect(await question(page, 'org_current_coverage').locator('input[value="business-hours"]').isChecked()).toBe(true);

    // Another browser (a fresh context: no shared storage) sees them too.
    const other = await newPage();
    await openForm(other, token);
    expect(await question(other, 'org_employees').locator('input').inputValue()).toBe('250');
    expect(await question(other, 'org_current_coverage').locator('input[value="business-hours"]').isChecked()).toBe(true);
    await other.getByRole('button', { name: 'Next' }).click();
    expect(await question(other, 'fr_forensic_readiness_plan').locator('input[value="3"]').isChecked()).toBe(true);

    // Complete: page through to the end.
    for (let i = 0; i < 20 && !(await page.getByRole('button', { name: 'Complete' }).isVisible()); i++) {
      await page.getByRole('button', { name: 'Next' }).click();
    }
    saved = page.waitForResponse((r) => r.request().method() === 'PUT' && (r.request().postData() ?? '').includes('"complete":true'));
    await page.getByRole('button', { name: 'Complete' }).click();
    expect((await saved).status()).toBe(200);
    await page.getByText('Your answers are complete and saved').waitFor();
    await page.getByText('Your answers are saved.').waitFor();
    expect(statusOf('jane-doe')).toBe('complete');
    expect(answersOf('jane-doe')).toMatchObject({ org_employees: 250, fr_forensic_readiness_plan: '3' });

    // Reopening the link after completion shows the answers and says so.
    await other.reload();
    await other.locator('[data-name="org_employees"] input').waitFor();
    expect(await other.locator('#complete-note').isVisible()).toBe(true);
  });

  it('saves two respondents answering at the same time', async () => {
    const [a, b] = [tokens['Kim Poe'], tokens['John Roe']];
    const [pa, pb] = await Promise.all([newPage(), newPage()]);
    await Promise.all([openForm(pa, a), openForm(pb, b)]);
    const answer = async (page: Page, token: string, people: string, coverage: string) => {
      const saved = nextSave(page, token);
      await question(page, 'org_employees').locator('input').fill(people);
      await question(page, 'org_current_coverage').getByText(coverage, { exact: true }).click();
      expect((await saved).status()).toBe(200);
      await page.locator('#save-status[data-state="saved"]').waitFor();
    };
    await Promise.all([answer(pa, a, '1200', 'Staffed 24 hours a day, 7 days a week'), answer(pb, b, '80', 'No defined coverage')]);
    await expect.poll(() => answersOf('kim-poe')).toEqual({ org_employees: 1200, org_current_coverage: '24x7' });
    await expect.poll(() => answersOf('john-roe')).toEqual({ org_employees: 80, org_current_coverage: 'none' });
    const statuses = Object.fromEntries(engagement().respondents.map((r: { id: string; status: string }) => [r.id, r.status]));
    expect(statuses).toMatchObject({ 'jane-doe': 'complete', 'kim-poe': 'in-progress', 'john-roe': 'in-progress' });
  });

  it('shows a plain 404 page for a wrong link and writes nothing', async () => {
    const before = snapshot();
    const page = await newPage();
    const res = await page.goto(`${server.url}/r/${'B'.repeat(32)}`);
    expect(res?.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toBe('Not found');
    expect(await page.locator('[data-name]').count()).toBe(0);
    expect(snapshot()).toEqual(before);
  });

  it('shows the consultant the progress of every respondent', async () => {
    const page = await newPage();
    const res = await page.goto(`${server.url}/overview/${overviewToken}`);
    expect(res?.status()).toBe(200);
    const row = (name: string) => page.locator(`tr[data-respondent="${name}"]`);
    expect(await row('Jane Doe').locator('td').nth(1).textContent()).toBe('Complete');
    expect(await row('Kim Poe').locator('td').nth(1).textContent()).toBe('In progress');
    expect(await row('Jane Doe').locator('td').nth(2).textContent()).toMatch(/^\s*1 of \d+$/);
    expect(await row('Kim Poe').locator('td').nth(2).textContent()).toMatch(/^\s*0 of \d+$/);
    expect(await page.locator('tbody tr').count()).toBe(4);
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
  });
});

describe('invite and serve commands', () => {
  const cli = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

  it('invite prints a working link whose token is not stored in clear', async () => {
    expect(existsSync(join(ROOT, 'dist', 'cli', 'main.js')), 'run npm run build first').toBe(true);
    const base = mkdtempSync(join(tmpdir(), 'irready-invite-'));
    const ws = join(base, 'acme');
    expect(cli(['init', ws, '--org', 'Acme']).status).toBe(0);
    const r = cli(['invite', ws, '--respondent', 'Pat Smith', '--role', 'CISO', '--base-url', 'http://127.0.0.1:9999/']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const token = /http:\/\/127\.0\.0\.1:9999\/r\/([A-Za-z0-9_-]+)\s*$/m.exec(r.stdout)?.[1];
    expect(token, r.stdout).toBeTruthy();
    const o = cli(['invite', ws, '--overview']);
    expect(o.status).toBe(0);
    const overview = /http:\/\/127\.0\.0\.1:8080\/overview\/([A-Za-z0-9_-]+)\s*$/m.exec(o.stdout)?.[1];
    expect(overview, o.stdout).toBeTruthy();
    const stored = readFileSync(join(ws, 'engagement.json'), 'utf8');
    expect(stored).not.toContain(token!);
    expect(stored).not.toContain(overview!);
    expect(JSON.parse(stored).respondents[0]).toMatchObject({ name: 'Pat Smith', role: 'CISO', status: 'invited', tokenHash: expect.stringMatching(/^[0-9a-f]{64}$/) });

    const bad = cli(['invite', ws, '--respondent', 'Pat Smith']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/role/);
    expect(cli(['invite', ws]).status).toBe(2);
    expect(cli(['invite', ws, '--overview', '--base-url', 'ftp://x']).status).toBe(2);

    const running = await startServer({ dir: ws, port: 0 });
    try {
      expect((await fetch(`${running.url}/api/r/${token}`)).status).toBe(200);
      expect((await fetch(`${running.url}/api/overview/${overview}`)).status).toBe(200);
      // A new link replaces the old one.
      const again = cli(['invite', ws, '--respondent', 'Pat Smith', '--role', 'CISO']);
      const newToken = /\/r\/([A-Za-z0-9_-]+)\s*$/m.exec(again.stdout)?.[1];
      expect((await fetch(`${running.url}/api/r/${token}`)).status).toBe(404);
      expect((await fetch(`${running.url}/api/r/${newToken}`)).status).toBe(200);
    } finally {
      await running.close();
    }
  });

  it('serve prints its address, serves, and stops cleanly on SIGTERM', async () => {
    const base = mkdtempSync(join(tmpdir(), 'irready-serve-'));
    const ws = join(base, 'acme');
    expect(cli(['init', ws, '--org', 'Acme']).status).toBe(0);
    const child = spawn(process.execPath, [BIN, 'serve', ws, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await expect.poll(() => /at (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1], { timeout: 15_000 }).toBeTruthy();
    const url = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(out)![1];
    expect((await fetch(`${url}/assets/form.js`)).status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out).toContain('Stopped.');
    expect(err).toBe('');

    expect(cli(['serve', ws, '--port', 'eighty']).status).toBe(2);
  });
});
