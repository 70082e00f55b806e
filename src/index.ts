/**
 * irready's library API. The CLI is a thin layer over these functions.
 *
 *   const assessor = createAssessor();                    // built-in questionnaire and rules
 *   const result = assessor.assess(assessor.load('answers.json'));
 *   const markdown = renderReport(result, 'md');
 */
import { createAssessor, type Assessor, type AssessorOptions } from './assessment.js';
import { checkResult, isResult } from './result/load-result.js';
import type { AssessmentResult } from './result/result.js';
import { readJson, readText } from './util/files.js';
import { assessWorkspace } from './workspace/assess.js';
import { isWorkspace, openWorkspace } from './workspace/workspace.js';

export { BUILT_IN_QUESTIONNAIRE, createAssessor, rulesFileFor, type Assessor, type AssessorOptions } from './assessment.js';
export { buildPlan, type OutsourcingPlan, type ServiceDecision, type Raci, type Requirement } from './plan/plan.js';
export { BUILT_IN_CATALOGUE, checkCatalogue, loadCatalogue, type Catalogue } from './plan/catalogue.js';
export { checkCosts, costComparison, DEFAULT_COSTS, staffingNeeds, type CostAssumptions } from './plan/staffing.js';
export { checkAnswers, checkValue, loadAnswers, type Answers, type Person } from './answers/answers.js';
export { compileQuestionnaire, loadQuestionnaire, planFromData } from './questionnaire/compile.js';
export { loadDefinitions } from './questionnaire/definitions.js';
export type { PlanQuestion, ScoringPlan } from './questionnaire/plan.js';
export { registerScoringProperties, surveyCore } from './questionnaire/properties.js';
export { answerScore, levelOf, scoreAnswers, type DomainScore, type ScoredAnswer, type Scores, type Summary } from './scoring/score.js';
export { chooseModel, decide, gapPriority, type Action, type Blocker, type Decision, type Flip, type Retained } from './decision/decide.js';
export { checkRules, loadRules } from './decision/load-rules.js';
export type { Condition, Rule, RuleSet } from './decision/rules.js';
export { assess, assessMany, SCHEMA_VERSION, type AssessmentResult } from './result/result.js';
export { combineAnswers, COMBINATION_RULE, type Disagreements } from './scoring/combine.js';
export * from './workspace/workspace.js';
export { assessWorkspace } from './workspace/assess.js';
export { checkResult, isResult } from './result/load-result.js';
export { renderHtml, renderMarkdown, renderReport, REPORT_FORMATS, withCharts, type RenderOptions, type ReportFormat } from './report/render.js';
export { DEFAULT_BRAND, loadBrand, type Brand } from './report/brand.js';
export { applyTargets, loadTargets, type Targets } from './result/targets.js';
export { buildView, type ReportView } from './report/view.js';
export { parseFormats, slugify, writeReports } from './report/write.js';
export { InputError, RunError, formatProblem, type Problem } from './util/errors.js';
export * from './model/taxonomy.js';

/**
 * A result from a path that holds answers (scored now), a result made earlier (checked against the
 * schema and used as it is), or an engagement workspace (every respondent's answers, combined).
 */
export function resultFromFile(file: string, options: AssessorOptions & { generatedAt?: string; assessor?: Assessor } = {}): AssessmentResult {
  if (isWorkspace(file)) {
    const assessor = options.assessor ?? createAssessor(options);
    return assessWorkspace(openWorkspace(file), assessor, { generatedAt: options.generatedAt });
  }
  const json = readJson(file);
  if (isResult(json)) return checkResult(json, file, () => readText(file));
  const assessor = options.assessor ?? createAssessor(options);
  return assessor.assess(assessor.load(file), { generatedAt: options.generatedAt });
}
export { challengeCoverage, coverageTable, type ChallengeCoverage } from './docs/coverage.js';
