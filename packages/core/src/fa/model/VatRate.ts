/**
 * A line's tax rate, spelled exactly as FA(3)'s `TStawkaPodatku`:
 * - `23` `22` `8` `7` `5` `4` `3` — percentage rates (4 and 3: the taxi flat rate);
 * - `0 KR` — 0% domestic supply; `0 WDT` — 0% intra-Community supply; `0 EX` — 0% export;
 * - `zw` — exempt (the legal basis goes in `annotations.exemption`);
 * - `oo` — domestic reverse charge (the buyer accounts for the tax);
 * - `np I` — outside Polish VAT territory (except art. 100 ust. 1 pkt 4 services and OSS);
 * - `np II` — services of art. 100 ust. 1 pkt 4 (EU B2B services, taxed by the buyer).
 *
 * FA(2) knows only `0` and `np`; the renderer writes those there and keeps the bucket apart.
 */
export type VatRate =
  | '23' | '22' | '8' | '7' | '5' | '4' | '3'
  | '0 KR' | '0 WDT' | '0 EX'
  | 'zw' | 'oo' | 'np I' | 'np II';

/** Every `VatRate`, in the XSD's order. */
export const vatRates: readonly VatRate[] = [
  '23', '22', '8', '7', '5', '4', '3', '0 KR', '0 WDT', '0 EX', 'zw', 'oo', 'np I', 'np II',
];

/** True when `value` is one of the `VatRate` spellings. */
export function isVatRate(value: unknown): value is VatRate {
  return typeof value === 'string' && (vatRates as readonly string[]).includes(value);
}

/** The percentage of a rate that carries tax (`'23'` → `'23'`), or undefined for 0%, zw, oo and np. */
export function vatPercent(rate: VatRate): string | undefined {
  return /^\d+$/.test(rate) ? rate : undefined;
}
