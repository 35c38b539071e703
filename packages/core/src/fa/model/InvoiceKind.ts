/**
 * `RodzajFaktury`: VAT regular, KOR correction, ZAL advance (art. 106f ust. 1), ROZ settlement of
 * advances (art. 106f ust. 3), UPR simplified (art. 106e ust. 5 pkt 3), and corrections of ZAL/ROZ.
 */
export type InvoiceKind = 'VAT' | 'KOR' | 'ZAL' | 'ROZ' | 'UPR' | 'KOR_ZAL' | 'KOR_ROZ';

/** Every invoice kind, in the XSD's order. */
export const invoiceKinds: readonly InvoiceKind[] = ['VAT', 'KOR', 'ZAL', 'ROZ', 'UPR', 'KOR_ZAL', 'KOR_ROZ'];

/** True for the kinds that correct another invoice (and so need `correction`). */
export function isCorrectionKind(kind: InvoiceKind): boolean {
  return kind === 'KOR' || kind === 'KOR_ZAL' || kind === 'KOR_ROZ';
}
