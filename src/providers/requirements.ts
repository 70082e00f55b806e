/** Contract requirements: which offer fields satisfy each of the plan's contract requirements, so that each requirement can be scored met, partly or not met. */
import type { AssessmentResult } from '../result/result.js';
import { ENVIRONMENTS, SEVERITIES, type Offer } from './offer.js';
import { firm, list, minutesText, plural, socText, yesNo, type Check, type Context, type OfferScore, type RequirementFit, type RequirementStatus } from './context.js';
import { languageFit, languageName } from './language.js';

/** The longest emergency call answer time that counts as available staff (REQ-STAFF-AVAILABILITY). */
export const MAX_ANSWER_MINUTES = 30;
/** The shortest transition assistance that counts as an exit plan (REQ-EXIT). */
export const MIN_TRANSITION_MONTHS = 3;

const check = (field: string, expected: string, actual: string, ok: boolean | null): Check => ({ field, expected, actual, ok });

function onsiteCheck(offer: Offer, ctx: Context): Check {
  const reach = offer.staff.onsite_reach;
  const where = ctx.countries ? ` in ${list(ctx.countries)}` : '';
  if (!reach) return check('staff.onsite_reach', `a committed time to reach the customer's sites${where}`, 'not committed', false);
  const actual = `within ${reach.hours} hours in ${reach.countries.join(', ')}`;
  const ok = ctx.countries ? ctx.countries.every((c) => reach.countries.includes(c)) : true;
  return check('staff.onsite_reach', `a committed time to reach the customer's sites${where}`, actual, ok);
}

/** The offer fields that satisfy each of irready's built-in contract requirements. */
export const REQUIREMENT_CHECKS: Record<string, (offer: Offer, ctx: Context) => Check[]> = {
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

export function scoreRequirements(offer: Offer, result: AssessmentResult, ctx: Context): OfferScore['requirements'] {
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
