/**
 * The fixed vocabulary of an assessment: domains, stages, levels, reference ids.
 * Labels live here, apart from the logic, so that a second language can be added in one place.
 */

export const STAGES = ['pre-operation', 'operation', 'post-operation'] as const;
export type Stage = (typeof STAGES)[number];

export const STAGE_TITLES: Record<Stage, string> = {
  'pre-operation': 'Pre-operation',
  operation: 'Operation',
  'post-operation': 'Post-operation',
};

export interface DomainInfo {
  id: string;
  title: string;
  /** The role that usually owns the actions of this domain. */
  owner: string;
  /** The four domains the paper's readiness findings rest on; the built-in questionnaire covers each in every stage. */
  required: boolean;
}

export const DOMAINS: readonly DomainInfo[] = [
  { id: 'FR', title: 'Forensic readiness', owner: 'IR lead with legal counsel', required: true },
  { id: 'LC', title: 'Logging coverage', owner: 'Head of IT operations', required: true },
  { id: 'RC', title: 'IR role clarity', owner: 'CISO', required: true },
  { id: 'ST', title: 'Staffing', owner: 'CISO with HR', required: true },
  { id: 'CS', title: 'Contract and SLA readiness', owner: 'Procurement with legal counsel', required: false },
  { id: 'KT', title: 'Knowledge and transition', owner: 'IR lead', required: false },
  { id: 'TI', title: 'Threat intelligence and detection quality', owner: 'Security operations lead', required: false },
];

export const DOMAIN_IDS = DOMAINS.map((d) => d.id);

export function domainInfo(id: string): DomainInfo {
  const found = DOMAINS.find((d) => d.id === id);
  if (!found) throw new Error(`unknown domain ${id}`);
  return found;
}

export interface LevelInfo {
  level: number;
  name: string;
  meaning: string;
}

/** Levels follow the SIM3-style 0-4 answer scale. A score maps to the nearest level. */
export const LEVELS: readonly LevelInfo[] = [
  { level: 0, name: 'Absent', meaning: 'absent or unknown' },
  { level: 1, name: 'Initial', meaning: 'done informally, nothing written' },
  { level: 2, name: 'Defined', meaning: 'written down, not approved' },
  { level: 3, name: 'Managed', meaning: 'formal and approved by management' },
  { level: 4, name: 'Optimised', meaning: 'formal, measured and independently reviewed' },
];

/** Reserved choice values on single-choice questions. */
export const NOT_APPLICABLE = 'na';
export const DONT_KNOW = 'dk';
/** SurveyJS's own "none of these" item on checklists. */
export const NONE_ITEM = 'none';

export const MODELS = ['in-house', 'partial', 'full'] as const;
export type SourcingModel = (typeof MODELS)[number];

/** How each readiness to work with a provider reads in reports and tables. */
export const READINESS_TITLES = {
  ready: 'Ready',
  'ready-with-conditions': 'Ready with conditions',
  'not-ready': 'Not ready',
  undetermined: 'Undetermined (too few answers)',
} as const;

export const MODEL_TITLES: Record<SourcingModel, string> = {
  'in-house': 'In-house incident response',
  partial: 'Partial (co-managed) outsourcing',
  full: 'Full outsourcing',
};

export const PRIORITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const HORIZONS = [30, 90, 180] as const;
export type Horizon = (typeof HORIZONS)[number];

/** The paper's 21 challenges, by stage. */
export const PAPER_CHALLENGES: Record<string, string> = {
  P1: 'Identifying the services needed',
  P2: 'Choosing the right provider',
  P3: 'Staff morale when in-house work is outsourced',
  P4: 'Communicating in a foreign language with global providers',
  P5: 'Predicting the resources needed and justifying them',
  O1: 'Emergency response for new customers',
  O2: 'Provider staff available when an emergency call comes',
  O3: 'Communication between external and internal teams',
  O4: 'Global breaches: logs in several countries',
  O5: 'Combining strategic information and threat intelligence',
  O6: 'Alerts without false positives',
  O7: 'Keeping customers: trust between provider and customer',
  O8: 'Cultural differences with offshore staff',
  O9: 'Offshore staff unavailable',
  O10: 'Several providers in one incident',
  O11: 'Collecting logs',
  O12: 'Remote response through endpoint agents',
  O13: 'Lack of skilled personnel',
  O14: 'Incident response roles not clearly defined',
  X1: "Understanding a new customer's needs when it switches",
  X2: 'Knowledge transition between providers',
};

/** Reference ids that questions and rules may cite; some take a section or CSF id after a colon. */
const PLAIN_REFERENCES = new Set([
  'NIST-800-61r2', 'NIST-800-61r3', 'ISO-27035-1', 'ISO-27035-2', 'ISO-27035-3', 'ISO-27035-4', 'ISO-27037',
  'ISO-27043', 'ENISA-IM-2010', 'SIM3', 'FIRST-CSF-2.1', 'OMB-M-21-31', 'NIST-800-92', 'ASD-CISA-LOGGING-2024',
  'MITRE-11-STRATEGIES', 'DORA', 'NIS2', 'ROWLINGSON-2004',
]);
const QUALIFIED_REFERENCE = /^(NIST-800-61r3:(GV|ID|PR|DE|RS|RC)\.[A-Z]{2}-\d{2}|NIST-800-61r2:\d+(\.\d+)*|ENISA-IM-2010:\d+(\.\d+)*|DORA:Art\.\d+(\(\d+\))?|NIS2:Art\.\d+)$/;

export function isKnownReference(id: string): boolean {
  if (PLAIN_REFERENCES.has(id) || QUALIFIED_REFERENCE.test(id)) return true;
  const paper = /^PAPER:([A-Z]\d+)$/.exec(id);
  return !!paper && paper[1] in PAPER_CHALLENGES;
}

export const REFERENCE_TITLES: Record<string, string> = {
  'NIST-800-61r2': 'NIST SP 800-61 Rev. 2, Computer Security Incident Handling Guide (2012)',
  'NIST-800-61r3': 'NIST SP 800-61 Rev. 3, Incident Response Recommendations and Considerations for Cybersecurity Risk Management (2025)',
  'ISO-27035-1': 'ISO/IEC 27035-1:2023, Information security incident management: principles and process',
  'ISO-27035-2': 'ISO/IEC 27035-2:2023, Guidelines to plan and prepare for incident response',
  'ISO-27035-3': 'ISO/IEC 27035-3:2020, Guidelines for ICT incident response operations',
  'ISO-27035-4': 'ISO/IEC 27035-4, Coordination',
  'ISO-27037': 'ISO/IEC 27037:2012, Guidelines for identification, collection, acquisition and preservation of digital evidence',
  'ISO-27043': 'ISO/IEC 27043:2015, Incident investigation principles and processes',
  'ENISA-IM-2010': 'ENISA, Good Practice Guide for Incident Management (2010)',
  SIM3: 'SIM3, Security Incident Management Maturity Model',
  'FIRST-CSF-2.1': 'FIRST CSIRT Services Framework v2.1',
  'OMB-M-21-31': 'OMB M-21-31, Improving the Federal Government’s Investigative and Remediation Capabilities (event logging tiers EL0-EL3)',
  'NIST-800-92': 'NIST SP 800-92, Guide to Computer Security Log Management',
  'ASD-CISA-LOGGING-2024': 'ASD and CISA, Best Practices for Event Logging and Threat Detection (2024)',
  'MITRE-11-STRATEGIES': 'MITRE, 11 Strategies of a World-Class Cybersecurity Operations Center',
  DORA: 'Regulation (EU) 2022/2554, Digital Operational Resilience Act',
  NIS2: 'Directive (EU) 2022/2555, NIS2',
  'ROWLINGSON-2004': 'R. Rowlingson, A Ten Step Process for Forensic Readiness (2004)',
  PAPER: 'A. R. Reyes Zúñiga and M. G. Jaatun, Passing the Buck: Outsourcing Incident Response Management',
};

/** The title of a reference id: its base document, with the section or challenge it names. */
export function referenceTitle(id: string): string {
  const [base, part] = id.split(':');
  const title = REFERENCE_TITLES[base] ?? base;
  if (!part) return title;
  if (base === 'PAPER') return `${title}, challenge ${part} (${PAPER_CHALLENGES[part] ?? '?'})`;
  return `${title}, ${part}`;
}
