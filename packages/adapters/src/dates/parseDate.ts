/** A parsed date as `YYYY-MM-DD`, or why the text is not one. */
export type ParsedDate = { readonly ok: true; readonly value: string } | { readonly ok: false; readonly message: string };

/**
 * Reads a date written in `format` — tokens `YYYY`, `MM`, `DD` (also `M`/`D` for one or two digits)
 * and literal separators, e.g. `DD.MM.YYYY`, `YYYY-MM-DD`, `MM/DD/YYYY`, `YYYYMMDD` — as an ISO date.
 * A time after the date (`2025-03-14 10:22:00`, `2025-03-14T10:22`) is ignored. Impossible dates
 * (31.02) are rejected.
 */
export function parseDate(text: string, format: string): ParsedDate {
  const shown = text.length > 30 ? `${text.slice(0, 30)}…` : text;
  const order: ('Y' | 'M' | 'D')[] = [];
  const pattern = format.replace(/YYYY|MM|DD|M|D|[^YMD]/g, (token) => {
    if (token === 'YYYY') return order.push('Y'), '(\\d{4})';
    if (token === 'MM' || token === 'DD') return order.push(token[0] as 'M' | 'D'), '(\\d{2})';
    if (token === 'M' || token === 'D') return order.push(token), '(\\d{1,2})';
    return token.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  });
  const match = new RegExp(`^${pattern}(?:[ T]\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?)?$`).exec(text.trim());
  if (!match) return { ok: false, message: `"${shown}" is not a date in the format ${format}` };
  const part = (p: 'Y' | 'M' | 'D'): string => match[order.indexOf(p) + 1] ?? '';
  const iso = `${part('Y')}-${part('M').padStart(2, '0')}-${part('D').padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso) return { ok: false, message: `"${shown}" is not a calendar date` };
  return { ok: true, value: iso };
}
