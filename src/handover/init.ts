import type { ScoringPlan } from '../questionnaire/plan.js';
import type { AssessmentResult } from '../result/result.js';
import type { ProfileAnswer, ScoredAnswer } from '../scoring/score.js';
import { HANDOVER_FORMAT_VERSION, HANDOVER_SCHEMA_ID, type Contact, type CriticalAsset, type Handover, type KnownIssue, type LogSource, type PartyKind, type RaciActivity } from './format.js';

/** Matrix columns of lc_source_matrix whose logs are kept centrally (so the retention answer applies). */
const CENTRAL_COLUMNS = new Set(['central', 'retained', 'provider']);
const SEVERITIES = ['critical', 'high', 'medium', 'low'];

/**
 * A first handover file from an assessment: what the assessment already knows (organisation, people
 * who answered, questions about critical assets, log sources and retention, the RACI of the plan, the
 * blockers and gaps) is filled in; everything else is an item with status "todo" and a note saying what
 * to find out. Pure: the plan only supplies the words for answer values.
 */
export function handoverFromResult(result: AssessmentResult, plan?: ScoringPlan): Handover {
  const answers = new Map<string, ScoredAnswer | ProfileAnswer>([...result.profile, ...result.answers].map((a) => [a.name, a]));
  const value = (name: string) => answers.get(name)?.value;
  const comment = (name: string) => answers.get(name)?.comment?.trim() || undefined;
  const said = (name: string) => {
    const a = answers.get(name);
    if (!a || a.value === undefined) return '';
    return ` The assessment answered "${a.title}" with "${a.display ?? String(a.value)}"${a.comment ? ` (comment: ${a.comment.trim()})` : ''}.`;
  };
  const choiceText = (question: string, v: string) => plan?.byName.get(question)?.choices.find((c) => c.value === v)?.text ?? v;
  const date = result.generatedAt.slice(0, 10);
  const source = `irready assessment of ${date}`;

  // Organisation -------------------------------------------------------------------------------------
  const org = result.organization;
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  const int = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined);
  const sectorValue = str(value('org_sector'));
  const regulations = Array.isArray(value('org_regulations')) ? [...new Set((value('org_regulations') as unknown[]).filter((v): v is string => typeof v === 'string' && v !== 'none').map((v) => choiceText('org_regulations', v)))] : [];
  const organization: Handover['organization'] = {
    name: org.name,
    ...(str(org.sector) ? { sector: str(org.sector) } : sectorValue ? { sector: choiceText('org_sector', sectorValue) } : {}),
    ...(str(org.country) ? { country: str(org.country) } : {}),
    ...(int(value('org_employees')) !== undefined ? { employees: int(value('org_employees')) } : {}),
    ...(int(value('org_sites')) !== undefined ? { sites: int(value('org_sites')) } : {}),
    ...(regulations.length ? { regulations } : {}),
    ...(str(result.description) ? { description: str(result.description) } : {}),
  };

  // Contacts: the people who answered, and the providers' service managers to be named -------------
  const contacts: Contact[] = [];
  const seen = new Set<string>();
  for (const r of result.respondents) {
    if (!str(r.name) || seen.has(r.name)) continue;
    seen.add(r.name);
    contacts.push({ name: r.name, ...(str(r.role) ? { role: str(r.role) } : {}), party: 'customer', status: 'todo', note: 'Answered the readiness assessment. Add phone, e-mail and availability.' });
  }
  contacts.push(
    { role: 'Incident coordinator', party: 'customer', status: 'todo', note: 'Who directs incident response for the customer and can instruct both providers during the transition?' },
    { role: 'Service manager', party: 'outgoing-provider', status: 'todo', note: 'The outgoing provider\'s contact for the handover, with a deputy.' },
    { role: 'Service manager', party: 'incoming-provider', status: 'todo', note: 'The incoming provider\'s contact for the handover, with a deputy.' },
  );

  // Critical assets: one item per answered question about them --------------------------------------
  const criticalAssets: CriticalAsset[] = [];
  for (const a of [...result.profile, ...result.answers]) {
    if (a.value === undefined) continue;
    const aboutAssets = /critical assets?/i.test(a.title);
    const commentMentions = !aboutAssets && a.comment !== undefined && /\bassets?\b/i.test(a.comment);
    if (!aboutAssets && !commentMentions) continue;
    criticalAssets.push({ status: 'todo', note: `Name each critical asset, what about it must be protected, its owner and where it runs.${said(a.name)}` });
  }
  if (!criticalAssets.length) criticalAssets.push({ status: 'todo', note: 'Name each critical asset, what about it must be protected, its owner and where it runs.' });

  // Log sources: the source matrix, with retention for the central ones ------------------------------
  const logSources: LogSource[] = [];
  const notLogged: string[] = [];
  const matrix = value('lc_source_matrix');
  const months = value('lc_retention_months');
  if (matrix && typeof matrix === 'object' && !Array.isArray(matrix)) {
    const question = plan?.byName.get('lc_source_matrix');
    const rows = question?.rows.length ? question.rows.map((r) => ({ value: r.value, text: r.text })) : Object.keys(matrix).map((k) => ({ value: k, text: k }));
    for (const row of rows) {
      const column = (matrix as Record<string, unknown>)[row.value];
      if (typeof column !== 'string') continue;
      if (column === 'none') {
        notLogged.push(row.text);
        continue;
      }
      const central = CENTRAL_COLUMNS.has(column);
      logSources.push({
        name: row.text,
        location: question?.choices.find((c) => c.value === column)?.text ?? column,
        ...(central && typeof months === 'number' && months >= 0 ? { retentionMonths: months } : {}),
        status: 'todo',
        note: `Name the platform, who holds these logs and how the incoming provider gets access or an export.${logSources.length === 0 && comment('lc_central_collection') ? ` Assessment comment: ${comment('lc_central_collection')}` : ''}`,
      });
    }
  }
  if (!logSources.length) logSources.push({ status: 'todo', note: `List each log source, where its logs are kept, for how long and who holds them.${said('lc_central_collection')}` });

  // RACI: the plan's matrix; unclear cells make the activity todo ------------------------------------
  const raci = result.plan.raci;
  const kindOf = (party: string): PartyKind => (party === 'Customer' ? 'customer' : 'provider');
  const activities: RaciActivity[] = raci.rows.map((row) => {
    const gaps = row.cells.filter((c) => c.gap);
    return {
      id: row.activity,
      title: row.title,
      assignments: row.cells.filter((c) => c.role !== null).map((c) => ({ party: c.party, role: c.role! })),
      ...(gaps.length ? { status: 'todo' as const, note: `Unclear: ${gaps.map((c) => `${c.party}: ${c.note ?? 'no role'}`).join('; ')}.` } : {}),
    };
  });

  // Known issues: blockers, then the critical and high gaps, then what is not logged ---------------
  const knownIssues: KnownIssue[] = result.decision.blockers.map((b) => ({ title: b.title, kind: 'gap' as const, description: `${b.rationale} Fix: ${b.fix}`, source: `${source} (${b.id})` }));
  for (const a of result.actions) {
    if (a.source === 'blocker' || (a.priority !== 'critical' && a.priority !== 'high')) continue;
    const question = a.source === 'question' ? answers.get(a.questions[0]) : undefined;
    knownIssues.push({ title: a.title, kind: 'gap', description: question ? `${question.title} ${a.why}` : a.why, owner: a.owner, source: `${source} (${a.id})` });
  }
  for (const row of notLogged) knownIssues.push({ title: `Not logged: ${row}`, kind: 'gap', description: 'The assessment says logs of this source category are not collected.', source: `${source} (lc_source_matrix)` });
  knownIssues.push({ kind: 'provider-shortfall', status: 'todo', note: 'Where did the previous provider fall short (missed detections, late notifications, SLAs missed)? What does the customer expect to be different?' });

  const slaNote = ['Give detection, notification and response targets for each severity and environment, with penalties and any compensation agreement.', comment('cs_response_vs_detection_sla') && `Assessment comment: ${comment('cs_response_vs_detection_sla')}`, comment('cs_sla_per_severity_environment') && `Assessment comment: ${comment('cs_sla_per_severity_environment')}`].filter(Boolean).join(' ');
  const detectionNote = [
    'List the detection rules and use cases, who owns them and whether they can be exported.',
    value('ti_detection_content_owned') === false ? 'The assessment says the customer does not own the detection content built for it.' : '',
    comment('kt_provider_only_copy') ? `Assessment comment: ${comment('kt_provider_only_copy')}` : '',
  ].filter(Boolean).join(' ');

  return {
    $schema: HANDOVER_SCHEMA_ID,
    formatVersion: HANDOVER_FORMAT_VERSION,
    transition: {
      preparedAt: result.generatedAt,
      preparedBy: `${result.tool.name} ${result.tool.version} from the readiness assessment`,
      status: 'todo',
      note: 'Name the outgoing and incoming providers and the handover date.',
    },
    organization,
    contacts,
    criticalAssets,
    logSources,
    escalationPaths: [{ name: 'Critical incident', status: 'todo', note: `Who is told, in which order, by what means and how fast; add a path for each severity or incident type.${said('fr_escalation_criteria')}` }],
    onCall: [
      { name: 'Customer on-call', party: 'customer', status: 'todo', note: `The hours covered, how to reach it and where the rota is kept.${said('st_coverage_vs_need')}` },
      { name: 'Incoming provider on-call', party: 'incoming-provider', status: 'todo', note: 'The hours covered and how to reach it.' },
    ],
    raci: { parties: raci.parties.map((name) => ({ name, kind: kindOf(name) })), activities },
    slas: SEVERITIES.map((severity, i) => ({ severity, environment: 'production' as const, status: 'todo' as const, ...(i === 0 ? { note: slaNote } : {}) })),
    detectionContent: [{ status: 'todo', note: detectionNote }],
    playbooks: [{ kind: 'playbook', status: 'todo', note: `List each playbook and runbook by title, location and owner.${said('kt_playbooks_owned')}` }],
    agents: [{ status: 'todo', note: `List the agents, sensors and collectors the outgoing provider deployed, where, and how each is removed.${said('lc_endpoint_agents')}` }],
    openCases: [{ status: 'todo', note: 'List the incidents and cases open at the handover (remove this item when there are none).' }],
    evidence: [{ status: 'todo', note: `List the evidence held, where, by whom and until when.${said('fr_evidence_preservation')}` }],
    accessToRevoke: [{ status: 'todo', note: `List every account, VPN access, API key and certificate the outgoing provider holds, by name only.${said('kt_access_revocation')}` }],
    knownIssues,
  };
}
