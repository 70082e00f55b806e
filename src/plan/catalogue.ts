import type { ScoringPlan } from '../questionnaire/plan.js';
import { MODELS } from '../model/taxonomy.js';
import type { ServiceStance } from '../decision/rules.js';
import { InputError, type Problem } from '../util/errors.js';
import { fromPackage, readText } from '../util/files.js';
import { formatPath, locateInJson, type JsonPath } from '../util/locate.js';

/** The service catalogue: FIRST CSIRT Services Framework v2.1 services, mapped to the frameworks the paper names. */
export interface CatalogueService {
  id: string;
  area: string;
  title: string;
  description: string;
  /** NIST CSF 2.0 functions (as used by NIST SP 800-61r3): GV, ID, PR, DE, RS, RC. */
  csf: string[];
  /** ISO/IEC 27035-1:2023 phases. */
  iso27035: string[];
  ooda: string[];
  killChain?: string[];
  /** The stance by recommended model, unless a service rule says otherwise. */
  defaults: Record<'in-house' | 'partial' | 'full', ServiceStance>;
  /** Never outsourced, whatever the model (ENISA §11.1; NIST SP 800-61r2 §2.4.2). */
  neverOutsource?: boolean;
  /** Questions whose answers bear on this service. */
  questions?: string[];
}

export interface CatalogueActivity {
  id: string;
  title: string;
  services: string[];
  /** The row of the rc_raci_matrix question that says how clear the owner is. */
  raciRow?: string;
  /** Always led by the customer. */
  retained?: boolean;
}

export interface Catalogue {
  catalogue: string;
  version: string;
  /** The questionnaire whose question names the catalogue uses; with another questionnaire they are ignored. */
  questionnaire?: string;
  source: string;
  areas: Record<string, string>;
  services: CatalogueService[];
  activities: CatalogueActivity[];
}

export const BUILT_IN_CATALOGUE = fromPackage('questionnaires', 'service-catalogue.json');

const CSF = ['GV', 'ID', 'PR', 'DE', 'RS', 'RC'];
const ISO = ['plan-prepare', 'detect-report', 'assess-decide', 'respond', 'learn'];
const OODA = ['observe', 'orient', 'decide', 'act'];
const KILL_CHAIN = ['reconnaissance', 'weaponization', 'delivery', 'exploitation', 'installation', 'command-and-control', 'actions-on-objectives'];
const STANCES = ['in-house', 'share', 'outsource'];

/** Loads a service catalogue and checks it (ids, mappings, defaults, questions); every problem is named. */
export function loadCatalogue(file: string, plan: ScoringPlan): Catalogue {
  const text = readText(file);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new InputError({ file, message: `is not valid JSON (${(err as Error).message})` });
  }
  return checkCatalogue(json, plan, file, text);
}

export function checkCatalogue(json: unknown, plan: ScoringPlan, file: string, text?: string): Catalogue {
  const problems: Problem[] = [];
  const report = (path: JsonPath, message: string) => problems.push({ file, ...(text ? locateInJson(text, path) : {}), place: formatPath(path) || undefined, message });
  const c = json as Partial<Catalogue>;
  if (!c || typeof c !== 'object' || !Array.isArray(c.services) || !Array.isArray(c.activities) || typeof c.areas !== 'object') {
    throw new InputError({ file, message: 'a service catalogue needs "areas", "services" and "activities"' });
  }
  // Question names (and RACI rows) are checked against the questionnaire the catalogue was written for.
  const sameQuestionnaire = !c.questionnaire || c.questionnaire === plan.id;
  const ids = new Set<string>();
  c.services.forEach((s, i) => {
    const at = (...rest: JsonPath) => ['services', i, ...rest];
    if (typeof s?.id !== 'string' || !/^[a-z][a-z0-9-]*$/.test(s.id)) report(at('id'), 'needs an id of lower-case letters, digits and dashes');
    else if (ids.has(s.id)) report(at('id'), `the service id "${s.id}" is used twice`);
    else ids.add(s.id);
    if (typeof s?.title !== 'string' || !s.title) report(at('title'), 'needs a title');
    if (!(s?.area in (c.areas ?? {}))) report(at('area'), `unknown area "${s?.area}" (areas: ${Object.keys(c.areas ?? {}).join(', ')})`);
    const check = (key: keyof CatalogueService, allowed: string[], required: boolean) => {
      const list = s?.[key] as unknown;
      if (list === undefined && !required) return;
      if (!Array.isArray(list) || (required && !list.length)) return report(at(key), `needs a list of ${allowed.join(', ')}`);
      list.forEach((v, k) => {
        if (!allowed.includes(v)) report(at(key, k), `unknown value "${v}" (allowed: ${allowed.join(', ')})`);
      });
    };
    check('csf', CSF, true);
    check('iso27035', ISO, true);
    check('ooda', OODA, true);
    check('killChain', KILL_CHAIN, false);
    for (const model of MODELS) {
      const stance = s?.defaults?.[model];
      if (!STANCES.includes(stance as string)) report(at('defaults', model), `needs the stance for model ${model}: in-house, share or outsource`);
      else if (s.neverOutsource && stance === 'outsource') report(at('defaults', model), 'a service that is never outsourced cannot default to outsource');
    }
    (s?.questions ?? []).forEach((q, k) => {
      if (sameQuestionnaire && !plan.byName.get(q)?.scored) report(at('questions', k), `"${q}" is not a scored question`);
    });
  });
  c.activities.forEach((a, i) => {
    const at = (...rest: JsonPath) => ['activities', i, ...rest];
    if (typeof a?.id !== 'string' || typeof a?.title !== 'string') report(at(), 'an activity needs an id and a title');
    (a?.services ?? []).forEach((s, k) => {
      if (!ids.has(s)) report(at('services', k), `unknown service "${s}"`);
    });
    if (sameQuestionnaire && a?.raciRow !== undefined && !plan.byName.get('rc_raci_matrix')?.rows.some((r) => r.value === a.raciRow)) {
      report(at('raciRow'), `"${a.raciRow}" is not a row of the rc_raci_matrix question`);
    }
  });
  if (problems.length) throw new InputError(problems);
  return { ...(c as Catalogue), source: file };
}
