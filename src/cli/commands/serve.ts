import { DEFAULT_HOST, DEFAULT_PORT, startServer } from '../../collect/web/server.js';
import { InputError } from '../../util/errors.js';
import { openWorkspace } from '../../workspace/workspace.js';

export async function serve(dir: string, opts: { port?: string; host?: string; questionnaire?: string; rules?: string }): Promise<void> {
  const port = parsePort(opts.port);
  const host = opts.host?.trim() || DEFAULT_HOST;
  const ws = openWorkspace(dir);
  const server = await startServer({ dir, port, host, questionnaire: opts.questionnaire, rules: opts.rules });
  console.log(`Serving the web form for ${ws.engagement.organization.name} at ${server.url}  (Ctrl+C to stop)`);
  console.log(`Respondent links: irready invite ${dir} --respondent "Name" --role ROLE --base-url ${server.url}`);
  console.log(`Overview link:    irready invite ${dir} --overview --base-url ${server.url}`);
  if (!isLoopback(host)) {
    console.log(`Note: listening on ${host}, reachable from other machines. The links are protected only by their tokens, and this server speaks plain HTTP: put it behind an HTTPS proxy.`);
  }
  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      console.log(`Stopping (${signal})...`);
      server.close().then(resolve, (err: unknown) => {
        console.error(`error: while stopping: ${(err as Error)?.message ?? err}`);
        resolve();
      });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  console.log('Stopped.');
}

function parsePort(port: string | undefined): number {
  if (port === undefined) return DEFAULT_PORT;
  const n = Number(port);
  if (!/^\d+$/.test(port.trim()) || !Number.isInteger(n) || n > 65535) {
    throw new InputError({ file: '--port', message: `"${port}" is not a port number (0-65535; 0 picks a free one)` });
  }
  return n;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}
