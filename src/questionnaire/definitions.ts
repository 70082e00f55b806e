import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { checkRules } from '../decision/load-rules.js';
import type { RuleSet } from '../decision/rules.js';
import { fromPackage, readJson, readText, writeFileAtomic } from '../util/files.js';
import { compileQuestionnaire, planFromData, type PlanData } from './compile.js';
import type { ScoringPlan } from './plan.js';

export interface Definitions {
  plan: ScoringPlan;
  rules: RuleSet;
}

/**
 * Loads and checks a questionnaire and its rules. Checking builds a SurveyJS model and a JSON Schema
 * validator (about 0.3 s); a questionnaire that passed once is kept in a cache keyed by the exact
 * content of both files and of the code that checks them, so later runs skip straight to scoring.
 */
export function loadDefinitions(questionnaireFile: string, rulesFile: string, env: NodeJS.ProcessEnv = process.env): Definitions {
  const questionnaireText = readText(questionnaireFile);
  const rulesText = readText(rulesFile);
  const cacheFile = cachePath(questionnaireText, rulesText, env);
  if (cacheFile) {
    try {
      const cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as { plan: PlanData; rules: Omit<RuleSet, 'source'> };
      return { plan: planFromData({ ...cached.plan, source: questionnaireFile }), rules: { ...cached.rules, source: rulesFile } };
    } catch {
      // No cache entry yet (or an unreadable one): check the files the long way.
    }
  }
  const plan = compileQuestionnaire(parse(questionnaireFile, questionnaireText), questionnaireFile, () => questionnaireText);
  const rules = checkRules(parse(rulesFile, rulesText), plan, rulesFile, () => rulesText);
  if (cacheFile) {
    try {
      const { source: _p, ...planData } = plan;
      const { byName: _b, extraKeys: _e, isVisible: _v, ...data } = planData as ScoringPlan;
      const { source: _r, ...ruleData } = rules;
      writeFileAtomic(cacheFile, JSON.stringify({ plan: data, rules: ruleData }));
    } catch {
      // A cache that cannot be written only costs time.
    }
  }
  return { plan, rules };
}

function parse(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return readJson(file); // re-reads to produce the error with line and column
  }
}

/** The code whose behaviour decides whether a definition passes; it is part of the cache key. */
const CHECKING_CODE = ['dist/questionnaire/compile.js', 'dist/decision/load-rules.js', 'dist/model/taxonomy.js', 'dist/questionnaire/properties.js', 'src/schemas/rules.schema.json', 'package.json'];

function cachePath(questionnaireText: string, rulesText: string, env: NodeJS.ProcessEnv): string | undefined {
  if (env.IRREADY_NO_CACHE) return undefined;
  const dir = env.IRREADY_CACHE_DIR || join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'irready');
  const hash = createHash('sha256');
  try {
    for (const f of CHECKING_CODE) hash.update(readFileSync(fromPackage(f)));
  } catch {
    return undefined; // running from sources (tests): no stable code to key on
  }
  hash.update('\0').update(questionnaireText).update('\0').update(rulesText);
  return join(dir, `definitions-${hash.digest('hex').slice(0, 32)}.json`);
}

