/**
 * The open handover format: the customer-services knowledge that passes from one incident response
 * provider to the next (contacts, assets, logs, escalation, RACI, SLAs, detection content, playbooks,
 * agents, open cases, evidence, access to revoke, known issues). The JSON Schema is
 * src/schemas/handover.schema.json; docs/handover-format.md documents every field.
 */

export const HANDOVER_FORMAT_VERSION = '1.0';
export const HANDOVER_SCHEMA_ID = 'https://irready.dev/schemas/handover-1.json';

/** "todo": still unknown or incomplete (required fields may be missing); "done" or absent: complete. */
export type ItemStatus = 'todo' | 'done';
export type PartyKind = 'customer' | 'outgoing-provider' | 'incoming-provider' | 'provider' | 'third-party';

interface Item {
  status?: ItemStatus;
  note?: string;
}

export interface Transition extends Item {
  outgoingProvider?: string;
  incomingProvider?: string;
  handoverDate?: string;
  preparedAt?: string;
  preparedBy?: string;
}

export interface HandoverOrganization extends Item {
  /** Required even when the organisation is todo. */
  name: string;
  sector?: string;
  country?: string;
  employees?: number;
  sites?: number;
  regulations?: string[];
  description?: string;
}

export interface Contact extends Item {
  name?: string;
  role?: string;
  party?: PartyKind;
  phone?: string;
  email?: string;
  availability?: string;
}

export interface CriticalAsset extends Item {
  name?: string;
  protect?: string;
  owner?: string;
  location?: string;
  priority?: 'critical' | 'high' | 'medium' | 'low';
}

export interface LogSource extends Item {
  name?: string;
  location?: string;
  retentionMonths?: number;
  heldBy?: string;
  access?: string;
}

export interface EscalationStep {
  who: string;
  how?: 'phone' | 'email' | 'chat' | 'ticket' | 'pager' | 'in-person' | 'other';
  within?: string;
}

export interface EscalationPath extends Item {
  name?: string;
  trigger?: string;
  steps?: EscalationStep[];
}

export interface OnCall extends Item {
  name?: string;
  party?: PartyKind;
  hours?: string;
  contact?: string;
  rota?: string;
}

export interface RaciParty extends Item {
  name?: string;
  kind?: PartyKind;
}

export interface RaciAssignment {
  party: string;
  role: string;
}

export interface RaciActivity extends Item {
  id?: string;
  title?: string;
  assignments?: RaciAssignment[];
}

export interface HandoverRaci {
  parties: RaciParty[];
  activities: RaciActivity[];
}

export interface Sla extends Item {
  severity?: string;
  environment?: 'production' | 'staging' | 'test' | 'development' | 'all';
  kind?: 'detection' | 'notification' | 'response' | 'containment' | 'onsite' | 'resolution' | 'reporting' | 'other';
  target?: string;
  penalty?: string;
  compensation?: string;
}

export interface DetectionContent extends Item {
  name?: string;
  owner?: string;
  kind?: 'rule' | 'use-case' | 'correlation' | 'hunting-query' | 'watchlist' | 'parser' | 'tuning' | 'other';
  platform?: string;
  location?: string;
  exportable?: boolean;
}

export interface Playbook extends Item {
  title?: string;
  kind?: 'playbook' | 'runbook' | 'procedure' | 'checklist';
  location?: string;
  owner?: string;
  version?: string;
  reviewed?: string;
}

export interface Agent extends Item {
  name?: string;
  kind?: 'agent' | 'sensor' | 'collector' | 'tool' | 'integration' | 'other';
  deployedOn?: string;
  count?: number;
  operatedBy?: string;
  removal?: string;
}

export interface OpenCase extends Item {
  id?: string;
  title?: string;
  state?: 'open' | 'contained' | 'monitoring' | 'awaiting-customer' | 'closing';
  severity?: string;
  opened?: string;
  owner?: string;
  location?: string;
  nextStep?: string;
}

export interface Evidence extends Item {
  name?: string;
  location?: string;
  heldBy?: string;
  caseId?: string;
  sha256?: string;
  retainUntil?: string;
  custody?: string;
}

export interface AccessToRevoke extends Item {
  account?: string;
  kind?: 'user-account' | 'service-account' | 'vpn' | 'api-key' | 'certificate' | 'ssh-key' | 'network-rule' | 'other';
  system?: string;
  heldBy?: string;
  revokeBy?: string;
  revoked?: boolean;
}

export interface KnownIssue extends Item {
  title?: string;
  kind?: 'gap' | 'provider-shortfall' | 'accepted-risk' | 'open-question';
  description?: string;
  owner?: string;
  source?: string;
}

/** A handover file of format version 1.0. */
export interface Handover {
  $schema?: string;
  formatVersion: typeof HANDOVER_FORMAT_VERSION;
  transition: Transition;
  organization: HandoverOrganization;
  contacts: Contact[];
  criticalAssets: CriticalAsset[];
  logSources: LogSource[];
  escalationPaths: EscalationPath[];
  onCall: OnCall[];
  raci: HandoverRaci;
  slas: Sla[];
  detectionContent: DetectionContent[];
  playbooks: Playbook[];
  agents: Agent[];
  openCases: OpenCase[];
  evidence: Evidence[];
  accessToRevoke: AccessToRevoke[];
  knownIssues: KnownIssue[];
}

/** The top-level keys in the order files are written. */
export const HANDOVER_KEYS = [
  '$schema', 'formatVersion', 'transition', 'organization', 'contacts', 'criticalAssets', 'logSources', 'escalationPaths', 'onCall', 'raci',
  'slas', 'detectionContent', 'playbooks', 'agents', 'openCases', 'evidence', 'accessToRevoke', 'knownIssues',
] as const;

/** A column of a section table: the field and its heading. */
export interface Column {
  key: string;
  title: string;
}

/** How a part of the file is counted and shown: one object, a list of items, or the RACI's two lists. */
export interface SectionInfo {
  id: string;
  title: string;
  /** The JSON path of the list (or object) in the file. */
  path: (string | number)[];
  /** What the section is for, in one sentence (shown under its heading). */
  purpose: string;
  kind: 'object' | 'list';
  columns: Column[];
  /** A short name for an item, for the list of missing items. */
  label: (item: Record<string, unknown>) => string;
}

const first = (...values: unknown[]) => values.find((v) => typeof v === 'string' && v.trim() !== '') as string | undefined;
const named = (...keys: string[]) => (item: Record<string, unknown>) => first(...keys.map((k) => item[k])) ?? '';

/** Every part of a handover file, in reading order. */
export const SECTIONS: readonly SectionInfo[] = [
  {
    id: 'transition', title: 'Transition', path: ['transition'], kind: 'object',
    purpose: 'Who hands over to whom, and when.',
    columns: [{ key: 'outgoingProvider', title: 'Outgoing provider' }, { key: 'incomingProvider', title: 'Incoming provider' }, { key: 'handoverDate', title: 'Handover date' }, { key: 'preparedBy', title: 'Prepared by' }, { key: 'preparedAt', title: 'Prepared at' }],
    label: () => 'Providers and handover date',
  },
  {
    id: 'organization', title: 'Organisation', path: ['organization'], kind: 'object',
    purpose: 'The customer whose services are handed over.',
    columns: [{ key: 'name', title: 'Name' }, { key: 'sector', title: 'Sector' }, { key: 'country', title: 'Country' }, { key: 'employees', title: 'Employees' }, { key: 'sites', title: 'Sites' }, { key: 'regulations', title: 'Regulations' }, { key: 'description', title: 'Description' }],
    label: named('name'),
  },
  {
    id: 'contacts', title: 'Contacts', path: ['contacts'], kind: 'list',
    purpose: 'People to reach at the customer, at both providers and at third parties.',
    columns: [{ key: 'name', title: 'Name' }, { key: 'role', title: 'Role' }, { key: 'party', title: 'Party' }, { key: 'phone', title: 'Phone' }, { key: 'email', title: 'E-mail' }, { key: 'availability', title: 'Availability' }],
    label: (c) => (c.name && c.role ? `${c.name} (${c.role})` : named('name', 'role')(c)),
  },
  {
    id: 'criticalAssets', title: 'Critical assets', path: ['criticalAssets'], kind: 'list',
    purpose: 'What matters most to the customer, and what about it must be protected.',
    columns: [{ key: 'name', title: 'Asset' }, { key: 'protect', title: 'What must be protected' }, { key: 'priority', title: 'Priority' }, { key: 'owner', title: 'Owner' }, { key: 'location', title: 'Location' }],
    label: named('name'),
  },
  {
    id: 'logSources', title: 'Log sources', path: ['logSources'], kind: 'list',
    purpose: 'Where the logs are, how long they are kept and who holds them.',
    columns: [{ key: 'name', title: 'Source' }, { key: 'location', title: 'Location' }, { key: 'retentionMonths', title: 'Retention (months)' }, { key: 'heldBy', title: 'Held by' }, { key: 'access', title: 'Access' }],
    label: named('name'),
  },
  {
    id: 'escalationPaths', title: 'Escalation paths', path: ['escalationPaths'], kind: 'list',
    purpose: 'Who is told of what, in which order and how fast.',
    columns: [{ key: 'name', title: 'Path' }, { key: 'trigger', title: 'Trigger' }, { key: 'steps', title: 'Steps' }],
    label: named('name', 'trigger'),
  },
  {
    id: 'onCall', title: 'On-call', path: ['onCall'], kind: 'list',
    purpose: 'Who can be reached outside working hours.',
    columns: [{ key: 'name', title: 'Rota' }, { key: 'party', title: 'Party' }, { key: 'hours', title: 'Hours' }, { key: 'contact', title: 'Contact' }, { key: 'rota', title: 'Rota kept at' }],
    label: named('name'),
  },
  {
    id: 'raciParties', title: 'RACI parties', path: ['raci', 'parties'], kind: 'list',
    purpose: 'The parties of the responsibility matrix.',
    columns: [{ key: 'name', title: 'Party' }, { key: 'kind', title: 'Kind' }],
    label: named('name'),
  },
  {
    id: 'raciActivities', title: 'RACI activities', path: ['raci', 'activities'], kind: 'list',
    purpose: 'Who is responsible (R), accountable (A), consulted (C) and informed (I), per incident activity.',
    columns: [{ key: 'title', title: 'Activity' }, { key: 'assignments', title: 'Roles' }],
    label: named('title', 'id'),
  },
  {
    id: 'slas', title: 'Service levels in force', path: ['slas'], kind: 'list',
    purpose: 'Targets per severity and environment, with penalties and compensation agreements.',
    columns: [{ key: 'severity', title: 'Severity' }, { key: 'environment', title: 'Environment' }, { key: 'kind', title: 'Measure' }, { key: 'target', title: 'Target' }, { key: 'penalty', title: 'Penalty' }, { key: 'compensation', title: 'Compensation' }],
    label: (s) => [s.severity, s.environment, s.kind].filter((x) => typeof x === 'string').join(', '),
  },
  {
    id: 'detectionContent', title: 'Detection content', path: ['detectionContent'], kind: 'list',
    purpose: 'Detection rules, use cases and tuning, and who owns them.',
    columns: [{ key: 'name', title: 'Content' }, { key: 'kind', title: 'Kind' }, { key: 'owner', title: 'Owner' }, { key: 'platform', title: 'Platform' }, { key: 'location', title: 'Location' }, { key: 'exportable', title: 'Exportable' }],
    label: named('name'),
  },
  {
    id: 'playbooks', title: 'Playbooks and runbooks', path: ['playbooks'], kind: 'list',
    purpose: 'References to playbooks and runbooks: titles, locations and owners.',
    columns: [{ key: 'title', title: 'Title' }, { key: 'kind', title: 'Kind' }, { key: 'location', title: 'Location' }, { key: 'owner', title: 'Owner' }, { key: 'version', title: 'Version' }, { key: 'reviewed', title: 'Reviewed' }],
    label: named('title'),
  },
  {
    id: 'agents', title: 'Agents and tools deployed', path: ['agents'], kind: 'list',
    purpose: 'Software the outgoing provider deployed, and how to remove it.',
    columns: [{ key: 'name', title: 'Agent or tool' }, { key: 'kind', title: 'Kind' }, { key: 'deployedOn', title: 'Deployed on' }, { key: 'count', title: 'Count' }, { key: 'operatedBy', title: 'Operated by' }, { key: 'removal', title: 'Removal' }],
    label: named('name'),
  },
  {
    id: 'openCases', title: 'Open incidents and cases', path: ['openCases'], kind: 'list',
    purpose: 'Incidents and cases that are not closed at the handover.',
    columns: [{ key: 'id', title: 'Case' }, { key: 'title', title: 'Title' }, { key: 'state', title: 'State' }, { key: 'severity', title: 'Severity' }, { key: 'opened', title: 'Opened' }, { key: 'owner', title: 'Owner' }, { key: 'location', title: 'Records' }, { key: 'nextStep', title: 'Next step' }],
    label: (c) => (c.id && c.title ? `${c.id}: ${c.title}` : named('id', 'title')(c)),
  },
  {
    id: 'evidence', title: 'Evidence held', path: ['evidence'], kind: 'list',
    purpose: 'Evidence collected in incidents, where it is and who holds it.',
    columns: [{ key: 'name', title: 'Evidence' }, { key: 'caseId', title: 'Case' }, { key: 'location', title: 'Location' }, { key: 'heldBy', title: 'Held by' }, { key: 'retainUntil', title: 'Keep until' }, { key: 'custody', title: 'Chain of custody' }, { key: 'sha256', title: 'SHA-256' }],
    label: named('name'),
  },
  {
    id: 'accessToRevoke', title: 'Access to revoke', path: ['accessToRevoke'], kind: 'list',
    purpose: 'Accounts, keys and access the outgoing provider holds, by name only.',
    columns: [{ key: 'account', title: 'Account' }, { key: 'kind', title: 'Kind' }, { key: 'system', title: 'System' }, { key: 'heldBy', title: 'Held by' }, { key: 'revokeBy', title: 'Revoke by' }, { key: 'revoked', title: 'Revoked' }],
    label: (a) => (a.account && a.system ? `${a.account} (${a.system})` : named('account', 'system')(a)),
  },
  {
    id: 'knownIssues', title: 'Known issues and shortfalls', path: ['knownIssues'], kind: 'list',
    purpose: 'Known gaps and problems, and where the previous provider fell short.',
    columns: [{ key: 'title', title: 'Issue' }, { key: 'kind', title: 'Kind' }, { key: 'description', title: 'Description' }, { key: 'owner', title: 'Owner' }, { key: 'source', title: 'Source' }],
    label: (i) => named('title')(i) || (typeof i.kind === 'string' ? `${i.kind.replace(/-/g, ' ')} (to be described)` : ''),
  },
];

/** The value at a path of a parsed file (undefined when absent). */
export function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let at: unknown = root;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string | number, unknown>)[key];
  }
  return at;
}

/** The items of a section: the object itself for an object section, the list's items for a list. */
export function sectionItems(h: Handover, section: SectionInfo): Record<string, unknown>[] {
  const value = valueAt(h, section.path);
  if (section.kind === 'object') return value && typeof value === 'object' ? [value as Record<string, unknown>] : [];
  return Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
}

export const isTodo = (item: { status?: unknown }) => item.status === 'todo';

/** A handover file's text: top-level keys in their documented order, two-space indents, a final newline. */
export function serializeHandover(h: Handover): string {
  const ordered: Record<string, unknown> = {};
  for (const key of HANDOVER_KEYS) if ((h as unknown as Record<string, unknown>)[key] !== undefined) ordered[key] = (h as unknown as Record<string, unknown>)[key];
  return `${JSON.stringify(ordered, null, 2)}\n`;
}
