import type { DecimalString, IsoDate } from './DecimalString.js';
import type { VatRate } from './VatRate.js';

/**
 * `FaWiersz`: one invoice line. A line is priced either net (`netValue`, `P_11`) or gross
 * (`grossValue`, `P_11A`, art. 106e ust. 7 and 8); all lines of one invoice are priced the same way.
 * When the value is missing it is computed as quantity × unit price, rounded half-up to 0.01.
 */
export interface InvoiceLine {
  /** `P_7`: name of the goods or service. */
  readonly description?: string;
  /** `P_8A`: unit of measure. */
  readonly unit?: string;
  /** `P_8B`: quantity, up to 6 decimals. */
  readonly quantity?: DecimalString;
  /** `P_9A`: net unit price, up to 8 decimals. */
  readonly unitPriceNet?: DecimalString;
  /** `P_9B`: gross unit price, up to 8 decimals. */
  readonly unitPriceGross?: DecimalString;
  /** `P_10`: discounts not already in the unit price. */
  readonly discount?: DecimalString;
  /** `P_11`: net value of the line. */
  readonly netValue?: DecimalString;
  /** `P_11A`: gross value of the line (gross-priced invoices). */
  readonly grossValue?: DecimalString;
  /** `P_11Vat`: the line's tax, only where art. 106e ust. 10 requires it. */
  readonly vatAmount?: DecimalString;
  /** `P_12`. Absent only on margin-scheme lines (`annotations.margin`). */
  readonly vatRate?: VatRate;
  /** `P_12_Zal_15`: goods or services of annex 15 (split-payment goods). */
  readonly annex15?: boolean;
  /** `KwotaAkcyzy`: excise duty included in the price. */
  readonly exciseAmount?: DecimalString;
  /** `GTU`: `GTU_01` … `GTU_13`. */
  readonly gtu?: string;
  /** `Procedura`: `WSTO_EE`, `IED`, `TT_D`, `I_42`, `I_63`, `B_SPV`, `B_SPV_DOSTAWA`, `B_MPV_PROWIZJA`. */
  readonly procedure?: string;
  /** `P_6A`: delivery date of this line when lines differ. */
  readonly saleDate?: IsoDate;
  /** `UU_ID`: a universally unique line id. */
  readonly lineId?: string;
  /** `Indeks`: the seller's product code. */
  readonly index?: string;
  readonly gtin?: string;
  readonly pkwiu?: string;
  readonly cn?: string;
  readonly pkob?: string;
  /**
   * `StanPrzed`: on a correction, this line shows the state before the correction. Before-lines are
   * subtracted from the totals, so a correction lists the old line (`before: true`) and the new one.
   */
  readonly before?: boolean;
}
