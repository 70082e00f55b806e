import type { DomainScore, ProfileAnswer, ScoredAnswer, Scores, Summary } from '../scoring/score.js';
import type { Facts } from './conditions.js';

type Accessor = (book: FactBook) => unknown;

/** Fact names compiled to accessors once per process: the rules name the same few dozen facts every time. */
const accessors = new Map<string, Accessor>();

const summaryFact = (s: Summary | undefined, field: string): unknown => {
  if (!s) return undefined;
  const value = (s as unknown as Record<string, unknown>)[field];
  return value === null ? undefined : value;
};

function compileFact(fact: string): Accessor {
  const parts = fact.split('.');
  if (parts[0] === 'profile') {
    const name = parts.slice(1).join('.');
    return (b) => b.profile.get(name)?.value;
  }
  if (parts[0] === 'q') {
    const [, name, field] = parts;
    return field === 'status' ? (b) => b.answers.get(name)?.status : (b) => b.answers.get(name)?.score ?? undefined;
  }
  if (parts[0] === 'overall') return (b) => summaryFact(b.scores.overall, parts[1]);
  if (parts[0] === 'disagreements') {
    // disagreements.RC: questions of RC on which respondents differ by 2+; disagreements.total: all of them.
    return (b) => (b.scores.disagreements?.questions ?? []).filter((q) => parts[1] === 'total' || q.domain === parts[1]).length;
  }
  if (parts.length === 2) return (b) => summaryFact(b.domains.get(parts[0]), parts[1]);
  if (parts.length === 3) return (b) => summaryFact(b.domains.get(parts[0])?.stages[parts[1] as keyof DomainScore['stages']], parts[2]);
  return () => undefined;
}

/**
 * The facts that rule conditions read, named as in the rules file: profile.x, q.x.score, q.x.status,
 * LC.level, LC.operation.level, overall.coverage, and `model` once it is chosen. An unknown value
 * (unanswered, not assessed) reads as undefined.
 */
export class FactBook implements Facts {
  readonly profile: ReadonlyMap<string, ProfileAnswer>;
  readonly answers: ReadonlyMap<string, ScoredAnswer>;
  readonly domains: ReadonlyMap<string, DomainScore>;
  private readonly set = new Map<string, unknown>();

  constructor(readonly scores: Scores) {
    this.profile = new Map(scores.profile.map((p) => [p.name, p]));
    this.answers = new Map(scores.answers.map((a) => [a.name, a]));
    this.domains = new Map(scores.domains.map((d) => [d.id, d]));
  }

  get(fact: string): unknown {
    if (this.set.has(fact)) return this.set.get(fact);
    let accessor = accessors.get(fact);
    if (!accessor) accessors.set(fact, (accessor = compileFact(fact)));
    return accessor(this);
  }

  /** Sets a fact that does not come from the scores, such as the chosen model. */
  assign(fact: string, value: unknown): void {
    this.set.set(fact, value);
  }

  /** A view of these facts with some changed, for trying "what if". */
  with(changes: ReadonlyMap<string, unknown>): Facts {
    return { get: (fact) => (changes.has(fact) ? changes.get(fact) : this.get(fact)) };
  }
}
