/**
 * `date` the way the KSeF API writes timestamps: UTC offset and 7 fractional digits, e.g.
 * `2025-07-11T12:23:56.0154302+00:00` (ksef-api.md §0 "Dates", §14.1). JavaScript dates carry
 * milliseconds, so the last four digits are zeros.
 */
export function formatKsefDateTime(date: Date): string {
  const iso = date.toISOString(); // 2025-07-11T12:23:56.015Z
  return `${iso.slice(0, 23)}0000+00:00`;
}
