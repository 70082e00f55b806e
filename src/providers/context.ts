/** What every check shares: the organisation's context, the result types and small text helpers; kept apart so that no check imports another or score.ts. */
import type { ServiceStance } from '../decision/rules.js';
import type { Environment, Minutes, Offer, Severity } from './offer.js';

/** What the answers say about the organisation, as the checks need it. */
export interface Context {
  need24x7: boolean;
  countries: string[] | null;
  languages: string[];
  providerLanguage: string | null;
  dataSharing: string | null;
  requirementIds: Set<string>;
}

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

export const firm = (m: Minutes | null | undefined): m is number => typeof m === 'number';
export const yesNo = (b: boolean | undefined) => (b === undefined ? 'not stated' : b ? 'yes' : 'no');
export const minutesText = (m: Minutes | null) => (m === null ? 'none' : m === 'best-effort' ? 'best effort' : `${m} min`);
export const list = (xs: string[]) => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);
export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function socText(offer: Offer): string {
  return offer.socs.map((s) => `${s.city} (${s.country})`).join(', ');
}
