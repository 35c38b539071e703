import type { DecimalString, IsoDate } from './DecimalString.js';

/** `DaneFaKorygowanej`: one corrected invoice. Without `ksefNumber` it was issued outside KSeF (`NrKSeFN`). */
export interface CorrectedInvoice {
  readonly issueDate: IsoDate;
  readonly number: string;
  readonly ksefNumber?: string;
}

/**
 * What a correction (KOR, KOR_ZAL, KOR_ROZ) corrects. Totals of a correction are differences
 * (XSD, `Fa`): lines marked `before` are subtracted from the others.
 */
export interface Correction {
  /** `PrzyczynaKorekty`. */
  readonly reason?: string;
  /** `TypKorekty`: effective at the original invoice's date (1), the correction's date (2), or another (3). */
  readonly effect?: 'original-date' | 'correction-date' | 'other-date';
  /** At least one corrected invoice (up to 50 000). */
  readonly corrected: readonly CorrectedInvoice[];
  /** `OkresFaKorygowanej`: the period of a collective discount correction (art. 106j ust. 3). */
  readonly period?: string;
  /** `NrFaKorygowany`: the right number when the correction fixes a wrong invoice number. */
  readonly correctNumber?: string;
  /** `P_15ZK`: for KOR_ZAL / KOR_ROZ, the amount (to pay) before the correction. */
  readonly amountBefore?: DecimalString;
}
