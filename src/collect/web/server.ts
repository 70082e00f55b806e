import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAssessor } from '../../assessment.js';
import type { ScoringPlan } from '../../questionnaire/plan.js';
import { scoreAnswers } from '../../scoring/score.js';
import { InputError, RunError } from '../../util/errors.js';
import { readJson } from '../../util/files.js';
import { openWorkspace, readAnswers, saveAnswers, tokenMatches, type RespondentEntry, type Workspace } from '../../workspace/workspace.js';
import { loadAssets, type Asset } from './assets.js';
import { errorPage, formPage, notFoundPage, overviewPage, type OverviewRow } from './pages.js';

/**
 * The web form: respondents open their private link (/r/<token>), SurveyJS renders the questionnaire
 * and every change is saved to the respondent's answers file through the workspace API, which checks
 * the values exactly as an answers file is checked. The consultant's overview is at /overview/<token>.
 *
 * Nothing in a request's path reaches the file system: tokens are matched against the hashes in
 * engagement.json, and static files come from a fixed map read at start.
 */

export interface ServerOptions {
  /** The engagement workspace. */
  dir: string;
  /** 0 picks a free port. Default 8080. */
  port?: number;
  /** Default 127.0.0.1 (this machine only). */
  host?: string;
  questionnaire?: string;
  rules?: string;
  /** Largest request body accepted, in bytes. Default 1 MB. */
  bodyLimit?: number;
}

export interface RunningServer {
  url: string;
  /** Stops accepting requests, waits for running saves, closes every connection. */
  close(): Promise<void>;
}

export const DEFAULT_PORT = 8080;
export const DEFAULT_HOST = '127.0.0.1';
const DEFAULT_BODY_LIMIT = 1024 * 1024;
/** After a body is known to be too large, how much more is read (and dropped) before the connection is cut. */
const DISCARD_LIMIT = 16 * 1024 * 1024;
/** Tokens made by newToken() are 32 base64url characters; anything outside this shape cannot match. */
const TOKEN = '[A-Za-z0-9_-]{16,200}';
const ROUTES: { pattern: RegExp; kind: 'form' | 'form-api' | 'overview' | 'overview-api'; methods: string[] }[] = [
  { pattern: new RegExp(`^/r/(${TOKEN})$`), kind: 'form', methods: ['GET', 'HEAD'] },
  { pattern: new RegExp(`^/api/r/(${TOKEN})$`), kind: 'form-api', methods: ['GET', 'HEAD', 'PUT'] },
  { pattern: new RegExp(`^/overview/(${TOKEN})$`), kind: 'overview', methods: ['GET', 'HEAD'] },
  { pattern: new RegExp(`^/api/overview/(${TOKEN})$`), kind: 'overview-api', methods: ['GET', 'HEAD'] },
];

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // SurveyJS sets style attributes on its elements.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Runs tasks one after another: every save that writes engagement.json goes through it. */
class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(task: () => T | Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => undefined);
    return result;
  }
  idle(): Promise<unknown> {
    return this.tail;
  }
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const dir = options.dir;
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const host = options.host ?? DEFAULT_HOST;
  const port = options.port ?? DEFAULT_PORT;
  const { plan } = createAssessor({ questionnaire: options.questionnaire, rules: options.rules });
  const first = openWorkspace(dir);
  checkQuestionnaire(first, plan);
  const questionnaire = readJson(plan.source) as Record<string, unknown>;
  const questionnaireTitle = typeof questionnaire.title === 'string' ? questionnaire.title : plan.title || plan.id;
  const assets = loadAssets();
  const queue = new SerialQueue();

  /** The workspace as it is on disk now, so that respondents invited while the server runs can answer. */
  const current = (): Workspace => openWorkspace(dir);

  function respondentFor(ws: Workspace, token: string): RespondentEntry | undefined {
    let found: RespondentEntry | undefined;
    // Every entry is compared, so the time taken does not tell where (or whether) a token matched.
    for (const entry of ws.engagement.respondents) if (tokenMatches(token, entry.tokenHash) && !found) found = entry;
    return found;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const path = (req.url ?? '/').split('?')[0];
    const asset = assets.get(path);
    if (asset) {
      if (method !== 'GET' && method !== 'HEAD') throw new HttpError(405, 'method not allowed', { allow: 'GET, HEAD' });
      return sendAsset(res, asset);
    }
    const api = path.startsWith('/api/');
    const route = ROUTES.find((r) => r.pattern.test(path));
    if (!route) throw new HttpError(404, 'not found');
    if (!route.methods.includes(method)) throw new HttpError(405, 'method not allowed', { allow: route.methods.join(', ') });
    const token = route.pattern.exec(path)![1];
    const notFound = new HttpError(404, 'not found');

    if (route.kind === 'overview' || route.kind === 'overview-api') {
      const ws = current();
      if (!tokenMatches(token, ws.engagement.overviewTokenHash)) throw notFound;
      const rows = overviewRows(ws, plan);
      if (api) return sendJson(res, 200, { organization: ws.engagement.organization.name, questionnaire: ws.engagement.questionnaire, respondents: rows });
      return sendHtml(res, 200, overviewPage({ organization: ws.engagement.organization.name, questionnaire: questionnaireTitle, rows }));
    }

    if (method !== 'PUT') {
      const ws = current();
      const entry = respondentFor(ws, token);
      if (!entry) throw notFound;
      if (route.kind === 'form') {
        return sendHtml(res, 200, formPage({ organization: ws.engagement.organization.name, questionnaire: questionnaireTitle, name: entry.name, role: entry.role }));
      }
      return sendJson(res, 200, {
        questionnaire,
        data: readAnswers(ws, entry).data ?? {},
        status: entry.status,
        updatedAt: entry.updatedAt ?? null,
        respondent: { name: entry.name, role: entry.role },
        organization: ws.engagement.organization.name,
      });
    }

    // PUT /api/r/<token>: the token first (a stranger learns nothing from the body's fate), then the body.
    if (!respondentFor(current(), token)) {
      req.resume();
      throw notFound;
    }
    const body = parseSave(await readBody(req, bodyLimit));
    const saved = await queue.run(() => {
      const ws = current();
      const entry = respondentFor(ws, token);
      if (!entry) throw notFound; // the link was replaced while the body arrived
      try {
        // Once complete, later changes keep the respondent complete.
        saveAnswers(ws, plan, entry, body.data, { now: new Date().toISOString(), complete: body.complete === true || entry.status === 'complete', source: 'web' });
      } catch (err) {
        if (err instanceof InputError) {
          throw new HttpError(422, 'the answers were not saved: some values are not allowed', {
            problems: err.problems.map((p) => ({ ...(p.place ? { place: p.place } : {}), message: p.message })),
          });
        }
        throw err;
      }
      return { status: entry.status, updatedAt: entry.updatedAt };
    });
    return sendJson(res, 200, { saved: true, ...saved });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      const path = (req.url ?? '/').split('?')[0];
      const api = path.startsWith('/api/');
      let status = 500;
      let message = 'the server could not do that';
      let extra: Record<string, unknown> = {};
      if (err instanceof HttpError) ({ status, message, extra } = err);
      else console.error(`error: ${req.method} ${redact(path)}: ${err instanceof InputError || err instanceof RunError ? err.message : String((err as Error)?.stack ?? err)}`);
      if (res.headersSent) return void res.destroy();
      if (typeof extra.allow === 'string') res.setHeader('Allow', extra.allow);
      if (status === 413) res.setHeader('Connection', 'close');
      if (api) {
        const { allow: _allow, ...rest } = extra;
        sendJson(res, status, { error: message, ...rest });
      } else sendHtml(res, status, status === 404 ? notFoundPage() : errorPage(status, message));
    });
  });
  server.headersTimeout = 20_000;
  server.requestTimeout = 60_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      const why = err.code === 'EADDRINUSE' ? `port ${port} is in use; choose another with --port` : err.code === 'EADDRNOTAVAIL' ? `${host} is not an address of this machine` : err.message;
      reject(new RunError(`cannot listen on ${host}:${port}: ${why}`));
    });
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' || address.address.includes(':') ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${shownHost}:${address.port}`,
    close: () =>
      (closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        await queue.idle();
        server.closeAllConnections();
        await stopped;
      })()),
  };
}

function checkQuestionnaire(ws: Workspace, plan: ScoringPlan): void {
  const q = ws.engagement.questionnaire;
  if (q.id !== plan.id || q.version.split('.')[0] !== plan.version.split('.')[0]) {
    throw new InputError({
      file: ws.dir,
      message: `the engagement uses questionnaire ${q.id} ${q.version}, but ${plan.source} is ${plan.id} ${plan.version}; name the engagement's questionnaire with --questionnaire`,
    });
  }
}

/** Progress per respondent: answered of the scored questions that their own answers make visible. */
function overviewRows(ws: Workspace, plan: ScoringPlan): OverviewRow[] {
  return ws.engagement.respondents.map((entry) => {
    let answered: number | null = null;
    let questions: number | null = null;
    try {
      const overall = scoreAnswers(plan, readAnswers(ws, entry).data ?? {}).overall;
      answered = overall.answered;
      questions = overall.questions;
    } catch {
      // an unreadable answers file shows as such; `irready validate` names the problem
    }
    return { name: entry.name, role: entry.role, status: entry.status, ...(entry.source ? { source: entry.source } : {}), answered, questions, ...(entry.updatedAt ? { updatedAt: entry.updatedAt } : {}) };
  });
}

/** Reads a request body up to `limit` bytes; a larger body is read to its end (up to a point) and refused with 413. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit + DISCARD_LIMIT) {
      reject(new HttpError(413, `the request body is larger than ${limit} bytes`));
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = Number.isFinite(declared) && declared > limit;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      if (tooLarge) {
        chunks.length = 0;
        if (size > limit + DISCARD_LIMIT) {
          reject(new HttpError(413, `the request body is larger than ${limit} bytes`));
          req.destroy();
        }
      } else chunks.push(chunk);
    });
    req.on('end', () => (tooLarge ? reject(new HttpError(413, `the request body is larger than ${limit} bytes`)) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

function parseSave(body: Buffer): { data: Record<string, unknown>; complete?: boolean } {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch {
    throw new HttpError(400, 'the request body is not valid JSON');
  }
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(json) || !isObject(json.data)) throw new HttpError(400, 'expected a JSON object {"data": {...}, "complete": true|false}');
  const extra = Object.keys(json).filter((k) => k !== 'data' && k !== 'complete');
  if (extra.length) throw new HttpError(400, `unknown field "${extra[0]}" (expected data and complete)`);
  if (json.complete !== undefined && typeof json.complete !== 'boolean') throw new HttpError(400, '"complete" must be true or false');
  return { data: json.data, ...(json.complete !== undefined ? { complete: json.complete } : {}) };
}

function securityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  securityHeaders(res);
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(html);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  securityHeaders(res);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(value));
}

function sendAsset(res: ServerResponse, asset: Asset): void {
  securityHeaders(res);
  res.writeHead(200, { 'Content-Type': asset.type, 'Cache-Control': 'no-cache', 'Content-Length': asset.body.length });
  res.end(asset.body);
}

/** A path for a log line, without the token in it. */
function redact(path: string): string {
  return path.replace(new RegExp(TOKEN + '$'), '<token>');
}
