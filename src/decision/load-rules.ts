import { DOMAIN_IDS, isKnownReference, STAGES } from '../model/taxonomy.js';
import type { ScoringPlan } from '../questionnaire/plan.js';
import { InputError, type Problem } from '../util/errors.js';
import { readJson, readText } from '../util/files.js';
import { formatPath, locateInJson, type JsonPath } from '../util/locate.js';
import { schemaProblems, schemaValidator } from '../util/schema.js';
import { operatorOf } from './conditions.js';
import type { Catalogue } from '../plan/catalogue.js';
import type { Condition, FactCondition, Rule, RuleSet } from './rules.js';

/** Loads decision rules and checks them against the schema and against the questionnaire they read. */
export function loadRules(file: string, plan: ScoringPlan, catalogue?: Catalogue): RuleSet {
  return checkRules(readJson(file), plan, file, () => readText(file), catalogue);
}

export function checkRules(json: unknown, plan: ScoringPlan, file: string, sourceText?: () => string, catalogue?: Catalogue): RuleSet {
  const problems: Problem[] = [];
  const report = (path: JsonPath, message: string) => {
    const text = sourceText?.();
    problems.push({ file, ...(text ? locateInJson(text, path) : {}), place: formatPath(path) || undefined, message });
  };
  const validate = schemaValidator('rules');
  if (!validate(json)) {
    for (const p of schemaProblems(validate.errors)) report(p.path, p.message);
    throw new InputError(problems);
  }
  const set = json as Omit<RuleSet, 'source'>;
  if (set.questionnaire !== plan.id) report(['questionnaire'], `rules are for questionnaire "${set.questionnaire}", not "${plan.id}"`);

  const ids = new Set<string>();
  set.rules.forEach((rule, i) => {
    const at = (...rest: JsonPath) => ['rules', i, ...rest];
    if (ids.has(rule.id)) report(at('id'), `rule id "${rule.id}" is used twice`);
    ids.add(rule.id);
    rule.references.forEach((r, k) => {
      if (!isKnownReference(r)) report(at('references', k), `unknown reference id "${r}"`);
    });
    const domain = rule.kind === 'blocker' ? rule.domain : rule.kind === 'action' ? rule.action.domain : undefined;
    if (domain !== undefined && !DOMAIN_IDS.includes(domain)) report(at(rule.kind === 'action' ? 'action' : 'domain'), `unknown domain "${domain}"`);
    if (rule.kind === 'service') {
      rule.services.forEach((id, k) => {
        const service = catalogue?.services.find((x) => x.id === id);
        if (catalogue && !service) report(at('services', k), `unknown service "${id}" (see ${catalogue.source})`);
        else if (service?.neverOutsource && rule.stance === 'outsource') report(at('stance'), `"${id}" is never outsourced (ENISA-IM-2010:11.1), so no rule may outsource it`);
      });
    }
    const questions = rule.kind === 'blocker' || rule.kind === 'requirement' ? rule.questions : rule.kind === 'action' ? rule.action.questions : undefined;
    for (const name of questions ?? []) {
      if (!plan.byName.get(name)?.scored) report(at(), `names "${name}", which is not a scored question`);
    }
    checkCondition(rule.when, rule, plan, (path, message) => report(at('when', ...path), message));
  });
  if (!set.rules.some((r) => r.kind === 'model' && !r.when)) {
    report(['rules'], 'needs a fallback model rule without "when", so that every assessment gets a model');
  }
  if (problems.length) throw new InputError(problems);
  return { ...set, source: file };
}

function checkCondition(c: Condition | undefined, rule: Rule, plan: ScoringPlan, report: (path: JsonPath, message: string) => void, path: JsonPath = []): void {
  if (!c) return;
  for (const key of ['all', 'any', 'none'] as const) {
    if (key in c) {
      (c as Record<string, Condition[]>)[key].forEach((x, i) => checkCondition(x, rule, plan, report, [...path, key, i]));
      return;
    }
  }
  const problem = factProblem(c as FactCondition, rule, plan);
  if (problem) report([...path, 'fact'], problem);
}

const DOMAIN_FACTS = new Set(['level', 'score', 'coverage', 'capped']);

/** What is wrong with a fact name or the value it is compared with, or undefined. */
function factProblem(c: FactCondition, rule: Rule, plan: ScoringPlan): string | undefined {
  const parts = c.fact.split('.');
  const op = operatorOf(c);
  const numeric = ['lt', 'lte', 'gt', 'gte'].includes(op);
  if (c.fact === 'model') {
    if (rule.kind === 'model') return 'a model rule cannot read "model": the model is what it decides';
    return undefined;
  }
  if (parts[0] === 'profile') {
    const q = plan.byName.get(parts.slice(1).join('.'));
    if (!q || q.scored) return `"${c.fact}" names no profile question`;
    if (numeric && q.kind !== 'number') return `"${c.fact}" is not a number question, so it cannot be compared with ${op}`;
    const values = [c.eq, c.ne, c.contains, ...(c.in ?? []), ...(c.notIn ?? []), ...(c.containsAny ?? [])].filter((v) => v !== undefined);
    if (q.choices.length) {
      const known = new Set([...q.choices.map((ch) => ch.value), ...(q.allowNone ? ['none'] : [])]);
      const unknown = values.find((v) => !known.has(String(v)));
      if (unknown !== undefined) return `"${c.fact}" has no choice ${JSON.stringify(unknown)} (choices: ${[...known].join(', ')})`;
    }
    if (q.kind === 'boolean' && values.some((v) => typeof v !== 'boolean')) return `"${c.fact}" is true or false`;
    return undefined;
  }
  if (parts[0] === 'q') {
    const q = plan.byName.get(parts[1]);
    if (parts.length !== 3 || !q?.scored || !['score', 'status'].includes(parts[2])) return `"${c.fact}" must be q.<scored question>.score or q.<scored question>.status`;
    return undefined;
  }
  if (parts[0] === 'disagreements') {
    if (parts.length !== 2 || !(parts[1] === 'total' || DOMAIN_IDS.includes(parts[1]))) return `"${c.fact}" must be disagreements.total or disagreements.<domain>`;
    return undefined;
  }
  if (parts[0] === 'overall') {
    if (parts.length !== 2 || !['level', 'score', 'coverage'].includes(parts[1])) return `"${c.fact}" must be overall.level, overall.score or overall.coverage`;
    return undefined;
  }
  if (DOMAIN_IDS.includes(parts[0])) {
    if (!plan.questions.some((q) => q.domain === parts[0])) return `the questionnaire has no question in domain ${parts[0]}`;
    if (parts.length === 2 && DOMAIN_FACTS.has(parts[1])) return undefined;
    if (parts.length === 3 && (STAGES as readonly string[]).includes(parts[1]) && DOMAIN_FACTS.has(parts[2])) return undefined;
    return `"${c.fact}" must be ${parts[0]}.level|score|coverage|capped or ${parts[0]}.<stage>.level|score|coverage|capped`;
  }
  return `unknown fact "${c.fact}" (facts: profile.<question>, q.<question>.score, <domain>.level, <domain>.<stage>.level, overall.score, disagreements.<domain>, model)`;
}

