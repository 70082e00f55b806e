import { createRequire } from 'node:module';

let registered = false;
let core: typeof import('survey-core') | undefined;

/**
 * survey-core, loaded on first use: it takes longer to load than scoring takes, and scoring with a
 * checked (cached) plan does not need it. Every part of irready that runs in Node takes it from here,
 * so the custom properties below are registered on the one copy that is used.
 */
export function surveyCore(): typeof import('survey-core') {
  core ??= createRequire(import.meta.url)('survey-core') as typeof import('survey-core');
  return core;
}

/**
 * Registers irready's scoring metadata as SurveyJS custom properties, so that survey-core accepts
 * (and any SurveyJS form keeps) them. Safe to call more than once. They are registered on the copy
 * that surveyCore() returns (survey-core's CommonJS build): code that builds its own SurveyJS models
 * for irready's questionnaires should take Model from there too.
 */
export function registerScoringProperties(): void {
  if (registered) return;
  registered = true;
  const { Serializer } = surveyCore();
  Serializer.addProperty('survey', { name: 'questionnaireId' });
  Serializer.addProperty('survey', { name: 'questionnaireVersion' });
  Serializer.addProperty('question', { name: 'domain' });
  Serializer.addProperty('question', { name: 'stages:string[]' });
  Serializer.addProperty('question', { name: 'weight:number', default: 1 });
  Serializer.addProperty('question', { name: 'references:string[]' });
  Serializer.addProperty('question', { name: 'critical:boolean', default: false });
  Serializer.addProperty('question', { name: 'action:text' });
  Serializer.addProperty('question', { name: 'bands' });
  Serializer.addProperty('question', { name: 'scoreTrue:number', default: 4 });
  Serializer.addProperty('question', { name: 'scoreFalse:number', default: 0 });
  Serializer.addProperty('itemvalue', { name: 'score:number' });
  Serializer.addProperty('itemvalue', { name: 'weight:number', default: 1 });
}
