import type { VatRate } from '@ksef-connect/core';

// How spreadsheets and small ERPs spell rates, lower-cased without `%` and with single spaces.
const builtIn: Readonly<Record<string, VatRate>> = {
  '23': '23', '22': '22', '8': '8', '7': '7', '5': '5', '4': '4', '3': '3',
  '0 kr': '0 KR', '0 wdt': '0 WDT', wdt: '0 WDT', '0 ex': '0 EX', ex: '0 EX', exp: '0 EX', eksport: '0 EX',
  zw: 'zw', 'zw.': 'zw', zwolniona: 'zw', oo: 'oo', 'o.o.': 'oo', 'np i': 'np I', 'np ii': 'np II', 'np. i': 'np I', 'np. ii': 'np II',
};

/** An FA rate for a source spelling, with the assumption made for an ambiguous one (`0`, `np`). */
export type CsvRateResult = { readonly rate: VatRate; readonly assumption?: string } | undefined;

/** Reads a rate (`23`, `23%`, `ZW`, `np`, `0`): the profile's own spellings first, then the built-in ones. */
export function csvVatRate(text: string, profileRates: Readonly<Record<string, VatRate>>): CsvRateResult {
  const key = text.trim().toLowerCase().replace(/\s*%$/, '').replace(/\s+/g, ' ');
  const own = profileRates[key] ?? profileRates[text.trim().toLowerCase()];
  if (own !== undefined) return { rate: own };
  const known = builtIn[key] ?? builtIn[key.replace(/[.,]0+$/, '')];
  if (known !== undefined) return { rate: known };
  if (key === '0' || key === '0,00' || key === '0.00') return { rate: '0 KR', assumption: 'rate "0" read as 0% domestic (0 KR); map it in the profile\'s "rates" if it means WDT or export' };
  if (key === 'np' || key === 'np.') return { rate: 'np I', assumption: 'rate "np" read as outside Polish VAT territory (np I); map it in the profile\'s "rates" if it means np II' };
  return undefined;
}
