import fc from 'fast-check';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { snapshotFiles } from './helpers.js';

// Every call of timingSafeEqual is counted, to show that tokens are compared with it and not with ===.
const timing = vi.hoisted(() => ({ calls: 0 }));
vi.mock('node:crypto', async (importOriginal) => {
  const crypto = await importOriginal<typeof import('node:crypto')>();
  const timingSafeEqual: typeof crypto.timingSafeEqual = (a, b) => {
    timing.calls++;
    return crypto.timingSafeEqual(a, b);
  };
  return { ...crypto, default: { ...crypto, timingSafeEqual }, timingSafeEqual };
});

const { createAssessor } = await import('../src/assessment.js');
const { CONTENT_SECURITY_POLICY, startServer } = await import('../src/collect/web/server.js');
const { renderReport } = await import('../src/report/render.js');
const { slugify, writeReports } = await import('../src/report/write.js');
const { InputError } = await import('../src/util/errors.js');
const { assessWorkspace } = await import('../src/workspace/assess.js');
const ws = await import('../src/workspace/workspace.js');
type RunningServer = Awaited<ReturnType<typeof startServer>>;

const SEED = 7331;
const ROOT = join(import.meta.dirname, '..');
const EXAMPLE = join(ROOT, 'examples', 'midsize-8x5-team.json');
const assessor = createAssessor();
const GENERATED_AT = '2026-01-01T00:00:00.000Z';
const SECRET = 'SECRET-MARKER-7731';

/** Strings that break out of HTML if written unescaped. */
const HOSTILE = {
  org: `<script>alert("org")</script> & 'Co' "Ltd"`,
  name: '<img src=x onerror=alert(1)>',
  role: '"><svg onload=alert(2)>',
  comment: '</td><script>alert(3)</script><a href="javascript:alert(4)">x</a>',
  description: '<iframe src="https://evil.example/"></iframe>',
};
const RAW = ['<script>alert', '<img src=x', '<svg onload', '<iframe', 'href="javascript:'];

function expectEscaped(html: string, label: string): void {
  for (const raw of RAW) expect(html, `${label}: ${raw}`).not.toContain(raw);
}

describe('tokens', () => {
  const token = ws.newToken();
  const hash = ws.hashToken(token);

  it('match only the exact token, compared with timingSafeEqual', () => {
    const before = timing.calls;
    expect(ws.tokenMatches(token, hash)).toBe(true);
    expect(timing.calls).toBe(before + 1);
    const flip = (i: number) => token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
    const nearMisses = [flip(0), flip(token.length >> 1), flip(token.length - 1), token.toUpperCase() === token ? token.toLowerCase() : token.toUpperCase(), `${token}A`, token.slice(0, -1), ` ${token}`, `${token}\n`, `${token}\0`];
    for (const guess of nearMisses) {
      const calls = timing.calls;
      expect(ws.tokenMatches(guess, hash), JSON.stringify(guess)).toBe(false);
      // A guess of any length is hashed first, so the comparison is always of two 32-byte digests.
      expect(timing.calls, JSON.stringify(guess)).toBe(calls + 1);
    }
  });

  it('reject wrong lengths, wrong types and damaged stored hashes without throwing', () => {
    for (const guess of ['', 'a', 'x'.repeat(201), 'x'.repeat(1_000_000), undefined, null, 42, {}, [token]]) {
      expect(() => ws.tokenMatches(guess as string, hash)).not.toThrow();
      expect(ws.tokenMatches(guess as string, hash), String(guess).slice(0, 20)).toBe(false);
    }
    for (const stored of [undefined, '', 'abc', 'zz'.repeat(32), hash.slice(0, -2), `${hash}00`, ` ${hash}`]) {
      expect(() => ws.tokenMatches(token, stored)).not.toThrow();
      expect(ws.tokenMatches(token, stored), String(stored)).toBe(false);
    }
  });

  it('never match a different string (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 200 }), fc.string({ minLength: 1, maxLength: 200 }), (a, b) => {
        fc.pre(a !== b);
        expect(ws.tokenMatches(b, ws.hashToken(a))).toBe(false);
        expect(ws.tokenMatches(a, ws.hashToken(a))).toBe(true);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});

describe('web form server', () => {
  let base: string;
  let dir: string;
  let server: RunningServer;
  let overviewToken: string;
  const tokens: Record<string, string> = {};

  const snapshot = () => snapshotFiles(dir);

  /** A request sent exactly as written (fetch would normalise the path). */
  function raw(path: string, options: { method?: string; headers?: Record<string, string | number>; body?: (req: ReturnType<typeof request>) => void } = {}): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
    const url = new URL(server.url);
    return new Promise((resolvePromise, reject) => {
      const req = request({ host: url.hostname, port: url.port, path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolvePromise({ status: res.statusCode ?? 0, headers: res.headers, body }));
        res.on('error', reject);
      });
      req.on('error', (err: NodeJS.ErrnoException) => (err.code === 'ECONNRESET' || err.code === 'EPIPE' ? undefined : reject(err)));
      if (options.body) options.body(req);
      else req.end();
    });
  }

  beforeAll(async () => {
    base = mkdtempSync(join(tmpdir(), 'irready-sec-'));
    dir = join(base, 'engagement');
    writeFileSync(join(base, 'secret.txt'), SECRET);
    const w = ws.createWorkspace(dir, { name: HOSTILE.org }, assessor.plan, GENERATED_AT);
    writeFileSync(join(dir, 'secret.txt'), SECRET);
    tokens.hostile = ws.addRespondent(w, { name: HOSTILE.name, role: HOSTILE.role }, { withToken: true, now: GENERATED_AT }).token!;
    tokens.plain = ws.addRespondent(w, { name: 'Jane Doe', role: 'CISO' }, { withToken: true, now: GENERATED_AT }).token!;
    overviewToken = ws.newOverviewToken(w);
    server = await startServer({ dir, port: 0 });
  });

  afterAll(async () => {
    await server?.close();
  });

  it('refuses bodies over the size limit with 413, declared, undeclared (chunked) or lying, and writes nothing', async () => {
    const before = snapshot();
    const path = `/api/r/${tokens.plain}`;
    const body = JSON.stringify({ data: { 'fr_legal_review-Comment': 'y'.repeat(1_100_000) } });
    const declared = await raw(path, { method: 'PUT', headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) }, body: (req) => req.end(body) });
    expect(declared.status).toBe(413);
    const chunked = await raw(path, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' },
      body: (req) => {
        for (let i = 0; i < 24; i++) req.write('x'.repeat(64 * 1024));
        req.end();
      },
    });
    expect(chunked.status).toBe(413);
    // Announces 1 GB and sends a little: refused at once, without waiting for the rest.
    const lying = await raw(path, { method: 'PUT', headers: { 'Content-Type': 'application/json', 'Content-Length': 1024 ** 3 }, body: (req) => req.write('{"data": {') });
    expect(lying.status).toBe(413);
    expect(lying.headers.connection).toBe('close');
    expect(JSON.parse(declared.body).error).toMatch(/larger than/);
    expect(snapshot()).toEqual(before);
    // The server still answers afterwards.
    expect((await raw(`/r/${tokens.plain}`)).status).toBe(200);
  });

  it('never returns a file for traversal paths: encoded, double-encoded, backslashes, absolute form', async () => {
    const t = tokens.plain;
    const paths = [
      '/assets/%2e%2e/%2e%2e/package.json',
      '/assets/%2E%2E%2F%2E%2E%2Fpackage.json',
      '/assets/%252e%252e/%252e%252e/package.json',
      '/assets/..%252f..%252fpackage.json',
      '/assets/%c0%ae%c0%ae/%c0%ae%c0%ae/package.json',
      '/assets\\..\\..\\package.json',
      '/assets/..\\..\\package.json',
      '/assets/%5c..%5c..%5cpackage.json',
      '/..\\secret.txt',
      '/%2e%2e/secret.txt',
      '/secret.txt',
      '/../secret.txt',
      '/assets/form.js/../../secret.txt',
      '/assets/form.js%00/../../package.json',
      `/r/${t}/../../engagement.json`,
      `/r/${t}%2f..%2f..%2fengagement.json`,
      `/api/r/${t}/..%2f..%2fengagement.json`,
      `/api/r/${t}\\..\\engagement.json`,
      `/overview/${overviewToken}/../engagement.json`,
      `/api/overview/${overviewToken}%2f..%2fsecret.txt`,
      '/respondents/jane-doe.json',
      `http://localhost/../../engagement.json`,
      `http://localhost/assets/../../package.json`,
      '//etc/passwd',
      '/assets/..;/..;/package.json',
    ];
    for (const path of paths) {
      const res = await raw(path);
      expect([400, 404], path).toContain(res.status);
      expect(res.body, path).not.toContain(SECRET);
      expect(res.body, path).not.toMatch(/tokenHash|irready-engagement|"devDependencies"|root:x:0:0/);
    }
  });

  it('escapes hostile names in the form page and the overview page', async () => {
    const form = await raw(`/r/${tokens.hostile}`);
    expect(form.status).toBe(200);
    expectEscaped(form.body, 'form page');
    expect(form.body).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(form.body).toContain('&quot;&gt;&lt;svg onload=alert(2)&gt;');
    const overview = await raw(`/overview/${overviewToken}`);
    expect(overview.status).toBe(200);
    expectEscaped(overview.body, 'overview page');
    expect(overview.body).toContain('&lt;script&gt;alert(&quot;org&quot;)&lt;/script&gt; &amp; &#39;Co&#39;');
    expect(overview.body).toContain('&lt;img src=x onerror=alert(1)&gt;');
    // The API gives the names as data (JSON), for the page's script to insert as text.
    const api = JSON.parse((await raw(`/api/r/${tokens.hostile}`)).body);
    expect(api.respondent.name).toBe(HOSTILE.name);
  });

  it('sends a Content-Security-Policy on every page, API answer, asset and error', async () => {
    const responses = await Promise.all([`/r/${tokens.plain}`, `/overview/${overviewToken}`, `/api/r/${tokens.plain}`, '/assets/form.js', '/nope', `/r/${'A'.repeat(32)}`].map((p) => raw(p)));
    responses.push(await raw(`/r/${tokens.plain}`, { method: 'DELETE' }));
    for (const res of responses) {
      const csp = String(res.headers['content-security-policy'] ?? '');
      expect(csp).toBe(CONTENT_SECURITY_POLICY);
      expect(csp).toMatch(/default-src 'self'/);
      expect(csp).toMatch(/object-src 'none'/);
      expect(csp).toMatch(/frame-ancestors 'none'/);
      expect(csp).not.toMatch(/script-src[^;]*(unsafe-inline|unsafe-eval|\*)/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('escapes hostile comments saved through the form in the HTML report of the engagement', async () => {
    const data = { org_employees: 40, fr_forensic_readiness_plan: '2', 'fr_forensic_readiness_plan-Comment': HOSTILE.comment, lc_time_sync: true, 'lc_time_sync-Comment': HOSTILE.name };
    const put = await fetch(`${server.url}/api/r/${tokens.hostile}`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ data }) });
    expect(put.status).toBe(200);
    const result = assessWorkspace(ws.openWorkspace(dir), assessor, { generatedAt: GENERATED_AT });
    const html = (await renderReport(result, 'html')) as string;
    expectEscaped(html, 'HTML report');
    expect(html).toContain('&lt;/td&gt;&lt;script&gt;alert(3)&lt;/script&gt;');
  });
});

describe('reports', () => {
  const hostileAnswers = () => {
    const answers = JSON.parse(readFileSync(EXAMPLE, 'utf8'));
    answers.organization.name = HOSTILE.org;
    answers.respondent = { name: HOSTILE.name, role: HOSTILE.role };
    answers.description = HOSTILE.description;
    for (const key of ['fr_forensic_readiness_plan-Comment', 'lc_central_collection-Comment', 'rc_roles_documented-Comment']) answers.data[key] = HOSTILE.comment;
    answers.data['fr_evidence_types-Comment'] = '{{organization.name}} {{{charts.bars}}}';
    return answers;
  };

  it('escapes hostile names, descriptions and comments in the HTML report', async () => {
    const result = assessor.assess(hostileAnswers(), { generatedAt: GENERATED_AT });
    const html = (await renderReport(result, 'html')) as string;
    expectEscaped(html, 'HTML report');
    expect(html).toContain('&lt;script&gt;alert(&quot;org&quot;)&lt;/script&gt;');
    expect(html).toMatch(/&lt;iframe src(=|&#x3D;)&quot;https:\/\/evil.example\/&quot;&gt;/);
    expect(html).toMatch(/&lt;img src(=|&#x3D;)x onerror(=|&#x3D;)alert\(1\)&gt;/);
    // Template syntax in an answer is text, not a template.
    expect(html).toContain('{{organization.name}} {{{charts.bars}}}');
  });

  it('writes reports only inside --out-dir, whatever the organisation is called', async () => {
    const base = mkdtempSync(join(tmpdir(), 'irready-out-'));
    const out = join(base, 'a', 'b', 'out');
    const answers = JSON.parse(readFileSync(EXAMPLE, 'utf8'));
    for (const name of ['../../escape', '..', '/etc/passwd', '..\\..\\windows', 'C:\\evil', 'a/../../b', '\u0000', '．．／．．／x', '%2e%2e%2fx']) {
      answers.organization.name = name;
      const result = assessor.assess(answers, { generatedAt: GENERATED_AT });
      const written = await writeReports(result, ['json', 'md', 'csv'], out);
      for (const file of written) expect(dirname(resolve(file)), `${name} -> ${file}`).toBe(resolve(out));
    }
    expect(readdirSync(base)).toEqual(['a']);
    expect(readdirSync(join(base, 'a'))).toEqual(['b']);
    expect(readdirSync(join(base, 'a', 'b'))).toEqual(['out']);
  });

  it('makes file names without path separators or dots from any organisation name (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom('..', '../', '..\\', '/', '\\', '.', '～／', '\u2024\u2024/')), (name) => {
        const slug = slugify(name);
        expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
        expect(slug.length).toBeLessThanOrEqual(60);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
});

describe('templates', () => {
  let base: string;
  let result: Awaited<ReturnType<typeof assessor.assess>>;

  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'irready-tpl-'));
    writeFileSync(join(base, 'secret.hbs'), SECRET);
    writeFileSync(join(base, 'package.hbs'), SECRET);
    result = assessor.assess(JSON.parse(readFileSync(EXAMPLE, 'utf8')), { generatedAt: GENERATED_AT });
  });

  /** A templates folder whose markdown decision partial has this text. */
  function folder(name: string, partial: string, file = 'decision.hbs'): string {
    const dir = join(base, name);
    mkdirSync(join(dir, 'markdown', 'partials'), { recursive: true });
    writeFileSync(join(dir, 'markdown', 'partials', file), partial);
    return dir;
  }

  async function renderError(templatesDir: string): Promise<string> {
    try {
      const md = (await renderReport(result, 'md', { templatesDir })) as string;
      expect(md).not.toContain(SECRET);
      return md;
    } catch (err) {
      expect(err).toBeInstanceOf(InputError);
      expect((err as Error).message).not.toContain(SECRET);
      return (err as Error).message;
    }
  }

  it('cannot include partials from outside their folder by name', async () => {
    for (const [i, text] of ['{{> ../../package}}', '{{> ../secret}}', '{{> [../../secret]}}', `{{> "${join(base, 'secret')}"}}`, '{{> ..\\..\\secret}}', '{{> (concat "../" "secret")}}', '{{> "../../../../../../etc/passwd"}}'].entries()) {
      const message = await renderError(folder(`by-name-${i}`, text));
      expect(message, text).toMatch(/could not be found|template failed|template error|not defined/);
      expect(message).not.toMatch(/root:x:0:0/);
    }
  });

  it('cannot read outside files through partial files named with separators or through links', async () => {
    const dots = folder('dots', 'fine\n', '..%2f..%2fsecret.hbs');
    expect(await renderError(dots)).toContain('# ');
    const linked = folder('linked', 'ignored\n');
    symlinkSync(join(base, 'secret.hbs'), join(linked, 'markdown', 'partials', 'findings.hbs'));
    expect(await renderError(linked)).toMatch(/is a link to a file outside the templates folder/);
    const linkedMain = folder('linked-main', 'ignored\n');
    symlinkSync(join(base, 'secret.hbs'), join(linkedMain, 'markdown', 'report.hbs'));
    expect(await renderError(linkedMain)).toMatch(/is a link to a file outside the templates folder/);
    // A link to the folder itself is fine: the files are still inside it.
    const real = folder('real', 'custom decision {{md title}}\n');
    symlinkSync(real, join(base, 'real-link'));
    expect(await renderError(join(base, 'real-link'))).toContain('custom decision');
  });
});
