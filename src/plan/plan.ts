import { describeReason, holds, reasons } from '../decision/conditions.js';
import type { Decision } from '../decision/decide.js';
import { FactBook } from '../decision/facts.js';
import type { RequirementRule, RuleSet, ServiceRule, ServiceStance } from '../decision/rules.js';
import type { Scores } from '../scoring/score.js';
import type { Catalogue } from './catalogue.js';
import { costComparison, staffingNeeds, type CostComparison, type CostAssumptions, type Staffing } from './staffing.js';

export interface ServiceDecision {
  id: string;
  title: string;
  area: string;
  areaTitle: string;
  stance: ServiceStance;
  /** The service rule that set the stance, or null when it is the model's default. */
  rule: string | null;
  why: string;
  because: string[];
  references: string[];
  questions: { name: string; score: number | null }[];
  csf: string[];
  iso27035: string[];
  ooda: string[];
  killChain: string[];
}

export interface RaciCell {
  party: string;
  /** R, A, C, I or a combination such as "A, R"; null where the answers leave it unclear (a gap, not a guess). */
  role: string | null;
  gap: boolean;
  note?: string;
}

export interface RaciRow {
  activity: string;
  title: string;
  cells: RaciCell[];
}

export interface Raci {
  parties: string[];
  rows: RaciRow[];
  gaps: number;
}

export interface Requirement {
  id: string;
  topic: string;
  requirement: string;
  because: string[];
  questions: string[];
  references: string[];
}

export interface OutsourcingPlan {
  catalogue: { name: string; version: string };
  services: ServiceDecision[];
  raci: Raci;
  staffing: Staffing;
  costs: CostComparison;
  requirements: Requirement[];
}

/** The outsourcing plan for a decided assessment: services, responsibilities, staffing, cost, contract. Pure. */
export function buildPlan(catalogue: Catalogue, rules: RuleSet, scores: Scores, decision: Decision, costs?: Partial<CostAssumptions>): OutsourcingPlan {
  const facts = new FactBook(scores);
  facts.assign('model', decision.model);
  const answer = new Map(scores.answers.map((a) => [a.name, a]));

  const serviceRules = rules.rules.filter((r): r is ServiceRule => r.kind === 'service').sort((a, b) => b.priority - a.priority);
  const fired = serviceRules.filter((r) => holds(r.when, facts));
  const services: ServiceDecision[] = catalogue.services.map((s) => {
    const rule = fired.find((r) => r.services.includes(s.id));
    const base = {
      id: s.id,
      title: s.title,
      area: s.area,
      areaTitle: catalogue.areas[s.area] ?? s.area,
      questions: (s.questions ?? []).map((name) => ({ name, score: answer.get(name)?.score ?? null })),
      csf: s.csf,
      iso27035: s.iso27035,
      ooda: s.ooda,
      killChain: s.killChain ?? [],
    };
    if (rule) {
      return { ...base, stance: rule.stance, rule: rule.id, why: rule.rationale, because: reasons(rule.when, facts).map(describeReason), references: rule.references };
    }
    return {
      ...base,
      stance: s.defaults[decision.model],
      rule: null,
      why: s.neverOutsource
        ? 'Never outsourced: the customer keeps control of this whatever the model.'
        : `The default for ${decision.modelTitle.toLowerCase()}.`,
      because: [`model = ${decision.model}`],
      references: s.neverOutsource ? ['ENISA-IM-2010:11.1', 'NIST-800-61r2'] : ['FIRST-CSF-2.1'],
    };
  });

  const requirements: Requirement[] = rules.rules
    .filter((r): r is RequirementRule => r.kind === 'requirement')
    .filter((r) => holds(r.when, facts))
    .sort((a, b) => b.priority - a.priority || a.id.localeCompare(b.id))
    // The model is a precondition of most requirements, not part of the gap they close.
    .map((r) => ({ id: r.id, topic: r.topic, requirement: r.requirement, because: reasons(r.when, facts).filter((x) => x.fact !== 'model').map(describeReason), questions: r.questions ?? [], references: r.references }));

  const staffing = staffingNeeds(scores, decision.model, costs);
  return {
    catalogue: { name: catalogue.catalogue, version: catalogue.version },
    services,
    raci: buildRaci(catalogue, services, scores, decision),
    staffing,
    costs: costComparison(staffing, scores, decision.model, costs),
    requirements,
  };
}

const STANCE_RANK: Record<ServiceStance, number> = { 'in-house': 0, share: 1, outsource: 2 };

/**
 * Customer and providers per activity. The customer is always accountable; who does the work follows the
 * services behind the activity. Where the organisation's own answers say the owner is unclear, the
 * customer's cell is a gap; where several providers work without a named lead, the provider cells are.
 */
function buildRaci(catalogue: Catalogue, services: ServiceDecision[], scores: Scores, decision: Decision): Raci {
  const profile = new Map(scores.profile.map((p) => [p.name, p.value]));
  const providerCount = typeof profile.get('org_provider_count') === 'number' ? (profile.get('org_provider_count') as number) : 0;
  const hasProvider = decision.model !== 'in-house' || providerCount > 0 || services.some((s) => s.stance !== 'in-house');
  const several = providerCount > 1;
  const parties = ['Customer', ...(hasProvider ? (several ? ['Lead provider', 'Other providers'] : ['Provider']) : [])];
  const matrix = scores.answers.find((a) => a.name === 'rc_raci_matrix');
  const matrixValue = (matrix?.value ?? {}) as Record<string, string>;
  const lead = scores.answers.find((a) => a.name === 'rc_multi_provider_lead');
  const noLead = several && (lead?.score ?? 0) <= 1;

  let gaps = 0;
  const rows = catalogue.activities.map((activity) => {
    const stance = activity.services
      .map((id) => services.find((s) => s.id === id)!.stance)
      .reduce<ServiceStance>((most, s) => (STANCE_RANK[s] > STANCE_RANK[most] ? s : most), 'in-house');
    const effective: ServiceStance = activity.retained ? 'in-house' : stance;
    const clarity = activity.raciRow ? matrixValue[activity.raciRow] : undefined;
    const unclear = activity.raciRow !== undefined && (clarity === undefined || clarity === 'none' || clarity === 'unclear');
    const customer: RaciCell = unclear
      ? { party: 'Customer', role: null, gap: true, note: clarity === undefined ? 'who owns this was not answered' : `the answers say the owner is ${clarity === 'none' ? 'missing' : 'unclear or disputed'}` }
      : { party: 'Customer', role: effective === 'outsource' ? 'A' : 'A, R', gap: false };
    const providerRole = effective === 'outsource' ? 'R' : effective === 'share' ? 'R' : activity.retained ? 'C' : 'I';
    const cells: RaciCell[] = [customer];
    if (hasProvider) {
      if (several) {
        cells.push(noLead ? { party: 'Lead provider', role: null, gap: true, note: 'no lead provider is named' } : { party: 'Lead provider', role: providerRole, gap: false });
        cells.push(noLead ? { party: 'Other providers', role: null, gap: true, note: 'the customer has not set the separation of duties' } : { party: 'Other providers', role: providerRole === 'R' ? 'C' : 'I', gap: false });
      } else cells.push({ party: 'Provider', role: providerRole, gap: false });
    }
    gaps += cells.filter((c) => c.gap).length;
    return { activity: activity.id, title: activity.title, cells };
  });
  return { parties, rows, gaps };
}
