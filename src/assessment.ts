import { existsSync } from 'node:fs';
import { loadAnswers, type Answers } from './answers/answers.js';
import type { RuleSet } from './decision/rules.js';
import { loadDefinitions } from './questionnaire/definitions.js';
import type { Catalogue } from './plan/catalogue.js';
import { checkCosts, type CostAssumptions } from './plan/staffing.js';
import { readStructured } from './util/structured.js';
import type { ScoringPlan } from './questionnaire/plan.js';
import { assess, assessMany, type AssessmentResult } from './result/result.js';
import { InputError } from './util/errors.js';
import { fromPackage } from './util/files.js';
import { stampTime, toolInfo } from './util/version.js';

export const BUILT_IN_QUESTIONNAIRE = fromPackage('questionnaires', 'ir-outsourcing-readiness.json');

/** The rules file that belongs to a questionnaire: `name.rules.json` beside `name.json`. */
export function rulesFileFor(questionnaireFile: string): string {
  return questionnaireFile.replace(/\.json$/i, '') + '.rules.json';
}

/** A questionnaire and its rules, loaded and checked once, ready to assess any number of answers. */
export interface Assessor {
  plan: ScoringPlan;
  rules: RuleSet;
  catalogue: Catalogue;
  /** Reads and checks an answers file (throws InputError naming every problem). */
  load(file: string): Answers;
  assess(answers: Answers, options?: { generatedAt?: string }): AssessmentResult;
  /** Several respondents of one organisation, combined per question (see scoring/combine.ts). */
  assessMany(answers: readonly Answers[], options?: { generatedAt?: string }): AssessmentResult;
}

export interface AssessorOptions {
  questionnaire?: string;
  rules?: string;
  catalogue?: string;
  /** Cost figures, or a JSON/YAML file of them, that replace the plan's defaults. */
  costs?: Partial<CostAssumptions> | string;
}

export function createAssessor(options: AssessorOptions = {}): Assessor {
  const costs = typeof options.costs === 'string' ? checkCosts(readStructured(options.costs), options.costs) : options.costs;
  const questionnaireFile = options.questionnaire ?? BUILT_IN_QUESTIONNAIRE;
  const rulesFile = options.rules ?? rulesFileFor(questionnaireFile);
  if (!options.rules && existsSync(questionnaireFile) && !existsSync(rulesFile)) {
    throw new InputError({ file: questionnaireFile, message: `has no decision rules beside it (expected ${rulesFile}); name them with --rules` });
  }
  const { plan, rules, catalogue } = loadDefinitions(questionnaireFile, rulesFile, process.env, options.catalogue);
  const resultOptions = (generatedAt?: string) => ({ generatedAt: stampTime(generatedAt), tool: toolInfo(), catalogue, ...(costs ? { costs } : {}) });
  return {
    plan,
    rules,
    catalogue,
    load: (file) => loadAnswers(file, plan),
    assess: (answers, opts = {}) => assess(plan, rules, answers, resultOptions(opts.generatedAt)),
    assessMany: (answers, opts = {}) => assessMany(plan, rules, answers, resultOptions(opts.generatedAt)),
  };
}
