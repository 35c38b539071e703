import type { VatRate } from '@ksef-connect/core';

/** What the invoice says about its 0% and "np" lines. */
export interface JpkRateContext {
  /** `P_5A`: the buyer's EU VAT prefix (intra-Community supply when not PL). */
  readonly buyerEuPrefix: string | undefined;
  /** `P_18`: reverse charge ("odwrotne obciążenie"). */
  readonly reverseCharge: boolean;
}

/** A JPK_FA `P_12` value as FA(3)'s rate, or why it has none; `assumption` says what was decided. */
export type JpkRate =
  | { readonly ok: true; readonly rate: VatRate; readonly assumption?: string }
  | { readonly ok: false; readonly message: string };

const direct: Readonly<Record<string, VatRate>> = {
  '23': '23', '22': '22', '8': '8', '7': '7', '5': '5', '4': '4', '3': '3', zw: 'zw', oo: 'oo',
};

/**
 * Maps JPK_FA's `P_12` (23, 22, 8, 7, 5, 4, 3, 0, zw, oo, np) to FA(3)'s `TStawkaPodatku`. JPK_FA
 * has one 0% and one "np"; FA(3) splits both: 0% to a buyer with a foreign EU prefix is `0 WDT`,
 * other 0% is `0 KR` (exports cannot be told apart); "np" with reverse charge (`P_18`) is `np II`
 * (art. 100 ust. 1 pkt 4 services), else `np I`.
 */
export function jpkVatRate(value: string, context: JpkRateContext): JpkRate {
  const v = value.trim();
  const rate = direct[v];
  if (rate !== undefined) return { ok: true, rate };
  const prefix = context.buyerEuPrefix?.toUpperCase();
  if (v === '0') {
    if (prefix !== undefined && prefix !== 'PL') {
      return { ok: true, rate: '0 WDT', assumption: `rate 0 to a buyer with EU prefix ${prefix}: taken as "0 WDT" (intra-Community supply)` };
    }
    return { ok: true, rate: '0 KR', assumption: 'rate 0: taken as "0 KR" (JPK_FA does not tell a domestic 0% from an export; check exports)' };
  }
  if (v === 'np') {
    return context.reverseCharge
      ? { ok: true, rate: 'np II', assumption: 'rate np with reverse charge (P_18): taken as "np II" (art. 100 ust. 1 pkt 4)' }
      : { ok: true, rate: 'np I', assumption: 'rate np: taken as "np I" (supply outside Poland)' };
  }
  return { ok: false, message: `P_12 "${v.slice(0, 10)}" is not a JPK_FA rate (23, 22, 8, 7, 5, 4, 3, 0, zw, oo, np)` };
}
