import { DOMAINS, LEVELS, MODEL_TITLES, PAPER_CHALLENGES, PRIORITIES, READINESS_TITLES, referenceTitle, STAGE_TITLES, STAGES, type SourcingModel } from '../model/taxonomy.js';
import type { AssessmentResult } from '../result/result.js';
import type { Summary } from '../scoring/score.js';
import { DEFAULT_BRAND, logoDataUri, type Brand } from './brand.js';
import type { ChartDomain } from './charts.js';

/**
 * The view model that every template reads: the result, formatted for people. Built from the result
 * alone; nothing here scores or decides.
 */
export function buildView(result: AssessmentResult, brand: Brand = DEFAULT_BRAND) {
  const pct = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)}%`);
  const num = (x: number | null) => (x === null ? '–' : x.toFixed(2));
  const level = (s: Summary) => (s.level === null ? 'not assessed' : `${s.levelName} (${s.level})`);
  const titleOf = new Map(result.answers.map((a) => [a.name, a.title]));
  const cell = (s: Summary) => ({
    score: num(s.score),
    level: s.level,
    levelName: s.levelName ?? 'not assessed',
    coverage: pct(s.coverage),
    questions: s.questions,
    capped: s.capped,
  });

  const answerText = (a: AssessmentResult['answers'][number]) =>
    a.status === 'hidden' ? 'Not asked (does not apply to this organisation)' : a.status === 'unanswered' ? 'Not answered' : a.status === 'not-applicable' ? 'Not applicable' : a.display ?? '';
  const domains = result.domains.map((d) => ({
    id: d.id,
    title: d.title,
    score: num(d.score),
    level: level(d),
    levelNumber: d.level,
    hasLevel: d.level !== null,
    hasTarget: d.target !== undefined,
    levelName: d.levelName ?? 'not assessed',
    coverage: pct(d.coverage),
    questions: d.questions,
    notApplicable: d.notApplicable,
    dontKnow: d.dontKnow,
    unanswered: d.unanswered,
    capped: d.capped,
    cappedBy: d.cappedBy.map((n) => titleOf.get(n) ?? n),
    target: d.target ?? null,
    gap: d.gap ?? null,
    stages: STAGES.map((s) => ({ id: s, title: STAGE_TITLES[s], ...cell(d.stages[s]), target: d.stages[s].target ?? null, gap: d.stages[s].gap ?? null })),
    findings: result.answers
      .filter((a) => a.domain === d.id && a.status !== 'hidden')
      .map((a) => ({
        name: a.name,
        title: a.title,
        answer: answerText(a),
        score: a.score === null ? '–' : num(a.score),
        status: a.status,
        critical: a.critical,
        gap: a.score !== null && a.score < 3,
        comment: a.comment ?? '',
      })),
  }));

  // The board reads the gaps (below 3, "don't know", unanswered); every answer is in the appendix.
  const withGaps = domains.map((d) => {
    const gaps = d.findings.filter((f) => f.gap || f.status === 'unanswered');
    return { ...d, gaps, strengths: d.findings.length - gaps.length };
  });

  const decision = result.decision;
  const modelRule = decision.rules.find((r) => r.id === decision.modelRule);
  const modelWord = (m: SourcingModel) => MODEL_TITLES[m].charAt(0).toLowerCase() + MODEL_TITLES[m].slice(1);
  const flips = decision.flips.map((f) => ({
    ...f,
    text: f.fact.startsWith('profile.')
      ? `If "${f.label}" were ${show(f.to)} instead of ${show(f.from)}, the recommendation would be ${modelWord(f.model)} (rule ${f.rule}).`
      : `If ${f.label} moved from ${LEVELS[f.from as number].name} (${f.from}) to ${LEVELS[f.to as number].name} (${f.to}), the recommendation would be ${modelWord(f.model)} (rule ${f.rule}).`,
  }));

  const actions = result.actions.map((a, i) => ({
    ...a,
    number: i + 1,
    domainTitle: DOMAINS.find((d) => d.id === a.domain)?.title ?? a.domain,
    stagesText: a.stages.map((s) => STAGE_TITLES[s]).join(', '),
    questionsText: a.questions.join(', '),
  }));
  const actionGroups = PRIORITIES.map((p) => ({ priority: p, title: `${p[0].toUpperCase()}${p.slice(1)} priority`, actions: actions.filter((a) => a.priority === p) })).filter((g) => g.actions.length);

  const cited = new Set<string>();
  for (const a of result.answers) a.references.forEach((r) => cited.add(r));
  for (const r of decision.rules) r.references.forEach((x) => cited.add(x));
  const references = [...cited].sort().map((id) => ({ id, title: referenceTitle(id) }));
  const challenges = Object.entries(PAPER_CHALLENGES).map(([id, title]) => ({ id, title }));

  const chartDomains: ChartDomain[] = result.domains.map((d) => ({
    id: d.id,
    title: d.title,
    score: d.score,
    level: d.level,
    capped: d.capped,
    ...(d.target !== undefined ? { target: d.target } : {}),
    stages: Object.fromEntries(STAGES.map((s) => [s, { score: d.stages[s].score, level: d.stages[s].level }])) as ChartDomain['stages'],
  }));
  const hasTargets = result.domains.some((d) => d.target !== undefined);

  return {
    brand: {
      name: brand.name ?? '',
      accent: brand.accent,
      marking: brand.marking,
      footer: brand.footer ?? '',
      logo: brand.logo ? logoDataUri(brand.logo) : '',
    },
    chartDomains,
    hasTargets,
    belowTarget: result.domains.filter((d) => (d.gap ?? 0) > 0).map((d) => ({ title: d.title, level: d.level, target: d.target, gap: d.gap })),
    title: `Incident response outsourcing readiness: ${result.organization.name}`,
    organization: result.organization,
    description: result.description ?? '',
    respondents: result.respondents.map((r) => ({ name: r.name, role: r.role ?? '' })),
    date: result.generatedAt.slice(0, 10),
    generatedAt: result.generatedAt,
    tool: result.tool,
    questionnaire: result.questionnaire,
    overall: { ...cell(result.overall), level: level(result.overall), levelNumber: result.overall.level, hasLevel: result.overall.level !== null, answered: result.overall.answered, unanswered: result.overall.unanswered, dontKnow: result.overall.dontKnow, notApplicable: result.overall.notApplicable },
    decision: {
      model: decision.model,
      modelTitle: decision.modelTitle,
      summary: decision.summary,
      modelRule: decision.modelRule,
      modelRationale: modelRule?.rationale ?? '',
      modelBecause: modelRule?.because.length ? modelRule.because.join('; ') : 'always applies',
      readinessId: decision.readiness,
      readiness: READINESS_TITLES[decision.readiness],
      confidence: decision.confidence,
      blockers: decision.blockers.map((b) => ({ ...b, domainTitle: DOMAINS.find((d) => d.id === b.domain)?.title ?? b.domain, becauseText: b.because.join('; '), referencesText: b.references.join(', ') })),
      retained: decision.retained.map((r) => ({ ...r, referencesText: r.references.join(', ') })),
      rules: decision.rules.map((r) => ({ ...r, becauseText: r.because.length ? r.because.join('; ') : 'always applies', referencesText: r.references.join(', ') })),
      flips,
      hasFlips: flips.length > 0,
    },
    domains: withGaps,
    actions,
    topActions: actions.slice(0, 5),
    actionGroups,
    disagreements: {
      hasAny: result.disagreements.questions.length + result.disagreements.domains.length > 0,
      intro: `${result.combination.respondents} respondents answered; their answers were combined per question (${result.combination.rule}). Where they differ by two points or more, the difference is itself a finding: people who describe the same practice differently do not share one picture of it.`,
      questions: result.disagreements.questions.map((q) => ({
        ...q,
        domainTitle: DOMAINS.find((d) => d.id === q.domain)?.title ?? q.domain,
        answersText: q.answers.map((a) => `${a.respondent} (${a.role}): ${a.display}${a.score === null ? '' : ` [${a.score}]`}`).join('; '),
      })),
      domains: result.disagreements.domains.map((d) => ({
        ...d,
        levelsText: d.levels.map((l) => `${l.respondent} (${l.role}): ${l.level === null ? 'not assessed' : `${LEVELS[l.level].name} (${l.level})`}`).join('; '),
      })),
    },
    combination: result.combination,
    plan: planView(result),
    profile: result.profile.map((p) => ({ title: p.title, answer: p.display ?? 'Not answered' })),
    allAnswers: result.answers.map((a) => ({
      title: a.title,
      domain: a.domain,
      answer: answerText(a),
      score: a.score === null ? '–' : num(a.score),
      comment: a.comment ?? '',
    })),
    /** Filled in by the HTML, PDF and Word renderers, which draw the charts. */
    charts: { bars: '', heatmap: '', costs: '' },
    references,
    challenges,
    levels: LEVELS,
    stages: STAGES.map((s) => ({ id: s, title: STAGE_TITLES[s] })),
  };
}

export type ReportView = ReturnType<typeof buildView>;

function show(v: unknown): string {
  if (v === null || v === undefined) return 'unanswered';
  if (Array.isArray(v)) return v.length ? v.join(', ') : 'nothing';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return String(v);
}

const STANCE_TITLES = { 'in-house': 'Keep in-house', share: 'Share with the provider', outsource: 'Outsource' } as const;
const CSF_TITLES: Record<string, string> = { GV: 'Govern', ID: 'Identify', PR: 'Protect', DE: 'Detect', RS: 'Respond', RC: 'Recover' };
const ISO_TITLES: Record<string, string> = { 'plan-prepare': 'Plan and prepare', 'detect-report': 'Detect and report', 'assess-decide': 'Assess and decide', respond: 'Respond', learn: 'Learn lessons' };

/** The outsourcing plan, formatted: services, RACI, staffing and cost, contract requirements. */
function planView(result: AssessmentResult) {
  const p = result.plan;
  const money = (x: number) => `${p.costs.currency} ${Math.round(x).toLocaleString('en-GB')}`;
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  return {
    catalogue: p.catalogue,
    services: p.services.map((s) => ({
      ...s,
      stanceTitle: STANCE_TITLES[s.stance],
      csfText: s.csf.map((c) => CSF_TITLES[c] ?? c).join(', '),
      isoText: s.iso27035.map((c) => ISO_TITLES[c] ?? c).join(', '),
      oodaText: s.ooda.map(cap).join(', '),
      killChainText: s.killChain.length ? s.killChain.join(', ') : '–',
      reasonText: s.rule ? `${s.why} (rule ${s.rule}: ${s.because.join('; ')})` : s.why,
    })),
    stanceCounts: (['in-house', 'share', 'outsource'] as const).map((st) => ({ stance: STANCE_TITLES[st], count: p.services.filter((s) => s.stance === st).length })),
    raci: {
      parties: p.raci.parties,
      gaps: p.raci.gaps,
      rows: p.raci.rows.map((r) => ({ ...r, cells: r.cells.map((c) => ({ ...c, text: c.role ?? 'GAP' })) })),
      gapNotes: p.raci.rows.flatMap((r) => r.cells.filter((c) => c.gap).map((c) => `${r.title}, ${c.party}: ${c.note ?? 'unclear'}`)),
    },
    staffing: {
      ...p.staffing,
      coverageText: p.staffing.coverage === '24x7' ? 'around the clock (24x7)' : 'business hours',
      gapText: p.staffing.gap > 0 ? `${p.staffing.gap} FTE short` : p.staffing.gap < 0 ? `${-p.staffing.gap} FTE to spare` : 'no gap',
    },
    costs: {
      ...p.costs,
      rows: [p.costs.inHouse, p.costs.provider].map((o) => ({ label: o.label, setup: money(o.setup), perYear: money(o.perYear), year1: money(o.year1), year3: money(o.year3) })),
      breakEvenText:
        p.costs.breakEvenMonth === null
          ? 'Neither option pays back the other within the comparison.'
          : p.costs.breakEvenMonth === 0
            ? `${p.costs.cheaperOverThreeYears === 'provider' ? 'The provider option' : 'The in-house option'} is cheaper from the start.`
            : `The option that is cheaper to run pays back its higher setup cost after ${p.costs.breakEvenMonth} months.`,
      assumptionText: p.costs.assumed
        ? 'These figures use irready\'s default cost assumptions (round Western European figures); replace them with --costs for a real budget.'
        : 'These figures use the cost assumptions given with --costs.',
    },
    requirements: p.requirements.map((r, i) => ({ ...r, number: i + 1, becauseText: r.because.join('; '), referencesText: r.references.join(', ') })),
  };
}
