import type { AdvancePayment, Settlement } from './Advance.js';
import type { Annotations } from './Annotations.js';
import type { Correction } from './Correction.js';
import type { DecimalString, IsoDate } from './DecimalString.js';
import type { InvoiceKind } from './InvoiceKind.js';
import type { InvoiceLine } from './InvoiceLine.js';
import type { AuthorisedParty, Buyer, Seller, ThirdParty } from './Party.js';
import type { Payment } from './Payment.js';
import type { SourceTotals } from './SourceTotals.js';

/** `DodatkowyOpis`: a key/value note, optionally about one line (1-based). */
export interface AdditionalInfo {
  readonly key: string;
  readonly value: string;
  readonly lineNumber?: number;
}

/** `Stopka`: footer text and register numbers. */
export interface Footer {
  /** Up to 3 texts of at most 3500 characters. */
  readonly texts?: readonly string[];
  readonly registries?: readonly {
    readonly fullName?: string;
    /** 10 digits, leading zeros kept. */
    readonly krs?: string;
    /** 9 or 14 digits. */
    readonly regon?: string;
    /** Up to 9 characters. */
    readonly bdo?: string;
  }[];
}

/**
 * An invoice before it becomes FA XML: what adapters produce and `renderInvoice` consumes. Amounts
 * are decimal strings; totals are computed (see `computeInvoiceTotals`) unless the source's own
 * agree within 0.01. Field comments name the FA(3) element each one becomes.
 */
export interface InvoiceDraft {
  /** `RodzajFaktury`. */
  readonly kind: InvoiceKind;
  /** `P_2`: the invoice number; with the seller's NIP and the kind, KSeF's duplicate key. */
  readonly number: string;
  /** `P_1`: issue date; KSeF rejects a date later than the day it receives the invoice. */
  readonly issueDate: IsoDate;
  /** `P_1M`: place of issue. */
  readonly issuePlace?: string;
  /** `P_6`: delivery (sale) date, when it differs from the issue date. */
  readonly saleDate?: IsoDate;
  /** `OkresFa`: the period an invoice covers (utilities, subscriptions); excludes `saleDate`. */
  readonly salePeriod?: { readonly from: IsoDate; readonly to: IsoDate };
  /** `KodWaluty` (ISO 4217); default `PLN`. */
  readonly currency?: string;
  /** PLN per unit of `currency` for the tax (`KursWaluty` on lines, `KursWalutyZ` on advances); required for a foreign currency with taxed buckets. */
  readonly exchangeRate?: DecimalString;
  /** Net (`P_11`) or gross (`P_11A`) pricing; derived from the lines when absent. */
  readonly pricing?: 'net' | 'gross';
  /** `Podmiot1`. */
  readonly seller: Seller;
  /** `Podmiot2`. */
  readonly buyer: Buyer;
  /** `Podmiot3`, up to 100. */
  readonly thirdParties?: readonly ThirdParty[];
  /** `PodmiotUpowazniony`. */
  readonly authorisedParty?: AuthorisedParty;
  /** `FaWiersz`. Empty for ZAL (the order lines are in `advance.order`). */
  readonly lines: readonly InvoiceLine[];
  /** Explicit annotations; the rest are derived from the lines. */
  readonly annotations?: Annotations;
  /** `Platnosc` and split payment. */
  readonly payment?: Payment;
  /** Required for KOR, KOR_ZAL, KOR_ROZ. */
  readonly correction?: Correction;
  /** Required for ZAL. */
  readonly advance?: AdvancePayment;
  /** Required for ROZ. */
  readonly settlement?: Settlement;
  /** `WZ`: warehouse issue documents. */
  readonly warehouseDocuments?: readonly string[];
  /** `DodatkowyOpis`. */
  readonly additionalInfo?: readonly AdditionalInfo[];
  /** `Stopka`. */
  readonly footer?: Footer;
  /** Totals printed by the source, checked against ours. */
  readonly sourceTotals?: SourceTotals;
}
