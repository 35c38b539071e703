// en-CA formats dates as YYYY-MM-DD, the lexical form of xsd:date used by P_1.
const warsawFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw', year: 'numeric', month: '2-digit', day: '2-digit' });

let cachedMinute = Number.NaN;
let cachedDate = '';

/**
 * The calendar date at `instant` in Poland (Europe/Warsaw), as `YYYY-MM-DD`. KSeF compares `P_1`
 * with the day it accepts the invoice (`faktury/weryfikacja-faktury.md`, "Walidacja dat").
 */
export function warsawDate(instant: Date): string {
  // Poland's UTC offset is whole hours, so the date only changes on a minute boundary: formatting
  // once per minute is exact, and bulk validation calls this for every file.
  const minute = Math.floor(instant.getTime() / 60_000);
  if (minute !== cachedMinute) {
    cachedMinute = minute;
    cachedDate = warsawFormat.format(instant);
  }
  return cachedDate;
}
