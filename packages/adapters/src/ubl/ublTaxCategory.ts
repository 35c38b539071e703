import type { VatRate } from '@ksef-connect/core';

/** An FA rate for a UBL tax category, or why there is none. */
export type UblRateResult = { readonly ok: true; readonly rate: VatRate; readonly assumption?: string } | { readonly ok: false; readonly message: string };

const percentRates: Readonly<Record<string, VatRate>> = { '23': '23', '22': '22', '8': '8', '7': '7', '5': '5', '4': '4', '3': '3' };

/**
 * Maps an EN 16931 VAT category (UNCL 5305, BT-151/BT-118) and its percent to FA(3)'s `P_12`:
 * - `S` standard → the percent itself (23, 22, 8, 7, 5, 4, 3 — any other percent is not Polish);
 * - `Z` zero rated → `0 KR` (0% domestic supply);
 * - `E` exempt → `zw` (the legal basis comes from BT-120/BT-121);
 * - `AE` reverse charge → `oo` for a Polish buyer (art. 17 ust. 1 pkt 7/8), `np II` for a foreign
 *   one (services of art. 100 ust. 1 pkt 4: taxed by the buyer in its country);
 * - `K` intra-Community supply → `0 WDT` (EN 16931 does not tell goods from services; services to
 *   EU businesses should be sent as `AE`);
 * - `G` export → `0 EX`;
 * - `O` not subject to VAT → `np I` (supply outside Polish VAT territory).
 * `L`, `M` (Canary Islands, Ceuta/Melilla taxes) and `B` (Italian split payment) have no FA meaning.
 */
export function ublTaxCategoryRate(category: string, percent: string | undefined, buyerIsPolish: boolean): UblRateResult {
  const id = category.trim().toUpperCase();
  switch (id) {
    case 'S': {
      const normalised = percent?.replace(/\.0*$/, '').replace(/^0+(?=\d)/, '');
      const rate = normalised === undefined ? undefined : percentRates[normalised];
      if (rate === undefined) {
        return { ok: false, message: percent === undefined ? 'standard-rated (S) without a Percent: give cbc:Percent' : `standard rate ${percent}% is not a Polish VAT rate (23, 8, 5; formerly 22, 7; 4 or 3 for the taxi flat rate)` };
      }
      return { ok: true, rate };
    }
    case 'Z':
      return { ok: true, rate: '0 KR' };
    case 'E':
      return { ok: true, rate: 'zw' };
    case 'AE':
      return buyerIsPolish
        ? { ok: true, rate: 'oo', assumption: 'reverse charge (AE) with a Polish buyer: domestic reverse charge, P_12 = oo' }
        : { ok: true, rate: 'np II', assumption: 'reverse charge (AE) with a foreign buyer: a service taxed by the buyer (art. 100 ust. 1 pkt 4), P_12 = np II' };
    case 'K':
      return { ok: true, rate: '0 WDT', assumption: 'intra-Community supply (K) read as a supply of goods: P_12 = 0 WDT' };
    case 'G':
      return { ok: true, rate: '0 EX' };
    case 'O':
      return { ok: true, rate: 'np I', assumption: 'not subject to VAT (O) read as a supply outside Polish VAT territory: P_12 = np I' };
    default:
      return { ok: false, message: `VAT category "${category}" has no FA(3) rate (supported: S, Z, E, AE, K, G, O)` };
  }
}
