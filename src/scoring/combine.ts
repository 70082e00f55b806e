import type { Answers } from '../answers/answers.js';
import { DONT_KNOW, NOT_APPLICABLE } from '../model/taxonomy.js';
import type { ScoringPlan } from '../questionnaire/plan.js';
import { answerScore, displayValue, scoreAnswers } from './score.js';

/** Answers that differ by this many points (or levels) or more count as a disagreement. */
export const DISAGREEMENT_SPREAD = 2;

export const COMBINATION_RULE =
  'per question, the answer with the lower median score among the respondents who gave one (so two respondents at 1 and 3 give 1); "not applicable" only when every answering respondent said so; profile questions take the most common answer, ties to the respondent listed first';

export interface RespondentAnswer {
  respondent: string;
  role: string;
  display: string;
  score: number | null;
}

export interface QuestionDisagreement {
  name: string;
  title: string;
  domain: string;
  spread: number;
  answers: RespondentAnswer[];
}

export interface DomainDisagreement {
  id: string;
  title: string;
  spread: number;
  levels: { respondent: string; role: string; level: number | null; score: number | null }[];
}

export interface Disagreements {
  questions: QuestionDisagreement[];
  domains: DomainDisagreement[];
}

export interface Combined {
  data: Record<string, unknown>;
  disagreements: Disagreements;
}

const given = (v: unknown) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);

/**
 * Combines several respondents' answers into one data object by a documented rule (COMBINATION_RULE),
 * and lists where they disagree by two points or more, per question and per domain. Pure.
 */
export function combineAnswers(plan: ScoringPlan, respondents: readonly Answers[]): Combined {
  const data: Record<string, unknown> = {};
  const questions: QuestionDisagreement[] = [];
  for (const q of plan.questions) {
    const answered = respondents.filter((r) => given(r.data[q.name]));
    const comments = q.commentKey
      ? respondents.filter((r) => typeof r.data[q.commentKey!] === 'string' && (r.data[q.commentKey!] as string).trim()).map((r) => (respondents.length > 1 ? `${r.respondent.name} (${r.respondent.role ?? ''}): ${r.data[q.commentKey!]}` : (r.data[q.commentKey!] as string)))
      : [];
    if (comments.length) data[q.commentKey!] = comments.join('\n');
    if (!answered.length) continue;
    if (!q.scored) {
      data[q.name] = mostCommon(answered.map((r) => r.data[q.name]));
      continue;
    }
    const scored = answered
      .map((r, order) => ({ r, order, value: r.data[q.name], score: r.data[q.name] === NOT_APPLICABLE && q.kind === 'choice' ? null : answerScore(q, r.data[q.name]) }))
      .filter((a) => a.score !== null) as { r: Answers; order: number; value: unknown; score: number }[];
    if (!scored.length) {
      data[q.name] = NOT_APPLICABLE;
      continue;
    }
    const sorted = [...scored].sort((a, b) => a.score - b.score || a.order - b.order);
    data[q.name] = sorted[Math.floor((sorted.length - 1) / 2)].value;
    // "Don't know" says nothing about the practice, so it is no side of a disagreement.
    const known = scored.filter((a) => !(a.value === DONT_KNOW && q.kind === 'choice'));
    const spread = known.length > 1 ? Math.max(...known.map((a) => a.score)) - Math.min(...known.map((a) => a.score)) : 0;
    if (spread >= DISAGREEMENT_SPREAD) {
      questions.push({
        name: q.name,
        title: q.title,
        domain: q.domain!,
        spread: round(spread),
        answers: answered.map((r) => ({ respondent: r.respondent.name, role: r.respondent.role ?? '', display: displayValue(q, r.data[q.name]), score: scoreOrNull(q, r.data[q.name]) })),
      });
    }
  }

  // Per domain: each respondent scored alone, compared by level.
  const domains: DomainDisagreement[] = [];
  if (respondents.length > 1) {
    const each = respondents.map((r) => ({ r, scores: scoreAnswers(plan, r.data) }));
    for (const d of each[0].scores.domains) {
      const levels = each.map(({ r, scores }) => {
        const mine = scores.domains.find((x) => x.id === d.id)!;
        return { respondent: r.respondent.name, role: r.respondent.role ?? '', level: mine.level, score: mine.score };
      });
      const known = levels.filter((l) => l.level !== null).map((l) => l.level!);
      const spread = known.length > 1 ? Math.max(...known) - Math.min(...known) : 0;
      if (spread >= DISAGREEMENT_SPREAD) domains.push({ id: d.id, title: d.title, spread, levels });
    }
  }
  return { data, disagreements: { questions, domains } };
}

function scoreOrNull(q: Parameters<typeof answerScore>[0], value: unknown): number | null {
  if (value === NOT_APPLICABLE && q.kind === 'choice') return null;
  const s = answerScore(q, value);
  return s === null ? null : round(s);
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

/** The value given most often; ties go to the one given first. */
function mostCommon(values: unknown[]): unknown {
  const counts = new Map<string, { value: unknown; n: number; first: number }>();
  values.forEach((value, i) => {
    const key = JSON.stringify(value);
    const c = counts.get(key);
    if (c) c.n++;
    else counts.set(key, { value, n: 1, first: i });
  });
  return [...counts.values()].sort((a, b) => b.n - a.n || a.first - b.first)[0].value;
}
