import type { DecimalString } from './DecimalString.js';
import type { VatBucket } from './VatBucket.js';

/**
 * Totals as the source ERP printed them. Where one differs from ours by at most 0.01 (line-level
 * rounding in the source), the source's value is kept and the render report notes it; a larger
 * difference is an error that shows both values.
 */
export interface SourceTotals {
  /** `P_13_x`, keyed by bucket. */
  readonly netByRate?: Partial<Record<VatBucket, DecimalString>>;
  /** `P_14_x` (buckets 1–5). */
  readonly vatByRate?: Partial<Record<VatBucket, DecimalString>>;
  /** `P_14_xW`: tax in PLN on foreign-currency invoices. */
  readonly vatByRatePln?: Partial<Record<VatBucket, DecimalString>>;
  /** `P_15`. */
  readonly grossTotal?: DecimalString;
}
