import { readFileSync } from 'node:fs';
import { checkRules } from '../decision/load-rules.js';
import type { RuleSet } from '../decision/rules.js';
import { cacheDir, cached, contentKey } from '../util/cache.js';
import { fromPackage, readJson, readText } from '../util/files.js';
import { compileQuestionnaire, planFromData, type PlanData } from './compile.js';
import type { ScoringPlan } from './plan.js';
import { BUILT_IN_CATALOGUE, checkCatalogue, type Catalogue } from '../plan/catalogue.js';

export interface Definitions {
  plan: ScoringPlan;
  rules: RuleSet;
  catalogue: Catalogue;
}

/**
 * Loads and checks a questionnaire and its rules. Checking builds a SurveyJS model and a JSON Schema
 * validator (about 0.3 s); a questionnaire that passed once is kept in a cache keyed by the exact
 * content of both files and of the code that checks them, so later runs skip straight to scoring.
 */
export function loadDefinitions(questionnaireFile: string, rulesFile: string, env: NodeJS.ProcessEnv = process.env, catalogueFile = BUILT_IN_CATALOGUE): Definitions {
  const questionnaireText = readText(questionnaireFile);
  const rulesText = readText(rulesFile);
  const catalogueText = readText(catalogueFile);
  const check = (): Definitions => {
    const plan = compileQuestionnaire(parse(questionnaireFile, questionnaireText), questionnaireFile, () => questionnaireText);
    const catalogue = checkCatalogue(parse(catalogueFile, catalogueText), plan, catalogueFile, catalogueText);
    const rules = checkRules(parse(rulesFile, rulesText), plan, rulesFile, () => rulesText, catalogue);
    return { plan, rules, catalogue };
  };
  const code = checkingCode();
  if (!code || !cacheDir(env)) return check();
  let checked: Definitions | undefined;
  const entry = cached(
    `definitions-${contentKey(code, questionnaireText, rulesText, catalogueText)}.json`,
    () => {
      checked = check();
      const { byName: _b, extraKeys: _e, isVisible: _v, source: _s, ...plan } = checked.plan;
      const { source: _r, ...rules } = checked.rules;
      const { source: _c, ...catalogue } = checked.catalogue;
      return JSON.stringify({ plan, rules, catalogue });
    },
    env,
  );
  if (checked) return checked;
  try {
    const data = JSON.parse(entry) as { plan: Omit<PlanData, 'source'>; rules: Omit<RuleSet, 'source'>; catalogue: Omit<Catalogue, 'source'> };
    return {
      plan: planFromData({ ...data.plan, source: questionnaireFile }),
      rules: { ...data.rules, source: rulesFile },
      catalogue: { ...data.catalogue, source: catalogueFile },
    };
  } catch {
    return check(); // a damaged cache entry: check the long way
  }
}

function parse(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return readJson(file); // re-reads to produce the error with line and column
  }
}

/** The code whose behaviour decides whether a definition passes; it is part of the cache key. */
const CHECKING_CODE = ['dist/questionnaire/compile.js', 'dist/questionnaire/conditions.js', 'dist/decision/load-rules.js', 'dist/plan/catalogue.js', 'dist/model/taxonomy.js', 'dist/questionnaire/properties.js', 'src/schemas/rules.schema.json', 'package.json'];

function checkingCode(): string | undefined {
  try {
    return CHECKING_CODE.map((f) => readFileSync(fromPackage(f), 'utf8')).join('\0');
  } catch {
    return undefined; // running from sources (tests): no stable code to key on
  }
}
