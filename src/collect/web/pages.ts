/** The HTML the web form server sends. Every value that comes from a file is escaped. */

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function page(title: string, body: string, head = ''): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="data:,">
${head}<link rel="stylesheet" href="/assets/irready.css">
</head>
<body>
${body}
</body>
</html>
`;
}

/** The respondent's form: SurveyJS renders into #survey; /assets/form.js does the rest. */
export function formPage(info: { organization: string; questionnaire: string; name: string; role: string }): string {
  const head = `<link rel="stylesheet" href="/assets/survey-core.fontless.min.css">
<script src="/assets/survey.core.min.js" defer></script>
<script src="/assets/survey-js-ui.min.js" defer></script>
<script src="/assets/form.js" defer></script>
`;
  const body = `<header class="ir-bar">
  <p class="ir-who">${escapeHtml(info.questionnaire)} for <strong>${escapeHtml(info.organization)}</strong>, answered by <strong>${escapeHtml(info.name)}</strong> (${escapeHtml(info.role)})</p>
  <p id="save-status" class="ir-status" role="status" aria-live="polite" data-state="idle">Your answers are saved as you go.</p>
  <button type="button" id="save-retry" class="ir-retry" hidden>Try saving again</button>
</header>
<p id="complete-note" class="ir-note" hidden>You have completed this questionnaire. You can still change your answers; changes are saved as you make them.</p>
<main id="survey" class="ir-survey">
  <p id="loading" class="ir-note">Loading the questionnaire&hellip;</p>
  <noscript><p class="ir-note">This form needs JavaScript.</p></noscript>
</main>`;
  return page(`${info.questionnaire}: ${info.organization}`, body, head);
}

export interface OverviewRow {
  name: string;
  role: string;
  status: string;
  source?: string;
  answered: number | null;
  questions: number | null;
  updatedAt?: string;
}

const STATUS_TEXT: Record<string, string> = { invited: 'Invited', 'in-progress': 'In progress', complete: 'Complete' };

/** The consultant's overview: one row per respondent. Refreshes itself every 30 seconds. */
export function overviewPage(info: { organization: string; questionnaire: string; rows: OverviewRow[] }): string {
  const complete = info.rows.filter((r) => r.status === 'complete').length;
  const rows = info.rows
    .map((r) => {
      const progress =
        r.answered === null || r.questions === null
          ? '<td class="num">unreadable</td>'
          : `<td class="num"><progress max="${r.questions}" value="${r.answered}" aria-hidden="true"></progress> ${r.answered} of ${r.questions}</td>`;
      return `<tr data-respondent="${escapeHtml(r.name)}">
  <th scope="row">${escapeHtml(r.name)}</th>
  <td>${escapeHtml(r.role)}</td>
  <td class="status-${escapeHtml(r.status)}">${escapeHtml(STATUS_TEXT[r.status] ?? r.status)}${r.source && r.source !== 'web' ? ` (${escapeHtml(r.source)})` : ''}</td>
  ${progress}
  <td>${r.updatedAt ? `<time datetime="${escapeHtml(r.updatedAt)}">${escapeHtml(formatTime(r.updatedAt))}</time>` : '&ndash;'}</td>
</tr>`;
    })
    .join('\n');
  const body = `<main class="ir-overview">
<h1>${escapeHtml(info.organization)}</h1>
<p>${escapeHtml(info.questionnaire)}: ${info.rows.length} respondent${info.rows.length === 1 ? '' : 's'}, ${complete} complete. This page refreshes every 30 seconds.</p>
${
  info.rows.length
    ? `<table>
<caption>Respondents and their progress (answered of the scored questions their answers make visible)</caption>
<thead><tr><th scope="col">Respondent</th><th scope="col">Role</th><th scope="col">Status</th><th scope="col">Answered</th><th scope="col">Last update (UTC)</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`
    : '<p>No respondents yet. Invite one with <code>irready invite &lt;dir&gt; --respondent "Name" --role ROLE</code>.</p>'
}
</main>`;
  return page(`Overview: ${info.organization}`, body, '<meta http-equiv="refresh" content="30">\n');
}

export function notFoundPage(): string {
  return page('Not found', `<main class="ir-message">
<h1>Not found</h1>
<p>This link does not open anything. If it came from your consultant, ask them for a new one.</p>
</main>`);
}

export function errorPage(status: number, text: string): string {
  return page(text, `<main class="ir-message">
<h1>${escapeHtml(text)}</h1>
<p>Status ${status}.</p>
</main>`);
}

function formatTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toISOString().slice(0, 16).replace('T', ' ');
}
