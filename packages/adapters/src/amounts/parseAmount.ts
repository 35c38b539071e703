/** How a source writes numbers; every field left out is detected from the text. */
export interface AmountFormat {
  /** `,` (Polish spreadsheets, EDI++) or `.`. */
  readonly decimalSeparator?: ',' | '.';
  /**
   * The grouping character: `' '` (also matches no-break and thin spaces), `.`, `,`, `'`, or `''`
   * for none. Undefined: spaces of any kind are always accepted as grouping, and `.`/`,` are
   * grouping only when the other one is the decimal separator.
   */
  readonly thousandsSeparator?: string;
}

/** A parsed amount, or why the text is not one. */
export type ParsedAmount =
  | { readonly ok: true; readonly value: string }
  | { readonly ok: false; readonly message: string };

// Spaces spreadsheets put between digit groups: space, no-break space (U+00A0), narrow no-break
// space (U+202F, Excel's Polish locale), thin space (U+2009), figure space (U+2007).
const groupSpaces = /[ \u00a0\u202f\u2009\u2007]/g;

/**
 * Parses an amount as people and ERPs write it — `1 234,56` (with no-break spaces too), `1.234,56`,
 * `1,234.56`, `-12,5`, `+3`, `−7` (U+2212) — into plain decimal text (`1234.56`). The digits are kept
 * exactly (no float). With no format given, the last `,` or `.` is the decimal separator when both
 * appear, and a single one that appears once is the decimal separator (`1,5` is 1.5: Polish sources
 * write a comma decimal) — except `1,234` / `1.234` (one separator before exactly three digits) with
 * no declared grouping, which is rejected as ambiguous rather than guessed (1234 or 1.234).
 * Exponents, currency symbols and letters are rejected.
 */
export function parseAmount(text: string, format: AmountFormat = {}): ParsedAmount {
  const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  let rest = text.trim().replace(/^\u2212/, '-');
  if (rest === '') return { ok: false, message: 'empty amount' };
  let sign = '';
  if (rest.startsWith('-') || rest.startsWith('+')) {
    sign = rest.startsWith('-') ? '-' : '';
    rest = rest.slice(1).trimStart();
  }
  const thousands = format.thousandsSeparator;
  if (thousands === undefined || thousands === ' ' || thousands === '\u00a0') rest = rest.replace(groupSpaces, '');
  let decimal = format.decimalSeparator;
  // "1.234" or "1,234" with no declared grouping reads as 1234 to some and 1.234 to others: a
  // thousandfold difference must not be guessed, so the source has to declare its format.
  if (thousands === undefined) {
    const lone = /^[1-9]\d{0,2}([.,])\d{3}$/.exec(rest);
    if (lone && lone[1] !== decimal) {
      return { ok: false, message: `"${shown}" is ambiguous: "${lone[1] ?? ''}" could be a decimal or a thousands separator — declare the thousands separator (e.g. "" for none) or write the amount with both separators` };
    }
  }
  if (decimal === undefined) {
    const lastComma = rest.lastIndexOf(',');
    const lastDot = rest.lastIndexOf('.');
    if (lastComma >= 0 && lastDot >= 0) decimal = lastComma > lastDot ? ',' : '.';
    else if (lastComma >= 0) decimal = rest.indexOf(',') === lastComma ? ',' : '.';
    else decimal = '.';
  }
  const group = thousands ?? (decimal === ',' ? '.' : ',');
  if (group !== '' && group !== ' ' && group !== '\u00a0') {
    if (group === decimal) return { ok: false, message: `"${shown}": the thousands separator cannot equal the decimal separator` };
    // Groups after the first must have exactly three digits: "1.23.4" is a typo, not a number.
    const [integerPart = '', ...fraction] = rest.split(decimal);
    const groups = integerPart.split(group);
    if (groups.length > 1 && groups.slice(1).some((g) => !/^\d{3}$/.test(g))) {
      return { ok: false, message: `"${shown}" is not an amount: misplaced "${group}" grouping separator` };
    }
    rest = [groups.join(''), ...fraction].join(decimal);
  }
  if (decimal === ',') rest = rest.replace(',', '.');
  const match = /^(\d*)(?:\.(\d*))?$/.exec(rest);
  if (!match || (match[1] === '' && (match[2] ?? '') === '')) {
    return { ok: false, message: `"${shown}" is not an amount (expected digits with "${decimal}" as the decimal separator)` };
  }
  const integer = match[1] === '' ? '0' : (match[1] ?? '0');
  const fractionDigits = match[2] ?? '';
  return { ok: true, value: `${sign}${integer}${fractionDigits === '' ? '' : `.${fractionDigits}`}` };
}
