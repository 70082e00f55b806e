import type { Question } from 'survey-core';
import { DOMAIN_IDS, isKnownReference, NOT_APPLICABLE, NONE_ITEM, STAGES, type Stage } from '../model/taxonomy.js';
import { InputError, type Problem } from '../util/errors.js';
import { readJson, readText } from '../util/files.js';
import { formatPath, locateInJson, type JsonPath } from '../util/locate.js';
import type { AnswerKind, Band, PlanChoice, PlanQuestion, PlanRow, ScoringPlan } from './plan.js';
import { conditionFromOperand, evaluateCondition, type Condition } from './conditions.js';
import { registerScoringProperties, surveyCore } from './properties.js';

const SCORABLE_TYPES = new Set(['radiogroup', 'dropdown', 'boolean', 'text', 'checkbox', 'matrix']);

/** Loads a questionnaire file, checks it and compiles it into a scoring plan. Throws InputError listing every problem. */
export function loadQuestionnaire(file: string): ScoringPlan {
  const json = readJson(file);
  return compileQuestionnaire(json, file, () => readText(file));
}

type RawElement = Record<string, unknown> & { name?: string; type?: string; elements?: RawElement[] };

/**
 * Checks a questionnaire (SurveyJS JSON with irready's scoring properties) and compiles it.
 * `sourceText` lets messages name lines; it is only read when there is a problem.
 */
export function compileQuestionnaire(json: unknown, file: string, sourceText?: () => string): ScoringPlan {
  registerScoringProperties();
  const { ConditionRunner, ConditionsParser, Model } = surveyCore();
  const problems: Problem[] = [];
  const paths = new Map<string, JsonPath>();
  const report = (path: JsonPath, message: string, name?: string) => {
    const text = sourceText?.();
    const where = text ? locateInJson(text, path) : {};
    problems.push({ file, ...where, place: formatPath(path) + (name ? ` (${name})` : ''), message });
  };

  if (!json || typeof json !== 'object' || Array.isArray(json)) {
    throw new InputError({ file, message: 'a questionnaire must be a JSON object with "pages"' });
  }
  const raw = json as Record<string, unknown>;
  if (!Array.isArray(raw.pages) || raw.pages.length === 0) {
    throw new InputError({ file, place: 'pages', message: 'a questionnaire needs a non-empty "pages" array' });
  }
  if (typeof raw.questionnaireId !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(raw.questionnaireId)) {
    report(['questionnaireId'], 'needs a "questionnaireId" such as "ir-outsourcing-readiness" (lower case, digits and dashes)');
  }
  if (typeof raw.questionnaireVersion !== 'string' || !/^\d+\.\d+\.\d+$/.test(raw.questionnaireVersion)) {
    report(['questionnaireVersion'], 'needs a "questionnaireVersion" such as "1.0.0"');
  }

  // Find where every named element sits in the file, for messages.
  const byLowerName = new Map<string, string>();
  const walk = (elements: unknown, path: JsonPath) => {
    if (!Array.isArray(elements)) return;
    elements.forEach((el, i) => {
      const e = el as RawElement;
      const here = [...path, i];
      if (typeof e?.name === 'string') {
        if (paths.has(e.name) && e.type !== 'panel') report(here, `the name "${e.name}" is used twice`, e.name);
        else paths.set(e.name, here);
        // SurveyJS finds a condition's {name} in any case, so two such names would be mixed up.
        const other = e.type === 'panel' ? undefined : byLowerName.get(e.name.toLowerCase());
        if (other !== undefined && other !== e.name) report(here, `the names "${other}" and "${e.name}" differ only in case, which SurveyJS conditions cannot tell apart`, e.name);
        else if (e.type !== 'panel') byLowerName.set(e.name.toLowerCase(), e.name);
      }
      walk(e?.elements, [...here, 'elements']);
      walk((e as Record<string, unknown>)?.templateElements, [...here, 'templateElements']);
    });
  };
  (raw.pages as RawElement[]).forEach((p, i) => {
    if (typeof p?.name === 'string') paths.set(`page:${p.name}`, ['pages', i]);
    walk(p?.elements, ['pages', i, 'elements']);
  });

  const model = new Model(json);
  for (const err of model.jsonErrors ?? []) {
    const element = (err as { element?: { name?: string } }).element;
    const path = (element?.name && paths.get(element.name)) || [];
    report(path, `invalid SurveyJS: ${err.message}`, element?.name);
  }

  const questions: PlanQuestion[] = [];

  for (const page of model.pages) {
    for (const q of page.questions as Question[]) {
      const path = paths.get(q.name) ?? [];
      const planQ = compileQuestion(q, page.name, page.title || page.name, (p, m) => report(p ? [...path, ...p] : path, m, q.name));
      questions.push(planQ);
    }
  }

  // visibleIf: every variable must name a question, and conditions must not depend on each other in a circle.
  const byName = new Map(questions.map((q) => [q.name, q]));
  const dependsOn = new Map<string, string[]>();
  const conditions: Record<string, Condition | null> = Object.create(null);
  for (const q of questions) {
    const deps: string[] = [];
    for (const expr of q.visibleIf) {
      const runner = new ConditionRunner(expr);
      if (!runner.canRun()) {
        report([...(paths.get(q.name) ?? []), 'visibleIf'], `visibleIf "${expr}" is not a valid expression`, q.name);
        continue;
      }
      if (!Object.hasOwn(conditions, expr)) conditions[expr] = conditionFromOperand(new ConditionsParser().parseExpression(expr)) ?? null;
      for (const variable of runner.getVariables()) {
        const target = variable.split('.')[0].replace(/-Comment$/, '');
        if (!byName.has(target)) {
          report([...(paths.get(q.name) ?? []), 'visibleIf'], `visibleIf names an unknown question "${target}"`, q.name);
        } else deps.push(target);
      }
    }
    dependsOn.set(q.name, deps);
  }
  const cycle = findCycle(dependsOn);
  if (cycle) {
    report(paths.get(cycle[0]) ?? [], `visibleIf conditions form a cycle: ${cycle.join(' -> ')}`, cycle[0]);
  }

  if (!questions.some((q) => q.scored)) report(['pages'], 'has no scored question (a question with "domain" and "stages")');
  if (problems.length) throw new InputError(problems);

  return planFromData({
    id: raw.questionnaireId as string,
    version: raw.questionnaireVersion as string,
    title: model.title || (raw.questionnaireId as string),
    source: file,
    questions,
    conditions,
  });
}

/** The plain, serialisable part of a plan (what the plan cache stores). */
export type PlanData = Pick<ScoringPlan, 'id' | 'version' | 'title' | 'source' | 'questions' | 'conditions'>;

/** Rebuilds the lookups and the visibility test of a plan from its data. */
export function planFromData(data: PlanData): ScoringPlan {
  const byName = new Map(data.questions.map((q) => [q.name, q]));
  const extraKeys = new Map<string, PlanQuestion>();
  for (const q of data.questions) {
    if (q.commentKey) extraKeys.set(q.commentKey, q);
    if (q.allowOther) extraKeys.set(`${q.name}-Comment`, q);
  }
  const runners = new Map<string, { runValues(values: Record<string, unknown>): boolean }>();
  // survey-core only for conditions (or values) the plain evaluator leaves undecided.
  const bySurveyJs = (expr: string, values: Readonly<Record<string, unknown>>): boolean => {
    let runner = runners.get(expr);
    if (!runner) runners.set(expr, (runner = new (surveyCore().ConditionRunner)(expr)));
    return runner.runValues(values as Record<string, unknown>);
  };
  return {
    ...data,
    byName,
    extraKeys,
    isVisible(question, values) {
      for (const expr of question.visibleIf) {
        // Plan data from before conditions were kept has none: survey-core answers for those.
        const condition = data.conditions && Object.hasOwn(data.conditions, expr) ? data.conditions[expr] : null;
        const visible = (condition && evaluateCondition(condition, values)) ?? bySurveyJs(expr, values);
        if (!visible) return false;
      }
      return true;
    },
  };
}

type Report = (path: JsonPath | undefined, message: string) => void;

function compileQuestion(q: Question, section: string, sectionTitle: string, report: Report): PlanQuestion {
  const any = q as unknown as Record<string, any>;
  const type = q.getType();
  const isNumber = type === 'text' && any.inputType === 'number';
  const hasScoredChoice = (any.choices ?? []).some((c: { score?: number }) => typeof c.score === 'number');
  const scored = Boolean(any.domain || (any.stages && any.stages.length) || any.critical || (any.references && any.references.length) || hasScoredChoice || any.bands);
  const kind = answerKind(type, isNumber);

  const visibleIf: string[] = [];
  for (let el: any = q; el; el = el.parent) {
    if (el.visibleIf) visibleIf.unshift(el.visibleIf);
  }

  const choices: PlanChoice[] = (['radiogroup', 'dropdown', 'checkbox', 'tagbox'].includes(type) ? any.choices : []).map(
    (c: any) => planChoice(c),
  );
  const rows: PlanRow[] = type === 'matrix' ? any.rows.map((r: any) => ({ value: String(r.value), text: String(r.text ?? r.value), weight: typeof r.weight === 'number' ? r.weight : 1 })) : [];
  const columns: PlanChoice[] = type === 'matrix' ? any.columns.map((c: any) => planChoice(c)) : [];

  const plan: PlanQuestion = {
    name: q.name,
    title: q.title || q.name,
    ...(q.description ? { description: q.description } : {}),
    section,
    sectionTitle,
    type,
    kind,
    scored,
    ...(any.domain ? { domain: any.domain } : {}),
    stages: (any.stages ?? []) as Stage[],
    weight: typeof any.weight === 'number' ? any.weight : 1,
    critical: any.critical === true,
    references: any.references ?? [],
    ...(any.action ? { action: any.action } : {}),
    choices: type === 'matrix' ? columns : choices,
    allowOther: any.showOtherItem === true,
    allowNone: any.showNoneItem === true,
    rows,
    bands: Array.isArray(any.bands) ? any.bands : [],
    ...(typeof any.min === 'number' || (typeof any.min === 'string' && any.min !== '') ? { min: Number(any.min) } : {}),
    ...(typeof any.max === 'number' || (typeof any.max === 'string' && any.max !== '') ? { max: Number(any.max) } : {}),
    labelTrue: any.labelTrue || 'Yes',
    labelFalse: any.labelFalse || 'No',
    scoreTrue: typeof any.scoreTrue === 'number' ? any.scoreTrue : 4,
    scoreFalse: typeof any.scoreFalse === 'number' ? any.scoreFalse : 0,
    ...(any.showCommentArea || any.hasComment ? { commentKey: `${q.name}-Comment` } : {}),
    visibleIf,
  };
  if (scored) checkScoredQuestion(plan, any, report);
  return plan;
}

function planChoice(c: { value: unknown; text?: unknown; score?: unknown }): PlanChoice {
  return {
    value: String(c.value),
    ...(typeof c.value === 'number' ? { numeric: true as const } : {}),
    text: String(c.text ?? c.value),
    ...(typeof c.score === 'number' ? { score: c.score } : {}),
  };
}

function answerKind(type: string, isNumber: boolean): AnswerKind {
  if (type === 'boolean') return 'boolean';
  if (type === 'checkbox' || type === 'tagbox') return 'checklist';
  if (type === 'matrix') return 'matrix';
  if (type === 'radiogroup' || type === 'dropdown') return 'choice';
  if (isNumber) return 'number';
  return 'text';
}

function checkScoredQuestion(q: PlanQuestion, raw: Record<string, any>, report: Report): void {
  if (!SCORABLE_TYPES.has(q.type) || q.kind === 'text') {
    report(['type'], `a scored question must be radiogroup, dropdown, boolean, number (text with inputType "number"), checkbox or matrix, not "${q.type}${q.type === 'text' ? ' without inputType number' : ''}"`);
    return;
  }
  if (!q.domain) report(undefined, 'a scored question needs a "domain"');
  else if (!DOMAIN_IDS.includes(q.domain)) report(['domain'], `unknown domain "${q.domain}" (known: ${DOMAIN_IDS.join(', ')})`);
  if (!q.stages.length) report(undefined, `a scored question needs "stages" (one or more of ${STAGES.join(', ')})`);
  q.stages.forEach((s, i) => {
    if (!STAGES.includes(s)) report(['stages', i], `unknown stage "${s}" (known: ${STAGES.join(', ')})`);
  });
  if (!q.references.length) report(undefined, 'a scored question needs at least one reference');
  q.references.forEach((r, i) => {
    if (!isKnownReference(r)) report(['references', i], `unknown reference id "${r}"`);
  });
  if (q.allowOther) report(['showOtherItem'], 'a scored question cannot offer an "other" item: free text has no score');
  if (!(q.weight > 0)) report(['weight'], `weight must be a number above 0, not ${JSON.stringify(raw.weight)}`);

  const inRange = (n: number) => n >= 0 && n <= 4;
  if (q.kind === 'choice' || q.kind === 'checklist') {
    q.choices.forEach((c, i) => {
      if (c.score === undefined) {
        if (c.value === NOT_APPLICABLE || (q.kind === 'checklist' && c.value === NONE_ITEM)) return;
        report(['choices', i], `choice "${c.value}" has no score`);
      } else if (q.kind === 'choice' && !inRange(c.score)) report(['choices', i, 'score'], `choice "${c.value}" has score ${c.score}; scores run from 0 to 4`);
      else if (q.kind === 'checklist' && !(c.score >= 0)) report(['choices', i, 'score'], `choice "${c.value}" has weight ${c.score}; a checklist weight must be 0 or more`);
    });
    if (q.kind === 'checklist' && !q.choices.some((c) => (c.score ?? 0) > 0)) report(['choices'], 'a scored checklist needs at least one choice with a weight above 0');
  }
  if (q.kind === 'matrix') {
    q.choices.forEach((c, i) => {
      if (c.score === undefined) report(['columns', i], `column "${c.value}" has no score`);
      else if (!inRange(c.score)) report(['columns', i, 'score'], `column "${c.value}" has score ${c.score}; scores run from 0 to 4`);
    });
    q.rows.forEach((r, i) => {
      if (!(r.weight >= 0)) report(['rows', i, 'weight'], `row "${r.value}" has weight ${r.weight}; it must be 0 or more`);
    });
  }
  if (q.kind === 'boolean') {
    if (!inRange(q.scoreTrue)) report(['scoreTrue'], `scoreTrue ${q.scoreTrue} must run from 0 to 4`);
    if (!inRange(q.scoreFalse)) report(['scoreFalse'], `scoreFalse ${q.scoreFalse} must run from 0 to 4`);
  }
  if (q.kind === 'number') {
    const bands = raw.bands as Band[] | undefined;
    if (!Array.isArray(bands) || bands.length === 0) {
      report(undefined, 'a scored number question needs "bands": [{"min": 0, "score": 0}, ...]');
      return;
    }
    bands.forEach((b, i) => {
      if (typeof b?.min !== 'number' || typeof b?.score !== 'number') report(['bands', i], 'a band needs a numeric "min" and "score"');
      else if (!inRange(b.score)) report(['bands', i, 'score'], `band score ${b.score} must run from 0 to 4`);
      else if (i > 0 && !(b.min > bands[i - 1].min)) report(['bands', i, 'min'], 'bands must be in ascending order of "min"');
    });
  }
}

/** A cycle in a dependency graph, as a list of names that starts and ends with the same name. */
export function findCycle(graph: ReadonlyMap<string, readonly string[]>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === 'done') return undefined;
    if (state.get(node) === 'open') return [...stack.slice(stack.indexOf(node)), node];
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      const found = visit(next);
      if (found) return found;
    }
    stack.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of [...graph.keys()].sort()) {
    const found = visit(node);
    if (found) return found;
  }
  return undefined;
}
