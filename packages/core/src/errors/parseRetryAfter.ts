/**
 * Reads a `Retry-After` header — delay-seconds or an HTTP-date (RFC 9110 §10.2.3) — as milliseconds
 * from `now`; undefined when absent or unreadable. KSeF sends seconds (`limity/limity-api.md`), but
 * proxies in front of it may send a date.
 */
export function parseRetryAfter(value: string | undefined, now: Date): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  if (trimmed === '' || !/[a-z]/i.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}
