import type { RuleSet } from '../decision/rules.js';
import { PAPER_CHALLENGES } from '../model/taxonomy.js';
import type { ScoringPlan } from '../questionnaire/plan.js';

export interface ChallengeCoverage {
  id: string;
  title: string;
  /** Scored questions that cite the challenge. */
  questions: string[];
  /** Rules that cite it, and the gap actions (Q-<question>) of the questions that cite it. */
  answeredBy: string[];
}

/** Which questions ask about each of the paper's 21 challenges, and which rules and actions answer it. */
export function challengeCoverage(plan: ScoringPlan, rules: RuleSet): ChallengeCoverage[] {
  return Object.entries(PAPER_CHALLENGES).map(([id, title]) => {
    const ref = `PAPER:${id}`;
    const questions = plan.questions.filter((q) => q.scored && q.references.includes(ref)).map((q) => q.name);
    const ruleIds = rules.rules.filter((r) => r.references.includes(ref)).map((r) => r.id);
    return { id, title, questions, answeredBy: [...ruleIds, ...questions.filter((q) => plan.byName.get(q)?.action).map((q) => `Q-${q}`)] };
  });
}

/** The coverage as the Markdown table kept in METHODOLOGY.md. */
export function coverageTable(rows: readonly ChallengeCoverage[]): string {
  const lines = ['| Challenge | Questions | Rules and actions |', '|---|---|---|'];
  for (const r of rows) lines.push(`| ${r.id} ${r.title} | ${r.questions.join(', ') || '–'} | ${r.answeredBy.join(', ') || '–'} |`);
  return lines.join('\n');
}
