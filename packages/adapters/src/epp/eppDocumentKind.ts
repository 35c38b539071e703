import type { InvoiceKind, MarginScheme } from '@ksef-connect/core';

/** How one EDI++ document is treated: mapped to an invoice kind, or skipped with the reason. */
export type EppDocumentKind =
  | {
      readonly mapped: true;
      readonly kind: InvoiceKind;
      readonly margin?: MarginScheme;
      /** `NAGLOWEK.41` above 100: cash accounting ("metoda kasowa", `P_16`). */
      readonly cashAccounting: boolean;
      readonly assumptions: readonly string[];
    }
  | { readonly mapped: false; readonly reason: string };

const purchase = new Set(['FZ', 'FR', 'RZ', 'KFZ', 'KRZ', 'FWO', 'KWO']);
const warehouseOrOrder = new Set(['MMW', 'PZ', 'WZ', 'VPZ', 'VWZ', 'PW', 'RW', 'ZW', 'ZD', 'ZK']);
const otherLayouts = new Set(['KP', 'KW', 'BP', 'BW', 'RLS', 'RLZ', 'RF', 'PRF', 'NZ']);

/**
 * Decides what an EDI++ document becomes ("Komunikacja EDI++" Tabela 3, fields 1 and 41): sales
 * invoices (`FS`) are VAT, or ZAL for advance invoices (41 = 1, 37), ROZ for final advance invoices
 * (2, 39) and UPR for simplified ones (73); their corrections (`KFS`) are KOR, or KOR_ZAL for a
 * correction of an advance (38); VAT margin invoices (`FM`, `KFM`) are VAT/KOR under the margin
 * scheme. Purchase documents are the supplier's to send, bills (`RS`) are not VAT invoices, internal
 * invoices, receipts, warehouse, cash and bank documents are not invoices at all: all are skipped.
 */
export function eppDocumentKind(type: string, extendedStatus: number): EppDocumentKind {
  const t = type.trim().toUpperCase();
  const cashAccounting = extendedStatus >= 100;
  const status = extendedStatus % 100;
  if (t === 'FS') {
    if (status === 1 || status === 37) return { mapped: true, kind: 'ZAL', cashAccounting, assumptions: [] };
    if (status === 2 || status === 39) return { mapped: true, kind: 'ROZ', cashAccounting, assumptions: [] };
    if (status === 73) return { mapped: true, kind: 'UPR', cashAccounting, assumptions: [] };
    return { mapped: true, kind: 'VAT', cashAccounting, assumptions: [] };
  }
  if (t === 'KFS') {
    if (status === 38) return { mapped: true, kind: 'KOR_ZAL', cashAccounting, assumptions: [] };
    return { mapped: true, kind: 'KOR', cashAccounting, assumptions: [] };
  }
  if (t === 'FM' || t === 'KFM') {
    return {
      mapped: true,
      kind: t === 'FM' ? 'VAT' : 'KOR',
      margin: 'used-goods',
      cashAccounting,
      assumptions: ['EDI++ does not say which margin scheme a VAT margin invoice uses: taken as used goods (art. 120, "procedura marży - towary używane")'],
    };
  }
  if (purchase.has(t)) return { mapped: false, reason: `purchase document ${t}: the supplier sends it to KSeF` };
  if (t === 'RS' || t === 'KRS') return { mapped: false, reason: `${t} is a bill ("rachunek"), not a VAT invoice` };
  if (t === 'FWN' || t === 'KWN') return { mapped: false, reason: `${t} is an internal invoice, not sent to KSeF` };
  if (t === 'PA') return { mapped: false, reason: 'PA is a fiscal receipt, not an invoice' };
  if (warehouseOrOrder.has(t)) return { mapped: false, reason: `${t} is a warehouse document or an order, not an invoice` };
  if (otherLayouts.has(t)) return { mapped: false, reason: `${t} is a cash, bank, settlement or fiscal-report document, not an invoice` };
  return { mapped: false, reason: `unknown document type "${t.slice(0, 10)}"` };
}
