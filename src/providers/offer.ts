import { createRequire } from 'node:module';
import type { Catalogue } from '../plan/catalogue.js';
import { InputError, type Problem } from '../util/errors.js';
import { lineAndColumn, readText } from '../util/files.js';
import { formatPath, locateInJson, type JsonPath } from '../util/locate.js';
import { schemaProblems, schemaValidator } from '../util/schema.js';
import { readStructured } from '../util/structured.js';

const require = createRequire(import.meta.url);

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const ENVIRONMENTS = ['production', 'test', 'development'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

/** Minutes, or the provider's promise of best effort only. */
export type Minutes = number | 'best-effort';

export interface SlaTerm {
  /** Minutes from detection to notifying the customer. */
  notify: Minutes;
  /** Minutes from notification to a responder engaged. */
  respond: Minutes;
}

export interface OfferService {
  /** The service as the provider names it. */
  name: string;
  /** The catalogue services it delivers. */
  maps: string[];
  hours: '24x7' | 'business-hours';
  delivery: ('remote' | 'on-site')[];
  notes?: string;
}

export interface OfferTerms {
  audit_rights?: boolean;
  evidence_chain_of_custody?: boolean;
  action_log?: boolean;
  customer_log_platform?: boolean;
  data_use_limited?: boolean;
  monthly_sla_report?: boolean;
  works_with_other_providers?: boolean;
  retainer_onboarding_visit?: boolean;
  retainer_hours_for_exercises?: boolean;
}

/** One provider's offer (the offer file format, see src/schemas/offer.schema.json). */
export interface Offer {
  provider: string;
  offer_date: string;
  reference?: string;
  services: OfferService[];
  socs: { city: string; country: string }[];
  languages: string[];
  staff: { named_team: boolean; emergency_answer_minutes: number; onsite_reach?: { hours: number; countries: string[] }; minimum_staff_per_shift?: number };
  sla: Partial<Record<Environment, Partial<Record<Severity, SlaTerm>>>>;
  penalties: { service_credits: boolean; graded_by_severity?: boolean; cap_percent?: number; compensation_agreement?: 'none' | 'informal' | 'written' };
  exit: { transition_assistance_months: number; data_return: boolean; knowledge_pack?: { format: string; open: boolean }; agent_removal?: boolean };
  terms?: OfferTerms;
  notes?: string;
}

/** An offer as loaded: its data and the file it came from. */
export interface LoadedOffer {
  offer: Offer;
  source: string;
}

/** The line and column of the value at `path` in a YAML text, or of its nearest ancestor that exists. */
export function locateInYaml(text: string, path: JsonPath): { line?: number; column?: number } {
  const { parseDocument, isNode } = require('yaml') as typeof import('yaml');
  const doc = parseDocument(text, { keepSourceTokens: false });
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) return lineAndColumn(text, node.range[0]);
  }
  return {};
}

/** Reads an offer (YAML or JSON) and checks it against the schema and the service catalogue. */
export function loadOffer(file: string, catalogue: Catalogue): LoadedOffer {
  const json = readStructured(file);
  return { offer: checkOffer(json, catalogue, file, () => readText(file)), source: file };
}

/**
 * Checks an offer: first the schema, then what the schema cannot say. Every catalogue service id an
 * offered service maps to must exist; a provider names a service once. Each problem names its place.
 */
export function checkOffer(json: unknown, catalogue: Catalogue, file: string, sourceText?: () => string): Offer {
  const problems: Problem[] = [];
  let text: string | undefined;
  const report = (path: JsonPath, message: string) => {
    text ??= sourceText?.();
    const where = text ? (/\.ya?ml$/i.test(file) ? locateInYaml(text, path) : locateInJson(text, path)) : {};
    problems.push({ file, ...where, place: formatPath(path) || undefined, message });
  };
  const validate = schemaValidator('offer');
  if (!validate(json)) {
    for (const p of schemaProblems(validate.errors)) report(p.path, p.message);
    throw new InputError(problems);
  }
  const offer = json as Offer;
  const known = new Set(catalogue.services.map((s) => s.id));
  const names = new Map<string, number>();
  offer.services.forEach((s, i) => {
    const key = s.name.trim().toLowerCase();
    if (names.has(key)) report(['services', i, 'name'], `the service "${s.name}" is offered twice (also services[${names.get(key)}])`);
    else names.set(key, i);
    s.maps.forEach((id, k) => {
      if (!known.has(id)) report(['services', i, 'maps', k], `unknown catalogue service "${id}" (services: ${[...known].join(', ')})`);
    });
  });
  const socs = new Set<string>();
  offer.socs.forEach((soc, i) => {
    const key = `${soc.city.trim().toLowerCase()}|${soc.country}`;
    if (socs.has(key)) report(['socs', i], `the SOC in ${soc.city} (${soc.country}) is listed twice`);
    socs.add(key);
  });
  if (Number.isNaN(Date.parse(offer.offer_date))) report(['offer_date'], `"${offer.offer_date}" is not a date`);
  if (problems.length) throw new InputError(problems);
  return offer;
}
