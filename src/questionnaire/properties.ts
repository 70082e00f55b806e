import { Serializer } from 'survey-core';

let registered = false;

/**
 * Registers irready's scoring metadata as SurveyJS custom properties, so that survey-core accepts
 * (and any SurveyJS form keeps) them. Safe to call more than once.
 */
export function registerScoringProperties(): void {
  if (registered) return;
  registered = true;
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
