import { stringify } from 'csv-stringify/sync';
import { DOMAINS, STAGE_TITLES } from '../model/taxonomy.js';
import type { AssessmentResult } from '../result/result.js';

/**
 * The action plan as CSV, one row per action: UTF-8 with a byte order mark and CRLF line ends so that
 * spreadsheets open names such as "Łódź" correctly; every field quoted.
 */
export function renderActionsCsv(result: AssessmentResult): string {
  return sheet(
    ['#', 'id', 'priority', 'horizon_days', 'action', 'domain', 'stages', 'owner', 'questions', 'references', 'why', 'organisation'],
    actionRows(result),
  );
}

/** Contract and SLA requirements, one row each, to paste into an RFP or a contract. */
export function renderRequirementsCsv(result: AssessmentResult): string {
  return sheet(
    ['#', 'id', 'topic', 'requirement', 'gap', 'questions', 'references', 'organisation'],
    result.plan.requirements.map((r, i) => [i + 1, r.id, r.topic, r.requirement, r.because.join('; '), r.questions.join('; '), r.references.join('; '), result.organization.name]),
  );
}

function actionRows(result: AssessmentResult): (string | number)[][] {
  const title = (id: string) => DOMAINS.find((d) => d.id === id)?.title ?? id;
  const rows = result.actions.map((a, i) => [
    i + 1,
    a.id,
    a.priority,
    a.horizon,
    a.title,
    title(a.domain),
    a.stages.map((s) => STAGE_TITLES[s]).join('; '),
    a.owner,
    a.questions.join('; '),
    a.references.join('; '),
    a.why,
    result.organization.name,
  ]);
  return rows;
}

function sheet(columns: string[], rows: (string | number)[][]): string {
  return stringify(rows, {
    bom: true,
    record_delimiter: 'windows',
    quoted: true,
    header: true,
    columns,
    // A cell that starts with = + - @ would run as a formula in a spreadsheet: quote it as text.
    cast: { string: (v) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v) },
  });
}
