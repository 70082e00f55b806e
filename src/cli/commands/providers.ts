import { createAssessor, resultFromFile } from '../../index.js';
import { loadOffer, type LoadedOffer } from '../../providers/offer.js';
import { parseProviderFormats, writeProviders } from '../../providers/render.js';
import { compareOffers } from '../../providers/score.js';
import { InputError, type Problem } from '../../util/errors.js';
import { checkDate } from '../options.js';

export interface ProvidersOptions {
  format: string;
  outDir: string;
  country?: string;
  date?: string;
  questionnaire?: string;
  rules?: string;
  catalogue?: string;
  costs?: string;
}

/** Parses "DK,SE" into ISO 3166-1 alpha-2 codes. */
export function parseCountries(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  const codes = text.split(',').map((c) => c.trim().toUpperCase()).filter(Boolean);
  const bad = codes.find((c) => !/^[A-Z]{2}$/.test(c));
  if (bad !== undefined || !codes.length) {
    throw new InputError({ file: '--country', message: `${bad !== undefined ? `"${bad}" is not` : 'give'} an ISO 3166-1 alpha-2 country code, such as DK or PL (several with commas)` });
  }
  return [...new Set(codes)];
}

/** Scores provider offers against the plan of an assessment and writes the side-by-side comparison. */
export async function providers(input: string, offerFiles: string[], opts: ProvidersOptions): Promise<void> {
  const formats = parseProviderFormats(opts.format);
  const countries = parseCountries(opts.country);
  const assessor = createAssessor(opts);
  // Every offer is checked before anything is scored, so one run names the problems of all of them.
  const problems: Problem[] = [];
  const offers: LoadedOffer[] = [];
  for (const file of offerFiles) {
    try {
      offers.push(loadOffer(file, assessor.catalogue));
    } catch (err) {
      if (err instanceof InputError) problems.push(...err.problems);
      else throw err;
    }
  }
  if (problems.length) throw new InputError(problems);
  const result = resultFromFile(input, { ...opts, assessor, generatedAt: checkDate(opts.date) });
  const comparison = compareOffers(result, offers, { countries });
  for (const written of await writeProviders(comparison, formats, opts.outDir)) console.log(written);
}
