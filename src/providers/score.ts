import type { AssessmentResult } from '../result/result.js';
import type { ServiceStance } from '../decision/rules.js';
import { ENVIRONMENTS, SEVERITIES, type Environment, type LoadedOffer, type Minutes, type Offer, type Severity } from './offer.js';

/**
 * Scores provider offers against an organisation's outsourcing plan. Pure: the same result and offers
 * always give the same comparison; rendering is elsewhere (render.ts).
 */

/** Weights of the total score (points out of 100) and the deduction per risk. */
export const WEIGHTS = { coverage: 40, sla: 25, requirements: 35 } as const;
export const RISK_POINTS = { high: 10, medium: 5 } as const;
/** Catalogue services that must run around the clock when the organisation needs 24x7 response. */
export const ROUND_THE_CLOCK = ['event-monitoring', 'event-analysis', 'incident-analysis', 'mitigation-recovery', 'emergency-response'] as const;
/** Services where a responder on site can matter; an offer that is remote-only for them gets a note. */
export const ON_SITE_SERVICES = ['emergency-response', 'forensic-analysis', 'mitigation-recovery'] as const;
/** The longest emergency call answer time that counts as available staff (REQ-STAFF-AVAILABILITY). */
export const MAX_ANSWER_MINUTES = 30;
/** The shortest transition assistance that counts as an exit plan (REQ-EXIT). */
export const MIN_TRANSITION_MONTHS = 3;

export const LANGUAGE_NAMES: Record<string, string> = {
  en: 'English', de: 'German', fr: 'French', es: 'Spanish', it: 'Italian', nl: 'Dutch', da: 'Danish', sv: 'Swedish', no: 'Norwegian',
  nb: 'Norwegian', nn: 'Norwegian', fi: 'Finnish', is: 'Icelandic', fo: 'Faroese', pl: 'Polish', pt: 'Portuguese', cs: 'Czech',
  hi: 'Hindi', ja: 'Japanese', zh: 'Chinese', ro: 'Romanian', hu: 'Hungarian', el: 'Greek',
  nordic: 'a Nordic language', other: 'another language',
};
/** ISO 639-1 codes as the questionnaire's org_languages choices group them. */
const LANGUAGE_GROUP: Record<string, string> = { en: 'en', de: 'de', fr: 'fr', es: 'es', it: 'it', nl: 'nl', da: 'nordic', sv: 'nordic', no: 'nordic', nb: 'nordic', nn: 'nordic', fi: 'nordic', is: 'nordic', fo: 'nordic' };
const languageName = (code: string) => LANGUAGE_NAMES[code] ?? code;

export interface ServiceCoverage {
  id: string;
  title: string;
  stance: ServiceStance;
  status: 'covered' | 'partial' | 'missing';
  /** The provider's services that deliver it, in the provider's words. */
  offeredAs: { name: string; hours: string; delivery: string[] }[];
  notes: string[];
}

export interface SlaCell {
  environment: Environment;
  severity: Severity;
  notify: Minutes | null;
  respond: Minutes | null;
}

export interface Check {
  /** The offer field that satisfies (or fails) the requirement, such as `staff.named_team`. */
  field: string;
  expected: string;
  actual: string;
  /** null: cannot be checked with what is known. */
  ok: boolean | null;
}

export type RequirementStatus = 'met' | 'partly' | 'not-met' | 'not-checked';

export interface RequirementFit {
  id: string;
  topic: string;
  status: RequirementStatus;
  checks: Check[];
  /** Checks passed / checks that could be checked; null when none could. */
  score: number | null;
}

export type RiskId = 'offshore-only' | 'single-soc' | 'language-mismatch' | 'no-penalties';

export interface Risk {
  id: RiskId;
  level: 'high' | 'medium';
  title: string;
  detail: string;
  references: string[];
}

export interface OfferScore {
  provider: string;
  offerDate: string;
  reference?: string;
  source: string;
  summary: { socs: string; languages: string; staff: string; penalties: string; exit: string };
  coverage: { services: ServiceCoverage[]; covered: number; partial: number; missing: string[]; needed: number; score: number };
  /** Offered services for catalogue services the plan keeps in-house. */
  inHouseOffered: { id: string; title: string; names: string[] }[];
  sla: { cells: SlaCell[]; notifyFirm: number; productionResponseFirm: number; issues: string[]; score: number };
  requirements: { items: RequirementFit[]; score: number };
  risks: Risk[];
  points: { coverage: number; sla: number; requirements: number; risks: number };
  total: number;
  rank: number;
}

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
const firm = (m: Minutes | null | undefined): m is number => typeof m === 'number';
const yesNo = (b: boolean | undefined) => (b === undefined ? 'not stated' : b ? 'yes' : 'no');
const minutesText = (m: Minutes | null) => (m === null ? 'none' : m === 'best-effort' ? 'best effort' : `${m} min`);
const list = (xs: string[]) => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

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

interface Context {
  need24x7: boolean;
  countries: string[] | null;
  languages: string[];
  providerLanguage: string | null;
  dataSharing: string | null;
  requirementIds: Set<string>;
}

interface LanguageFit {
  shared: string[];
  /** The organisation's known working languages other than English, not offered. */
  missingWorking: string[];
  status: 'full' | 'partial' | 'none' | 'unknown';
}

function languageFit(offer: Offer, orgLanguages: string[]): LanguageFit {
  const offered = new Set(offer.languages.map((l) => LANGUAGE_GROUP[l] ?? `x-${l}`));
  const known = orgLanguages.filter((l) => l !== 'other' && l !== 'none');
  if (!known.length) return { shared: [], missingWorking: [], status: 'unknown' };
  const shared = known.filter((l) => offered.has(l));
  const missingWorking = known.filter((l) => l !== 'en' && !offered.has(l));
  const status = !shared.length ? 'none' : missingWorking.length || (orgLanguages.includes('other') && shared.every((l) => l === 'en')) ? 'partial' : 'full';
  return { shared, missingWorking, status };
}

function scoreCoverage(offer: Offer, result: AssessmentResult, ctx: Context): OfferScore['coverage'] {
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

function scoreSla(offer: Offer, ctx: Context): OfferScore['sla'] {
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

const check = (field: string, expected: string, actual: string, ok: boolean | null): Check => ({ field, expected, actual, ok });

function socText(offer: Offer): string {
  return offer.socs.map((s) => `${s.city} (${s.country})`).join(', ');
}

function onsiteCheck(offer: Offer, ctx: Context): Check {
  const reach = offer.staff.onsite_reach;
  const where = ctx.countries ? ` in ${list(ctx.countries)}` : '';
  if (!reach) return check('staff.onsite_reach', `a committed time to reach the customer's sites${where}`, 'not committed', false);
  const actual = `within ${reach.hours} hours in ${reach.countries.join(', ')}`;
  const ok = ctx.countries ? ctx.countries.every((c) => reach.countries.includes(c)) : true;
  return check('staff.onsite_reach', `a committed time to reach the customer's sites${where}`, actual, ok);
}

/** The offer fields that satisfy each of irready's built-in contract requirements. */
const REQUIREMENT_CHECKS: Record<string, (offer: Offer, ctx: Context) => Check[]> = {
  'REQ-LANGUAGE': (offer, ctx) => {
    const fit = languageFit(offer, ctx.languages);
    const offered = offer.languages.map(languageName).join(', ');
    const unknown = fit.status === 'unknown';
    return [
      check('languages', `shares a language with the organisation (${ctx.languages.map(languageName).join(', ') || 'not answered'})`, `${offered}; shared: ${fit.shared.map(languageName).join(', ') || 'none'}`, unknown ? null : fit.shared.length > 0),
      check('languages', 'covers the organisation\'s working languages other than English', fit.missingWorking.length ? `missing ${fit.missingWorking.map(languageName).join(', ')}` : offered, unknown ? null : !fit.missingWorking.length),
    ];
  },
  'REQ-STAFF-AVAILABILITY': (offer, ctx) => [
    check('staff.named_team', 'a named team serves the customer', offer.staff.named_team ? 'named team' : 'pooled analysts', offer.staff.named_team),
    check('staff.emergency_answer_minutes', `emergency call answered within ${MAX_ANSWER_MINUTES} minutes`, `${offer.staff.emergency_answer_minutes} minutes`, offer.staff.emergency_answer_minutes <= MAX_ANSWER_MINUTES),
    check('socs', 'the service runs from more than one location', `${plural(offer.socs.length, 'SOC')}: ${socText(offer)}`, offer.socs.length > 1),
    onsiteCheck(offer, ctx),
  ],
  'REQ-EXIT': (offer) => [
    check('exit.transition_assistance_months', `transition assistance of at least ${MIN_TRANSITION_MONTHS} months`, plural(offer.exit.transition_assistance_months, 'month'), offer.exit.transition_assistance_months >= MIN_TRANSITION_MONTHS),
    check('exit.data_return', 'all data and evidence returned', yesNo(offer.exit.data_return), offer.exit.data_return),
    check('exit.knowledge_pack', 'a knowledge pack in an open format', offer.exit.knowledge_pack ? `${offer.exit.knowledge_pack.format} (${offer.exit.knowledge_pack.open ? 'open' : 'not open'})` : 'none', offer.exit.knowledge_pack?.open === true),
    check('exit.agent_removal', 'agents and accounts removed at the end', yesNo(offer.exit.agent_removal), offer.exit.agent_removal === true),
  ],
  'REQ-PENALTIES': (offer) => [
    check('penalties.service_credits', 'service credits for missed SLAs', yesNo(offer.penalties.service_credits), offer.penalties.service_credits),
    check('penalties.graded_by_severity', 'credits graded by the severity of the incident missed', yesNo(offer.penalties.graded_by_severity), offer.penalties.service_credits && offer.penalties.graded_by_severity === true),
    check('penalties.compensation_agreement', 'no compensation agreement, or one written with its conditions', offer.penalties.compensation_agreement ?? 'not stated', offer.penalties.compensation_agreement !== 'informal'),
  ],
  'REQ-SLA-CLOCKS': (offer) => [
    ...ENVIRONMENTS.map((env) => {
      const terms = SEVERITIES.map((sev) => offer.sla[env]?.[sev]);
      const firmCount = terms.filter((t) => firm(t?.notify)).length;
      return check(`sla.${env}`, 'a notification time for every severity', `${firmCount} of ${SEVERITIES.length} severities`, firmCount === SEVERITIES.length);
    }),
    check('terms.monthly_sla_report', 'SLAs measured and reported monthly', yesNo(offer.terms?.monthly_sla_report), offer.terms?.monthly_sla_report === true),
  ],
  'REQ-RESPONSE-SLA': (offer) =>
    SEVERITIES.map((sev) => {
      const respond = offer.sla.production?.[sev]?.respond ?? null;
      return check(`sla.production.${sev}.respond`, 'a firm response time', minutesText(respond), firm(respond));
    }),
  'REQ-EVIDENCE': (offer) => [
    check('terms.evidence_chain_of_custody', 'evidence per ISO/IEC 27037 with a chain of custody', yesNo(offer.terms?.evidence_chain_of_custody), offer.terms?.evidence_chain_of_custody === true),
    check('terms.action_log', 'every action on the customer\'s systems logged', yesNo(offer.terms?.action_log), offer.terms?.action_log === true),
    check('exit.data_return', 'evidence and logs handed over at the end', yesNo(offer.exit.data_return), offer.exit.data_return),
  ],
  'REQ-LOG-ACCESS': (offer) => [
    check('terms.customer_log_platform', 'works on the customer\'s log platform; the customer owns the logs', yesNo(offer.terms?.customer_log_platform), offer.terms?.customer_log_platform === true),
  ],
  'REQ-AUDIT': (offer) => [check('terms.audit_rights', 'audit rights for the customer, its auditors and regulators', yesNo(offer.terms?.audit_rights), offer.terms?.audit_rights === true)],
  'REQ-DATA-LIMITS': (offer, ctx) => {
    const checks = [check('terms.data_use_limited', 'customer data used only for the contracted services', yesNo(offer.terms?.data_use_limited), offer.terms?.data_use_limited === true)];
    if (ctx.dataSharing === 'restricted') {
      const abroad = ctx.countries ? offer.socs.filter((s) => !ctx.countries!.includes(s.country)) : [];
      checks.push(
        check(
          'socs',
          `data processed only in the organisation's countries${ctx.countries ? ` (${ctx.countries.join(', ')})` : ''}`,
          ctx.countries ? (abroad.length ? `also in ${[...new Set(abroad.map((s) => s.country))].join(', ')}` : socText(offer)) : 'the organisation\'s countries are not known',
          ctx.countries ? !abroad.length : null,
        ),
      );
    }
    return checks;
  },
  'REQ-MULTI-PROVIDER-LEAD': (offer) => [
    check('terms.works_with_other_providers', 'accepts the customer\'s lead provider and separation of duties', yesNo(offer.terms?.works_with_other_providers), offer.terms?.works_with_other_providers === true),
  ],
  'REQ-EMERGENCY-RETAINER': (offer) => {
    const retainer = offer.services.filter((s) => s.maps.includes('emergency-response'));
    return [
      check('services', 'an emergency response service around the clock', retainer.length ? retainer.map((s) => `${s.name} (${s.hours})`).join(', ') : 'not offered', retainer.some((s) => s.hours === '24x7')),
      check('terms.retainer_onboarding_visit', 'an onboarding visit before an incident', yesNo(offer.terms?.retainer_onboarding_visit), offer.terms?.retainer_onboarding_visit === true),
      check('terms.retainer_hours_for_exercises', 'unused hours can be spent on exercises', yesNo(offer.terms?.retainer_hours_for_exercises), offer.terms?.retainer_hours_for_exercises === true),
    ];
  },
};

function scoreRequirements(offer: Offer, result: AssessmentResult, ctx: Context): OfferScore['requirements'] {
  const items: RequirementFit[] = result.plan.requirements.map((r) => {
    const checks = REQUIREMENT_CHECKS[r.id]?.(offer, ctx) ?? [];
    const checked = checks.filter((c) => c.ok !== null);
    const passed = checked.filter((c) => c.ok).length;
    const score = checked.length ? passed / checked.length : null;
    const status: RequirementStatus = score === null ? 'not-checked' : score === 1 ? 'met' : score === 0 ? 'not-met' : 'partly';
    return { id: r.id, topic: r.topic, status, checks, score };
  });
  const scored = items.filter((i) => i.score !== null);
  return { items, score: scored.length ? scored.reduce((sum, i) => sum + (i.score as number), 0) / scored.length : 1 };
}

function findRisks(offer: Offer, ctx: Context): Risk[] {
  const risks: Risk[] = [];
  const socCountries = [...new Set(offer.socs.map((s) => s.country))];
  if (ctx.countries && !socCountries.some((c) => ctx.countries!.includes(c))) {
    risks.push({
      id: 'offshore-only',
      level: 'high',
      title: 'Offshore only',
      detail: `No SOC in ${list(ctx.countries)}: the staff work from ${list(socCountries)}, so cultural distance, time zones and local disruption there affect the service, and nobody is close to the sites.`,
      references: ['PAPER:O8', 'PAPER:O9'],
    });
  }
  if (offer.socs.length === 1) {
    const [soc] = offer.socs;
    risks.push({
      id: 'single-soc',
      level: 'medium',
      title: 'One SOC location',
      detail: `The whole service runs from ${soc.city} (${soc.country}); a natural disaster, strike or outage there stops it (the paper advises spreading offshore staff over several locations).`,
      references: ['PAPER:O9'],
    });
  }
  const fit = languageFit(offer, ctx.languages);
  if (fit.status === 'none') {
    risks.push({
      id: 'language-mismatch',
      level: 'high',
      title: 'No shared language',
      detail: `The provider works in ${list(offer.languages.map(languageName))}; the organisation uses ${list(ctx.languages.map(languageName))}.`,
      references: ['PAPER:P4'],
    });
  } else if (fit.status === 'partial' && (ctx.providerLanguage === 'partly' || ctx.providerLanguage === 'no')) {
    risks.push({
      id: 'language-mismatch',
      level: 'medium',
      title: 'Language mismatch',
      detail: `Only ${list(fit.shared.map(languageName))} is shared${fit.missingWorking.length ? ` (not ${list(fit.missingWorking.map(languageName))})` : ''}, and the answers say ${ctx.providerLanguage === 'no' ? 'staff cannot' : 'some key people would struggle to'} work with a provider in it during a crisis.`,
      references: ['PAPER:P4'],
    });
  }
  if (!offer.penalties.service_credits) {
    risks.push({
      id: 'no-penalties',
      level: 'medium',
      title: 'No penalties',
      detail: 'A missed SLA costs the provider nothing: the offer has no service credits.',
      references: ['PAPER:O7'],
    });
  }
  return risks;
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
