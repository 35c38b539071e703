import type { VatRate } from '@ksef-connect/core';

/** What the document's transaction kind (`NAGLOWEK.55`) says about its 0% and "np" rates. */
export interface EppRateContext {
  /** `NAGLOWEK.55`: 0 domestic, 1 export, 2 intra-Community, 4 export of services, 6/21 reverse charge, 12 outside the country. */
  readonly transactionKind: number;
  /** The buyer is an EU taxpayer (`NAGLOWEK.62`). */
  readonly buyerInEu: boolean;
}

/** A rate read from EDI++, or why it could not be read. */
export type EppRate =
  | { readonly ok: true; readonly rate: VatRate; readonly assumption?: string }
  | { readonly ok: false; readonly message: string };

const percentRates: Readonly<Record<string, VatRate>> = {
  '23': '23', '22': '22', '8': '8', '7': '7', '5': '5', '4': '4', '3': '3',
};

/**
 * Maps an EDI++ VAT rate to FA(3)'s `TStawkaPodatku` ("Komunikacja EDI++" §1.5): the symbol
 * (`zw`, `ex`, `ue`, `npo`, `oo`, or the percentage as text) and/or the percentage (`-1` exempt,
 * `-2` export, `-3` EU, `-4` not subject, `-5` reverse charge). Item rows carry only the percentage.
 * EDI++ has a single 0% and a single "not subject" rate; FA(3) splits them, so the transaction kind
 * decides: 0% is `0 EX` for exports, `0 WDT` for intra-Community supplies, else `0 KR`; "not
 * subject" is `np II` for services to an EU taxpayer (art. 100 ust. 1 pkt 4), else `np I`.
 */
export function eppVatRate(symbol: string | undefined, percent: string | undefined, context: EppRateContext): EppRate {
  const s = (symbol ?? '').trim().toLowerCase();
  const p = normalisePercent(percent);
  if (s === 'zw' || p === '-1') return { ok: true, rate: 'zw' };
  if (s === 'ex' || p === '-2') return { ok: true, rate: '0 EX' };
  if (s === 'ue' || p === '-3') return { ok: true, rate: '0 WDT' };
  if (s === 'oo' || p === '-5') return { ok: true, rate: 'oo' };
  if (s === 'npo' || s === 'np' || p === '-4') {
    const euService = context.transactionKind === 4 && context.buyerInEu;
    return {
      ok: true,
      rate: euService ? 'np II' : 'np I',
      assumption: euService
        ? 'rate "np" on an export of services to an EU taxpayer: taken as "np II" (art. 100 ust. 1 pkt 4)'
        : 'rate "np": taken as "np I" (supply outside Poland)',
    };
  }
  const numeric = s !== '' && /^\d+(\.0+)?$/.test(s) ? normalisePercent(s) : p;
  if (numeric === '0') {
    if (context.transactionKind === 1) return { ok: true, rate: '0 EX', assumption: 'rate 0% on an export document (NAGLOWEK.55 = 1): taken as "0 EX"' };
    if (context.transactionKind === 2) return { ok: true, rate: '0 WDT', assumption: 'rate 0% on an intra-Community supply (NAGLOWEK.55 = 2): taken as "0 WDT"' };
    return { ok: true, rate: '0 KR', assumption: 'rate 0% on a domestic document: taken as "0 KR"' };
  }
  if (numeric !== undefined) {
    const rate = percentRates[numeric];
    if (rate !== undefined) {
      // Reverse-charge documents (OOs/OOu) may still list the goods' own rate: FA wants "oo".
      if (context.transactionKind === 6 || context.transactionKind === 21) {
        return { ok: true, rate: 'oo', assumption: `rate ${numeric}% on a reverse-charge document (NAGLOWEK.55 = ${context.transactionKind}): taken as "oo"` };
      }
      return { ok: true, rate };
    }
  }
  const shown = [symbol, percent].filter((v) => v !== undefined && v !== '').join(' / ');
  return { ok: false, message: `VAT rate "${shown}" has no FA(3) counterpart (expected 23, 22, 8, 7, 5, 4, 3, 0, zw, ex, ue, npo or oo)` };
}

/** `23.0000` → `23`, `-1.00` → `-1`; undefined for empty or non-numeric text. */
function normalisePercent(text: string | undefined): string | undefined {
  const t = (text ?? '').trim();
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(t);
  if (!match) return undefined;
  if ((match[3] ?? '').replace(/0+$/, '') !== '') return undefined;
  const digits = (match[2] ?? '').replace(/^0+(?=\d)/, '');
  return `${match[1] === '-' && digits !== '0' ? '-' : ''}${digits}`;
}
