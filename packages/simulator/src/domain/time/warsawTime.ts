// KSeF reasons about calendar days in Polish time: offset-less dates are Europe/Warsaw
// (ksef-api.md §0 "Dates") and the UPO examples carry +01:00/+02:00 local timestamps.
const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Warsaw',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** The wall-clock fields of `date` in Europe/Warsaw. */
interface WarsawFields {
  readonly year: string;
  readonly month: string;
  readonly day: string;
  readonly hour: string;
  readonly minute: string;
  readonly second: string;
}

function warsawFields(date: Date): WarsawFields {
  const parts: Record<string, string> = {};
  for (const part of partsFormat.formatToParts(date)) parts[part.type] = part.value;
  const get = (name: string): string => {
    const value = parts[name];
    if (value === undefined) throw new Error(`Intl did not return the ${name} of ${date.toISOString()}`);
    return value;
  };
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

/** The calendar day of `date` in Europe/Warsaw, as `yyyy-MM-dd`. */
export function warsawDate(date: Date): string {
  const f = warsawFields(date);
  return `${f.year}-${f.month}-${f.day}`;
}

/** The calendar day of `date` in Europe/Warsaw, as `yyyyMMdd` (reference and KSeF numbers). */
export function warsawCompactDate(date: Date): string {
  return warsawDate(date).replaceAll('-', '');
}

/** `date` as Warsaw local time with milliseconds and offset, e.g. `2025-09-16T11:02:41.584+02:00` (UPO style). */
export function warsawDateTime(date: Date): string {
  const f = warsawFields(date);
  const localAsUtc = Date.UTC(Number(f.year), Number(f.month) - 1, Number(f.day), Number(f.hour), Number(f.minute), Number(f.second));
  const offsetMinutes = Math.round((localAsUtc - Math.floor(date.getTime() / 1000) * 1000) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  const ms = String(date.getUTCMilliseconds()).padStart(3, '0');
  return `${f.year}-${f.month}-${f.day}T${f.hour}:${f.minute}:${f.second}.${ms}${offset}`;
}
