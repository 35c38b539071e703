import type { DecimalString, IsoDate } from './DecimalString.js';
import type { VatRate } from './VatRate.js';

/** `ZamowienieWiersz`: one line of the order an advance is paid for. */
export interface OrderLine {
  readonly description?: string;
  readonly unit?: string;
  readonly quantity?: DecimalString;
  readonly unitPriceNet?: DecimalString;
  /** `P_11NettoZ`. */
  readonly netValue: DecimalString;
  /** `P_11VatZ`; computed half-up from the rate when absent. */
  readonly vatAmount?: DecimalString;
  readonly vatRate: VatRate;
  readonly gtu?: string;
  readonly index?: string;
}

/**
 * An advance invoice's payment (ZAL, art. 106f ust. 1). The received gross `amount` is split over the
 * order's rates in proportion to the order's gross per rate, and each part's tax is
 * part × rate / (100 + rate) (art. 106f ust. 1 pkt 3), rounded half-up.
 */
export interface AdvancePayment {
  /** `P_15`: the gross amount received. */
  readonly amount: DecimalString;
  /** `P_6`: the day the payment was received, when it differs from the issue date. */
  readonly receivedOn?: IsoDate;
  /** `Zamowienie`: the order or contract; `value` (`WartoscZamowienia`, gross) is computed from the lines when absent. */
  readonly order: { readonly value?: DecimalString; readonly lines: readonly OrderLine[] };
}

/** An advance invoice settled by a ROZ invoice (`FakturaZaliczkowa`): its KSeF number, or its number when issued outside KSeF. */
export interface AdvanceInvoiceRef {
  readonly ksefNumber?: string;
  readonly number?: string;
}

/** Net and tax already invoiced on advance invoices at one rate. */
export interface AdvanceAmounts {
  readonly vatRate: VatRate;
  readonly net: DecimalString;
  readonly vat: DecimalString;
}

/**
 * A settlement invoice's advances (ROZ, art. 106f ust. 3). The lines describe the whole supply; the
 * totals (`P_13_x`, `P_14_x`, `P_15`) show what remains after subtracting `advances`.
 */
export interface Settlement {
  readonly advanceInvoices: readonly AdvanceInvoiceRef[];
  readonly advances: readonly AdvanceAmounts[];
}
