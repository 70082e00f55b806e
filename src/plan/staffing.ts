import { InputError, type Problem } from '../util/errors.js';
import type { SourcingModel } from '../model/taxonomy.js';
import type { Scores } from '../scoring/score.js';

/**
 * Staffing and cost. Every number here is an input that a `--costs` file can replace; the report marks
 * the defaults as assumptions. The defaults are round figures for a Western European market in EUR.
 */
export interface CostAssumptions {
  currency: string;
  /** Productive hours of one FTE a year (about 220 working days of 7.6 hours). */
  productiveHoursPerFte: number;
  /** Loaded cost (salary, taxes, overheads) per FTE a year, per role tier. */
  analystCost: number;
  responderCost: number;
  leadCost: number;
  /** Tooling the organisation runs itself (SIEM, EDR, case management): once and per year. */
  toolingSetup: number;
  toolingPerYear: number;
  /** Hiring cost per FTE recruited. */
  recruitmentPerFte: number;
  /** Provider fees a year: a base plus an amount per employee, for a co-managed and a full service. */
  partialFeeBase: number;
  partialFeePerEmployee: number;
  fullFeeBase: number;
  fullFeePerEmployee: number;
  /** An emergency response retainer a year, and onboarding a provider once. */
  retainerPerYear: number;
  onboarding: number;
}

export const DEFAULT_COSTS: CostAssumptions = {
  currency: 'EUR',
  productiveHoursPerFte: 1680,
  analystCost: 75000,
  responderCost: 95000,
  leadCost: 120000,
  toolingSetup: 80000,
  toolingPerYear: 60000,
  recruitmentPerFte: 15000,
  partialFeeBase: 40000,
  partialFeePerEmployee: 30,
  fullFeeBase: 60000,
  fullFeePerEmployee: 45,
  retainerPerYear: 25000,
  onboarding: 20000,
};

export interface StaffRole {
  tier: 'analyst' | 'responder' | 'lead';
  title: string;
  fte: number;
  why: string;
}

export interface Staffing {
  coverage: '24x7' | 'business-hours';
  hoursPerWeek: number;
  productiveHoursPerFte: number;
  ftePerSeat: number;
  seats: number;
  /** What running incident response fully in-house takes. */
  inHouse: StaffRole[];
  inHouseTotal: number;
  /** What the recommended model leaves in-house. */
  retained: StaffRole[];
  retainedTotal: number;
  available: number;
  /** retainedTotal - available (positive: people to find). */
  gap: number;
  formula: string;
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const BUSINESS_HOURS_PER_WEEK = 45;

function profileNumber(scores: Scores, name: string): number | undefined {
  const v = scores.profile.find((p) => p.name === name)?.value;
  return typeof v === 'number' ? v : undefined;
}

/** FTE needed for the coverage the organisation needs, what it has, and the gap (see METHODOLOGY.md). */
export function staffingNeeds(scores: Scores, model: SourcingModel, costs: Partial<CostAssumptions> = {}): Staffing {
  const c = { ...DEFAULT_COSTS, ...costs };
  const employees = profileNumber(scores, 'org_employees') ?? 0;
  const need24x7 = scores.profile.find((p) => p.name === 'org_need_24x7')?.value === true;
  const hoursPerWeek = need24x7 ? 168 : BUSINESS_HOURS_PER_WEEK;
  const ftePerSeat = round1((hoursPerWeek * 52) / c.productiveHoursPerFte);
  const seats = employees >= 5000 ? 2 : 1;
  const responders = Math.min(4, Math.max(1, Math.ceil(employees / 2500)));
  const inHouse: StaffRole[] = [
    { tier: 'analyst', title: 'Monitoring and triage analysts', fte: round1(seats * ftePerSeat), why: `${seats} seat(s) staffed ${hoursPerWeek} hours a week at ${ftePerSeat} FTE a seat` },
    { tier: 'responder', title: 'Incident responders (tier 2)', fte: responders, why: 'one per 2,500 employees, at least 1 and at most 4' },
    { tier: 'lead', title: 'Incident response lead', fte: 1, why: 'owns triage decisions, coordination and the improvement plan' },
  ];
  const officeSeat = round1((BUSINESS_HOURS_PER_WEEK * 52) / c.productiveHoursPerFte);
  const retained: StaffRole[] =
    model === 'in-house'
      ? inHouse
      : model === 'partial'
        ? [
            { tier: 'analyst', title: 'Office-hours analysts (the provider covers the rest)', fte: round1(seats * officeSeat), why: `${seats} seat(s) for ${BUSINESS_HOURS_PER_WEEK} hours a week` },
            { tier: 'responder', title: 'Incident responders who know the estate', fte: responders, why: 'response and recovery stay shared' },
            { tier: 'lead', title: 'Incident response lead and provider owner', fte: 1, why: 'triage decisions, coordination and supervising the provider stay in-house' },
          ]
        : [{ tier: 'lead', title: 'Incident coordinator and provider owner', fte: employees < 250 ? 0.5 : 1, why: 'triage decisions, coordination and supervising the provider stay in-house' }];
  const total = (roles: StaffRole[]) => round1(roles.reduce((s, r) => s + r.fte, 0));
  const stIr = scores.answers.find((a) => a.name === 'st_ir_fte')?.value;
  const available = typeof stIr === 'number' ? stIr : profileNumber(scores, 'org_security_fte') ?? 0;
  const retainedTotal = total(retained);
  return {
    coverage: need24x7 ? '24x7' : 'business-hours',
    hoursPerWeek,
    productiveHoursPerFte: c.productiveHoursPerFte,
    ftePerSeat,
    seats,
    inHouse,
    inHouseTotal: total(inHouse),
    retained,
    retainedTotal,
    available,
    gap: round1(retainedTotal - available),
    formula: `FTE per seat = hours a week x 52 / ${c.productiveHoursPerFte} productive hours a year; a 24x7 seat = 168 x 52 / ${c.productiveHoursPerFte} = ${round1((168 * 52) / c.productiveHoursPerFte)} FTE`,
  };
}

export interface CostOption {
  label: string;
  setup: number;
  perYear: number;
  year1: number;
  year3: number;
}

export interface CostComparison {
  currency: string;
  /** True when any figure comes from the built-in defaults rather than a --costs file. */
  assumed: boolean;
  assumptions: CostAssumptions;
  inHouse: CostOption;
  provider: CostOption;
  /** The month from which the cheaper-to-run option has paid back its higher setup cost, or null. */
  breakEvenMonth: number | null;
  cheaperOverThreeYears: 'in-house' | 'provider' | 'equal';
}

const costOf = (roles: StaffRole[], c: CostAssumptions) => roles.reduce((s, r) => s + r.fte * (r.tier === 'analyst' ? c.analystCost : r.tier === 'responder' ? c.responderCost : c.leadCost), 0);

/** In-house against the provider model recommended (co-managed when in-house is recommended). */
export function costComparison(staffing: Staffing, scores: Scores, model: SourcingModel, costs: Partial<CostAssumptions> = {}): CostComparison {
  const c = { ...DEFAULT_COSTS, ...costs };
  const employees = profileNumber(scores, 'org_employees') ?? 0;
  const providerModel = model === 'full' ? 'full' : 'partial';
  const retained = model === 'in-house' ? staffingNeeds(scores, 'partial', costs).retained : staffing.retained;
  const retainedFte = retained.reduce((s, r) => s + r.fte, 0);
  const hire = (fte: number) => Math.max(0, Math.ceil(fte - staffing.available)) * c.recruitmentPerFte;
  const option = (label: string, setup: number, perYear: number): CostOption => ({ label, setup: Math.round(setup), perYear: Math.round(perYear), year1: Math.round(setup + perYear), year3: Math.round(setup + 3 * perYear) });
  const inHouse = option('Run incident response in-house', c.toolingSetup + hire(staffing.inHouseTotal), costOf(staffing.inHouse, c) + c.toolingPerYear + c.retainerPerYear);
  const fee = providerModel === 'full' ? c.fullFeeBase + c.fullFeePerEmployee * employees : c.partialFeeBase + c.partialFeePerEmployee * employees;
  const provider = option(providerModel === 'full' ? 'Full outsourcing' : 'Partial (co-managed) outsourcing', c.onboarding + hire(retainedFte), costOf(retained, c) + fee + c.retainerPerYear);
  let breakEvenMonth: number | null = null;
  const [cheapRun, dearRun] = inHouse.perYear < provider.perYear ? [inHouse, provider] : [provider, inHouse];
  if (cheapRun.setup > dearRun.setup && cheapRun.perYear < dearRun.perYear) {
    breakEvenMonth = Math.ceil(((cheapRun.setup - dearRun.setup) / (dearRun.perYear - cheapRun.perYear)) * 12);
  } else if (cheapRun.perYear < dearRun.perYear) breakEvenMonth = 0;
  return {
    currency: c.currency,
    assumed: Object.keys(DEFAULT_COSTS).some((k) => !(k in costs)),
    assumptions: c,
    inHouse,
    provider,
    breakEvenMonth,
    cheaperOverThreeYears: inHouse.year3 < provider.year3 ? 'in-house' : provider.year3 < inHouse.year3 ? 'provider' : 'equal',
  };
}

/** Reads a --costs file (JSON or YAML): any of the DEFAULT_COSTS keys; every problem is named. */
export function checkCosts(raw: unknown, file: string): Partial<CostAssumptions> {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new InputError({ file, message: `expected a map with any of ${Object.keys(DEFAULT_COSTS).join(', ')}` });
  const problems: Problem[] = [];
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (!(key in DEFAULT_COSTS)) problems.push({ file, place: key, message: `unknown cost "${key}" (known: ${Object.keys(DEFAULT_COSTS).join(', ')})` });
    else if (key === 'currency') {
      if (typeof value !== 'string' || !/^[A-Z]{3}$/.test(value)) problems.push({ file, place: key, message: 'must be a three-letter currency code such as EUR' });
      else out[key] = value;
    } else if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (key === 'productiveHoursPerFte' && value < 500)) {
      problems.push({ file, place: key, message: `${JSON.stringify(value)} is not a ${key === 'productiveHoursPerFte' ? 'number of hours (500 or more)' : 'non-negative number'}` });
    } else out[key] = value;
  }
  if (problems.length) throw new InputError(problems);
  return out as Partial<CostAssumptions>;
}
