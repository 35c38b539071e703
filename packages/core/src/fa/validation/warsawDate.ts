// en-CA formats dates as YYYY-MM-DD, the lexical form of xsd:date used by P_1.
const warsawFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw', year: 'numeric', month: '2-digit', day: '2-digit' });

/**
 * The calendar date at `instant` in Poland (Europe/Warsaw), as `YYYY-MM-DD`. KSeF compares `P_1`
 * with the day it accepts the invoice (`faktury/weryfikacja-faktury.md`, "Walidacja dat").
 */
export function warsawDate(instant: Date): string {
  return warsawFormat.format(instant);
}
