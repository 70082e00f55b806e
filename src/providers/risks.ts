/** Risks: offshore only, a single SOC location, a language mismatch and no penalties; each deducts points because the paper names it as a danger of outsourcing. */
import type { Offer } from './offer.js';
import { list, type Context, type Risk } from './context.js';
import { languageFit, languageName } from './language.js';

export function findRisks(offer: Offer, ctx: Context): Risk[] {
  const risks: Risk[] = [];
  const socCountries = [...new Set(offer.socs.map((s) => s.country))];
  if (ctx.countries && !socCountries.some((c) => ctx.countries!.includes(c))) {
    risks.push({
      id: 'offshore-only',
      level: 'high',
      title: 'Offshore only',
      detail: `No SOC in ${list(ctx.countries)}: the staff work from ${list(socCountries)}, so cultural distance, time zones and local disruption there affect the service, and nobody is close to the sites.`,
      references: ['PAPER:O8', 'PAPER:O9'],
    });
  }
  if (offer.socs.length === 1) {
    const [soc] = offer.socs;
    risks.push({
      id: 'single-soc',
      level: 'medium',
      title: 'One SOC location',
      detail: `The whole service runs from ${soc.city} (${soc.country}); a natural disaster, strike or outage there stops it (the paper advises spreading offshore staff over several locations).`,
      references: ['PAPER:O9'],
    });
  }
  const fit = languageFit(offer, ctx.languages);
  if (fit.status === 'none') {
    risks.push({
      id: 'language-mismatch',
      level: 'high',
      title: 'No shared language',
      detail: `The provider works in ${list(offer.languages.map(languageName))}; the organisation uses ${list(ctx.languages.map(languageName))}.`,
      references: ['PAPER:P4'],
    });
  } else if (fit.status === 'partial' && (ctx.providerLanguage === 'partly' || ctx.providerLanguage === 'no')) {
    risks.push({
      id: 'language-mismatch',
      level: 'medium',
      title: 'Language mismatch',
      detail: `Only ${list(fit.shared.map(languageName))} is shared${fit.missingWorking.length ? ` (not ${list(fit.missingWorking.map(languageName))})` : ''}, and the answers say ${ctx.providerLanguage === 'no' ? 'staff cannot' : 'some key people would struggle to'} work with a provider in it during a crisis.`,
      references: ['PAPER:P4'],
    });
  }
  if (!offer.penalties.service_credits) {
    risks.push({
      id: 'no-penalties',
      level: 'medium',
      title: 'No penalties',
      detail: 'A missed SLA costs the provider nothing: the offer has no service credits.',
      references: ['PAPER:O7'],
    });
  }
  return risks;
}
