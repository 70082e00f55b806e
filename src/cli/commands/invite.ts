import { InputError } from '../../util/errors.js';
import { stampTime } from '../../util/version.js';
import { addRespondent, newOverviewToken, openWorkspace } from '../../workspace/workspace.js';

/**
 * Makes a private link: a respondent's web form, or (with --overview) the consultant's overview.
 * The token is printed once; engagement.json keeps only its sha256 hash. A new link replaces the old one.
 */
export async function invite(dir: string, opts: { respondent?: string; role?: string; overview?: boolean; baseUrl: string }): Promise<void> {
  const base = parseBaseUrl(opts.baseUrl);
  if (opts.overview && (opts.respondent !== undefined || opts.role !== undefined)) {
    throw new InputError({ file: '--overview', message: 'makes the consultant\'s link; use it without --respondent and --role' });
  }
  if (!opts.overview && opts.respondent === undefined) {
    throw new InputError({ file: dir, message: 'name the respondent with --respondent "Name" --role ROLE, or use --overview for the consultant\'s link' });
  }
  const ws = openWorkspace(dir);
  if (opts.overview) {
    const token = newOverviewToken(ws);
    console.log(`Overview link for ${ws.engagement.organization.name} (shown once; an earlier overview link stops working):`);
    console.log(`  ${base}/overview/${token}`);
    return;
  }
  const existing = ws.engagement.respondents.length;
  const { entry, token } = addRespondent(ws, { name: opts.respondent ?? '', role: opts.role ?? '' }, { withToken: true, now: stampTime() });
  const again = ws.engagement.respondents.length === existing;
  console.log(`${again ? 'New link for' : 'Invited'} ${entry.name} (${entry.role}). Private link, shown once; share it only with them${again ? ' (their earlier link stops working; their answers are kept)' : ''}:`);
  console.log(`  ${base}/r/${token}`);
}

function parseBaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InputError({ file: '--base-url', message: `"${value}" is not a URL (such as http://127.0.0.1:8080)` });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InputError({ file: '--base-url', message: `"${value}" must start with http:// or https://` });
  if (url.search || url.hash || url.username || url.password) throw new InputError({ file: '--base-url', message: `"${value}" must be a plain address, without a query, fragment or user name` });
  return url.href.replace(/\/+$/, '');
}
