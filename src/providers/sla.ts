/** SLA fit: whether an offer gives firm notification times in every environment and firm response times in production, as the plan's SLA requirements expect. */
import { ENVIRONMENTS, SEVERITIES, type Offer } from './offer.js';
import { firm, list, type Context, type OfferScore, type SlaCell } from './context.js';

export function scoreSla(offer: Offer, ctx: Context): OfferScore['sla'] {
  const cells: SlaCell[] = [];
  for (const environment of ENVIRONMENTS) {
    for (const severity of SEVERITIES) {
      const term = offer.sla[environment]?.[severity];
      cells.push({ environment, severity, notify: term?.notify ?? null, respond: term?.respond ?? null });
    }
  }
  const issues: string[] = [];
  for (const environment of ENVIRONMENTS) {
    const here = cells.filter((c) => c.environment === environment);
    const none = here.filter((c) => c.notify === null).map((c) => c.severity);
    const bestEffort = here.filter((c) => c.notify === 'best-effort').map((c) => c.severity);
    if (none.length === SEVERITIES.length) issues.push(`${environment}: no SLA terms`);
    else if (none.length) issues.push(`${environment}: no terms for ${list(none)}`);
    if (bestEffort.length) issues.push(`${environment}: notification best effort for ${list(bestEffort)}`);
  }
  const production = cells.filter((c) => c.environment === 'production');
  const responseBestEffort = production.filter((c) => c.respond !== null && !firm(c.respond)).map((c) => c.severity);
  if (responseBestEffort.length) issues.push(`production: response best effort for ${list(responseBestEffort)}`);
  const critical = production.find((c) => c.severity === 'critical')!;
  if (ctx.requirementIds.has('REQ-RESPONSE-SLA') && !firm(critical.respond)) {
    issues.push('critical production incidents have no firm response time, which the plan requires (REQ-RESPONSE-SLA)');
  }
  const notifyFirm = cells.filter((c) => firm(c.notify)).length;
  const productionResponseFirm = production.filter((c) => firm(c.respond)).length;
  return { cells, notifyFirm, productionResponseFirm, issues, score: (notifyFirm / cells.length + productionResponseFirm / production.length) / 2 };
}
