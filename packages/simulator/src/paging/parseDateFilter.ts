import { warsawDateTime } from '../domain/index.js';
import { ApiError } from '../http/ApiError.js';

const withOffset = /(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * A date-time filter from the query string, in epoch ms. Values without an offset are Europe/Warsaw
 * wall-clock time (ksef-api.md §0 "Dates", since 2.1.2). 21405 for something that is not a date.
 */
export function parseDateFilter(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  const invalid = ApiError.validation(`The value '${raw}' is not valid for ${name}.`);
  if (withOffset.test(raw)) {
    const ms = Date.parse(raw);
    if (Number.isNaN(ms)) throw invalid;
    return ms;
  }
  const local = raw.length === 10 ? `${raw}T00:00:00` : raw;
  // Warsaw is UTC+1 or UTC+2: take the offset under which the instant reads back as the given time.
  for (const offset of ['+01:00', '+02:00']) {
    const ms = Date.parse(`${local}${offset}`);
    if (Number.isNaN(ms)) throw invalid;
    if (warsawDateTime(new Date(ms)).startsWith(local.slice(0, 19))) return ms;
  }
  const ms = Date.parse(`${local}+01:00`);
  if (Number.isNaN(ms)) throw invalid;
  return ms;
}
