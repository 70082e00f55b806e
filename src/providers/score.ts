import type { AssessmentResult } from '../result/result.js';
import type { ServiceStance } from '../decision/rules.js';
import type { LoadedOffer, Offer } from './offer.js';
import { list, minutesText, plural, socText, yesNo, type Context, type OfferScore } from './context.js';
import { LANGUAGE_NAMES, languageName } from './language.js';
import { ON_SITE_SERVICES, ROUND_THE_CLOCK, scoreCoverage } from './coverage.js';
import { scoreSla } from './sla.js';
import { MAX_ANSWER_MINUTES, MIN_TRANSITION_MONTHS, REQUIREMENT_CHECKS, scoreRequirements } from './requirements.js';
import { findRisks } from './risks.js';

/**
 * Scores provider offers against an organisation's outsourcing plan. Pure: the same result and offers
 * always give the same comparison; rendering is elsewhere (render.ts).
 */

/** What the checks export, re-exported here so that importers keep importing from score.ts. */
export { LANGUAGE_NAMES, MAX_ANSWER_MINUTES, MIN_TRANSITION_MONTHS, ON_SITE_SERVICES, ROUND_THE_CLOCK };
export type { Check, OfferScore, RequirementFit, RequirementStatus, Risk, RiskId, ServiceCoverage, SlaCell } from './context.js';

/** Weights of the total score (points out of 100) and the deduction per risk. */
export const WEIGHTS = { coverage: 40, sla: 25, requirements: 35 } as const;
export const RISK_POINTS = { high: 10, medium: 5 } as const;

export interface ProviderComparison {
  organization: { name: string; sector?: string };
  generatedAt: string;
  date: string;
  tool: { name: string; version: string };
  model: string;
  modelTitle: string;
  context: {
    need24x7: boolean;
    countries: string[] | null;
    countriesFrom: 'option' | 'organization' | null;
    countryCount: number | null;
    languages: string[];
    providerLanguage: string | null;
    dataSharing: string | null;
  };
  needed: { id: string; title: string; stance: ServiceStance }[];
  requirements: { id: string; topic: string; requirement: string }[];
  offers: OfferScore[];
  /** Providers, best total first. */
  ranking: string[];
  headline: string;
  notes: string[];
  method: string[];
}

export interface ProviderOptions {
  /** The organisation's countries (ISO 3166-1 alpha-2); otherwise taken from organization.country(ies) in the answers. */
  countries?: string[];
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** The method, as the report documents it. */
export const METHOD: string[] = [
  `Total = ${WEIGHTS.coverage} × service coverage + ${WEIGHTS.sla} × SLA fit + ${WEIGHTS.requirements} × requirement coverage − risk deductions (${RISK_POINTS.high} points per high risk, ${RISK_POINTS.medium} per medium risk), rounded, at least 0; 100 is a perfect fit.`,
  'Service coverage: the share of the catalogue services the plan outsources or shares that the offer delivers (by the provider\'s own mapping of its services to catalogue ids). A service counts half when the organisation needs 24x7 response and the offer delivers a round-the-clock service (monitoring, event and incident analysis, mitigation, emergency response) in business hours only.',
  'SLA fit: half for notification times (a firm number of minutes for each of the 4 severities in each of the 3 environments: production, test, development), half for response times (a firm number, not best effort, for each severity in production).',
  `Requirement coverage: for each contract requirement of the plan, the offer fields that satisfy it are checked; a requirement scores the share of its checks passed (met, partly, not met) and the average over requirements is used. Thresholds: emergency call answered within ${MAX_ANSWER_MINUTES} minutes; transition assistance of at least ${MIN_TRANSITION_MONTHS} months. A term the offer does not state counts as not offered; a check that cannot be made (an unknown country) is left out.`,
  'Risks: offshore only (no SOC in the organisation\'s countries; paper challenges O8 and O9), a single SOC location (O9), a language mismatch (no shared language is high; English only while staff would struggle in English is medium; P4) and no penalties for missed SLAs (no service credits).',
];

function profileValue(result: AssessmentResult, name: string): unknown {
  return result.profile.find((p) => p.name === name)?.value;
}

function organisationCountries(result: AssessmentResult, options: ProviderOptions): { countries: string[] | null; from: 'option' | 'organization' | null } {
  if (options.countries?.length) return { countries: [...new Set(options.countries.map((c) => c.toUpperCase()))], from: 'option' };
  const org = result.organization as Record<string, unknown>;
  const raw = org.countries ?? org.country;
  const given = (Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : []).map((c) => String(c).trim().toUpperCase()).filter((c) => /^[A-Z]{2}$/.test(c));
  return given.length ? { countries: [...new Set(given)], from: 'organization' } : { countries: null, from: null };
}

function summary(offer: Offer): OfferScore['summary'] {
  const s = offer.staff;
  const p = offer.penalties;
  const e = offer.exit;
  return {
    socs: `${plural(offer.socs.length, 'SOC')}: ${socText(offer)}`,
    languages: offer.languages.map(languageName).join(', '),
    staff: `${s.named_team ? 'named team' : 'pooled analysts'}; emergency call answered in ${s.emergency_answer_minutes} min; ${s.onsite_reach ? `on site within ${s.onsite_reach.hours} h (${s.onsite_reach.countries.join(', ')})` : 'no on-site commitment'}`,
    penalties: p.service_credits ? `service credits${p.graded_by_severity ? ' graded by severity' : ', not graded'}${p.cap_percent !== undefined ? `, capped at ${p.cap_percent}%` : ''}; compensation agreement: ${p.compensation_agreement ?? 'not stated'}` : `no service credits; compensation agreement: ${p.compensation_agreement ?? 'not stated'}`,
    exit: `${plural(e.transition_assistance_months, 'month')} transition assistance; data returned: ${yesNo(e.data_return)}; knowledge pack: ${e.knowledge_pack ? `${e.knowledge_pack.format} (${e.knowledge_pack.open ? 'open' : 'not open'})` : 'none'}`,
  };
}

/** Scores every offer against the plan of an assessment and ranks them. */
export function compareOffers(result: AssessmentResult, offers: readonly LoadedOffer[], options: ProviderOptions = {}): ProviderComparison {
  const { countries, from } = organisationCountries(result, options);
  const languages = (() => {
    const v = profileValue(result, 'org_languages');
    return Array.isArray(v) ? v.map(String).filter((l) => l !== 'none') : [];
  })();
  const providerLanguage = profileValue(result, 'org_provider_language');
  const dataSharing = profileValue(result, 'org_data_sharing');
  const countryCount = profileValue(result, 'org_countries');
  const ctx: Context = {
    need24x7: result.plan.staffing.coverage === '24x7' || profileValue(result, 'org_need_24x7') === true,
    countries,
    languages,
    providerLanguage: typeof providerLanguage === 'string' ? providerLanguage : null,
    dataSharing: typeof dataSharing === 'string' ? dataSharing : null,
    requirementIds: new Set(result.plan.requirements.map((r) => r.id)),
  };
  const planIds = new Set(result.plan.services.map((s) => s.id));

  const scored: Omit<OfferScore, 'rank'>[] = offers.map(({ offer, source }) => {
    const coverage = scoreCoverage(offer, result, ctx);
    const sla = scoreSla(offer, ctx);
    const requirements = scoreRequirements(offer, result, ctx);
    const risks = findRisks(offer, ctx);
    const points = {
      coverage: round1(WEIGHTS.coverage * coverage.score),
      sla: round1(WEIGHTS.sla * sla.score),
      requirements: round1(WEIGHTS.requirements * requirements.score),
      risks: risks.reduce((sum, r) => sum + RISK_POINTS[r.level], 0),
    };
    const raw = WEIGHTS.coverage * coverage.score + WEIGHTS.sla * sla.score + WEIGHTS.requirements * requirements.score - points.risks;
    const inHouseOffered = result.plan.services
      .filter((s) => s.stance === 'in-house')
      .map((s) => ({ id: s.id, title: s.title, names: offer.services.filter((o) => o.maps.includes(s.id)).map((o) => o.name) }))
      .filter((s) => s.names.length);
    for (const o of offer.services) for (const id of o.maps) if (!planIds.has(id) && !inHouseOffered.some((s) => s.id === id)) inHouseOffered.push({ id, title: id, names: [o.name] });
    return {
      provider: offer.provider,
      offerDate: offer.offer_date,
      ...(offer.reference ? { reference: offer.reference } : {}),
      source,
      summary: summary(offer),
      coverage,
      inHouseOffered,
      sla,
      requirements,
      risks,
      points,
      total: Math.max(0, Math.round(raw)),
    };
  });
  const order = scored.map((s, i) => ({ s, i })).sort((a, b) => b.s.total - a.s.total || b.s.coverage.score - a.s.coverage.score || a.i - b.i);
  const rankOf = new Map(order.map((o, k) => [o.i, k + 1]));
  const ranked: OfferScore[] = scored.map((s, i) => ({ ...s, rank: rankOf.get(i)! }));

  const notes: string[] = [];
  if (!countries) notes.push('The organisation\'s countries are not known (give them with --country), so the offshore risk and data location were not checked.');
  else if (typeof countryCount === 'number' && countryCount > countries.length) notes.push(`The answers say the organisation is in ${countryCount} countries, but only ${list(countries)} ${countries.length === 1 ? 'was' : 'were'} given.`);
  if (languages.includes('other')) notes.push('The organisation also works in a language the questionnaire does not name ("other"); whether a provider speaks it was not checked.');
  const unmapped = result.plan.requirements.filter((r) => !REQUIREMENT_CHECKS[r.id]);
  if (unmapped.length) notes.push(`No offer field maps to ${unmapped.map((r) => r.id).join(', ')}; check ${unmapped.length === 1 ? 'it' : 'them'} by hand.`);
  if (!result.plan.requirements.length) notes.push('The plan has no contract requirements, so requirement coverage is full for every offer.');

  const best = order[0]?.s;
  const headline = !best
    ? 'No offers to compare.'
    : order.length === 1
      ? `${best.provider} scores ${best.total} of 100 and covers ${best.coverage.covered} of ${best.coverage.needed} services the plan outsources or shares.`
      : `${best.provider} fits best with ${best.total} of 100 (${order.slice(1).map((o) => `${o.s.provider} ${o.s.total}`).join(', ')}); it covers ${best.coverage.covered} of ${best.coverage.needed} services the plan outsources or shares${best.risks.length ? ` and carries ${plural(best.risks.length, 'risk')}` : ' and carries no flagged risk'}.`;

  return {
    organization: { name: result.organization.name, ...(typeof result.organization.sector === 'string' ? { sector: result.organization.sector } : {}) },
    generatedAt: result.generatedAt,
    date: result.generatedAt.slice(0, 10),
    tool: result.tool,
    model: result.decision.model,
    modelTitle: result.decision.modelTitle,
    context: { need24x7: ctx.need24x7, countries, countriesFrom: from, countryCount: typeof countryCount === 'number' ? countryCount : null, languages, providerLanguage: ctx.providerLanguage, dataSharing: ctx.dataSharing },
    needed: result.plan.services.filter((s) => s.stance !== 'in-house').map((s) => ({ id: s.id, title: s.title, stance: s.stance })),
    requirements: result.plan.requirements.map((r) => ({ id: r.id, topic: r.topic, requirement: r.requirement })),
    offers: ranked,
    ranking: order.map((o) => o.s.provider),
    headline,
    notes,
    method: METHOD,
  };
}

export { languageName, minutesText };
