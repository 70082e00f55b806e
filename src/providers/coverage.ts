/** Service coverage: which of the services the plan outsources or shares an offer delivers, and whether around the clock when the organisation needs 24x7. */
import type { AssessmentResult } from '../result/result.js';
import type { Offer } from './offer.js';
import type { Context, OfferScore, ServiceCoverage } from './context.js';

/** Catalogue services that must run around the clock when the organisation needs 24x7 response. */
export const ROUND_THE_CLOCK = ['event-monitoring', 'event-analysis', 'incident-analysis', 'mitigation-recovery', 'emergency-response'] as const;
/** Services where a responder on site can matter; an offer that is remote-only for them gets a note. */
export const ON_SITE_SERVICES = ['emergency-response', 'forensic-analysis', 'mitigation-recovery'] as const;

export function scoreCoverage(offer: Offer, result: AssessmentResult, ctx: Context): OfferScore['coverage'] {
  const needed = result.plan.services.filter((s) => s.stance !== 'in-house');
  const services: ServiceCoverage[] = needed.map((s) => {
    const offeredAs = offer.services.filter((o) => o.maps.includes(s.id)).map((o) => ({ name: o.name, hours: o.hours, delivery: [...o.delivery] }));
    const notes: string[] = [];
    let status: ServiceCoverage['status'] = offeredAs.length ? 'covered' : 'missing';
    if (offeredAs.length && ctx.need24x7 && (ROUND_THE_CLOCK as readonly string[]).includes(s.id) && !offeredAs.some((o) => o.hours === '24x7')) {
      status = 'partial';
      notes.push('business hours only; the organisation needs 24x7');
    }
    if (offeredAs.length && (ON_SITE_SERVICES as readonly string[]).includes(s.id) && !offeredAs.some((o) => o.delivery.includes('on-site'))) notes.push('remote only');
    return { id: s.id, title: s.title, stance: s.stance, status, offeredAs, notes };
  });
  const covered = services.filter((s) => s.status === 'covered').length;
  const partial = services.filter((s) => s.status === 'partial').length;
  return {
    services,
    covered,
    partial,
    missing: services.filter((s) => s.status === 'missing').map((s) => s.id),
    needed: needed.length,
    score: needed.length ? (covered + partial / 2) / needed.length : 1,
  };
}
