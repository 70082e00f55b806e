import { STAGES } from '../model/taxonomy.js';
import type { Scores } from '../scoring/score.js';

/** The facts that rule conditions read, named as in the rules file: profile.x, q.x.score, LC.level, LC.operation.level, overall.score. */
export function factsFrom(scores: Scores): Map<string, unknown> {
  const facts = new Map<string, unknown>();
  for (const p of scores.profile) facts.set(`profile.${p.name}`, p.value);
  for (const a of scores.answers) {
    facts.set(`q.${a.name}.score`, a.score ?? undefined);
    facts.set(`q.${a.name}.status`, a.status);
  }
  for (const d of scores.domains) {
    facts.set(`${d.id}.level`, d.level ?? undefined);
    facts.set(`${d.id}.score`, d.score ?? undefined);
    facts.set(`${d.id}.coverage`, d.coverage ?? undefined);
    facts.set(`${d.id}.capped`, d.capped);
    for (const s of STAGES) {
      facts.set(`${d.id}.${s}.level`, d.stages[s].level ?? undefined);
      facts.set(`${d.id}.${s}.score`, d.stages[s].score ?? undefined);
      facts.set(`${d.id}.${s}.coverage`, d.stages[s].coverage ?? undefined);
      facts.set(`${d.id}.${s}.capped`, d.stages[s].capped);
    }
  }
  facts.set('overall.level', scores.overall.level ?? undefined);
  facts.set('overall.score', scores.overall.score ?? undefined);
  facts.set('overall.coverage', scores.overall.coverage ?? undefined);
  return facts;
}
