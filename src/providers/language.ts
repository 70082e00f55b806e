/** Which languages an offer shares with the organisation: a provider that cannot be spoken to in a crisis is a risk (paper P4) and fails REQ-LANGUAGE. */
import type { Offer } from './offer.js';

export const LANGUAGE_NAMES: Record<string, string> = {
  en: 'English', de: 'German', fr: 'French', es: 'Spanish', it: 'Italian', nl: 'Dutch', da: 'Danish', sv: 'Swedish', no: 'Norwegian',
  nb: 'Norwegian', nn: 'Norwegian', fi: 'Finnish', is: 'Icelandic', fo: 'Faroese', pl: 'Polish', pt: 'Portuguese', cs: 'Czech',
  hi: 'Hindi', ja: 'Japanese', zh: 'Chinese', ro: 'Romanian', hu: 'Hungarian', el: 'Greek',
  nordic: 'a Nordic language', other: 'another language',
};
/** ISO 639-1 codes as the questionnaire's org_languages choices group them. */
const LANGUAGE_GROUP: Record<string, string> = { en: 'en', de: 'de', fr: 'fr', es: 'es', it: 'it', nl: 'nl', da: 'nordic', sv: 'nordic', no: 'nordic', nb: 'nordic', nn: 'nordic', fi: 'nordic', is: 'nordic', fo: 'nordic' };
export const languageName = (code: string) => LANGUAGE_NAMES[code] ?? code;

export interface LanguageFit {
  shared: string[];
  /** The organisation's known working languages other than English, not offered. */
  missingWorking: string[];
  status: 'full' | 'partial' | 'none' | 'unknown';
}

export function languageFit(offer: Offer, orgLanguages: string[]): LanguageFit {
  const offered = new Set(offer.languages.map((l) => LANGUAGE_GROUP[l] ?? `x-${l}`));
  const known = orgLanguages.filter((l) => l !== 'other' && l !== 'none');
  if (!known.length) return { shared: [], missingWorking: [], status: 'unknown' };
  const shared = known.filter((l) => offered.has(l));
  const missingWorking = known.filter((l) => l !== 'en' && !offered.has(l));
  const status = !shared.length ? 'none' : missingWorking.length || (orgLanguages.includes('other') && shared.every((l) => l === 'en')) ? 'partial' : 'full';
  return { shared, missingWorking, status };
}
