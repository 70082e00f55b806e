import { InputError } from '../util/errors.js';

/** Checks a --date option and returns it as an ISO timestamp. */
export function checkDate(date: string | undefined): string | undefined {
  if (date === undefined) return undefined;
  const parsed = new Date(date);
  if (Number.isNaN(parsed.getTime())) {
    throw new InputError({ file: '--date', message: `"${date}" is not a date (use ISO 8601, such as 2026-01-31 or 2026-01-31T09:00:00Z)` });
  }
  return parsed.toISOString();
}
