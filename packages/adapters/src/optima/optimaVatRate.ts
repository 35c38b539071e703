import type { VatRate } from '@ksef-connect/core';

/** An Optima `STAWKA_VAT` as FA(3)'s rate, or why it has none; `assumption` says what was decided. */
export type OptimaRate =
  | { readonly ok: true; readonly rate: VatRate; readonly assumption?: string }
  | { readonly ok: false; readonly message: string };

const percentRates: Readonly<Record<string, VatRate>> = { '23': '23', '22': '22', '8': '8', '7': '7', '5': '5', '4': '4', '3': '3' };

/**
 * Maps `STAWKA_VAT` (`STAWKA` percent + `FLAGA`) to `TStawkaPodatku`. The flag values come from public
 * descriptions of the export, not from Comarch (assumed): 0 taxed at `STAWKA`, 1 exempt, 2 export or
 * intra-Community supply (0%), 3 reverse charge. With flag 2 a buyer with a foreign EU VAT number
 * makes `0 WDT`, else `0 EX`; flag 3 to a foreign EU buyer is `np II` (art. 100 ust. 1 pkt 4), else `oo`.
 */
export function optimaVatRate(stawka: string | undefined, flaga: string | undefined, buyerEuForeign: boolean): OptimaRate {
  const flag = (flaga ?? '0').trim();
  const percent = normalise(stawka);
  if (flag === '1') return { ok: true, rate: 'zw' };
  if (flag === '2') {
    return buyerEuForeign
      ? { ok: true, rate: '0 WDT', assumption: 'FLAGA 2 (export/WDT) with a foreign EU buyer: taken as "0 WDT"' }
      : { ok: true, rate: '0 EX', assumption: 'FLAGA 2 (export/WDT) with a buyer outside the EU or without an EU VAT number: taken as "0 EX"' };
  }
  if (flag === '3') {
    return buyerEuForeign
      ? { ok: true, rate: 'np II', assumption: 'FLAGA 3 (reverse charge) with a foreign EU buyer: taken as "np II" (art. 100 ust. 1 pkt 4)' }
      : { ok: true, rate: 'oo', assumption: 'FLAGA 3 (reverse charge) with a domestic buyer: taken as "oo"' };
  }
  if (flag !== '0') return { ok: false, message: `FLAGA "${flag.slice(0, 10)}" is not one of the known values 0, 1, 2, 3` };
  if (percent === '0') return { ok: true, rate: '0 KR', assumption: 'STAWKA 0 with FLAGA 0: taken as "0 KR" (domestic 0%)' };
  const rate = percent === undefined ? undefined : percentRates[percent];
  if (rate === undefined) return { ok: false, message: `STAWKA "${(stawka ?? '').slice(0, 10)}" is not a Polish VAT rate (23, 22, 8, 7, 5, 4, 3, 0)` };
  return { ok: true, rate };
}

function normalise(text: string | undefined): string | undefined {
  const match = /^(\d+)(?:\.(\d+))?$/.exec((text ?? '').trim());
  if (!match || (match[2] ?? '').replace(/0+$/, '') !== '') return undefined;
  return (match[1] ?? '').replace(/^0+(?=\d)/, '');
}
