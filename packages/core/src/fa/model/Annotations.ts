/** The margin schemes of art. 119 and 120 (`PMarzy`): `P_PMarzy_2`, `_3_1`, `_3_2`, `_3_3`. */
export type MarginScheme = 'travel-agency' | 'used-goods' | 'works-of-art' | 'antiques';

/** The legal basis of an exemption: Polish act (`P_19A`), EU directive (`P_19B`), or other (`P_19C`). */
export interface ExemptionBasis {
  readonly source: 'act' | 'directive' | 'other';
  /** E.g. `art. 43 ust. 1 pkt 37 ustawy o VAT`. */
  readonly text: string;
}

/**
 * What the draft states about `Adnotacje`. The renderer derives the rest from the lines: reverse
 * charge (`P_18`) from `oo` and `np II` lines, the exemption flag (`P_19`/`P_19N`) from `zw` lines,
 * split payment (`P_18A`) from `payment.splitPayment` or annex-15 lines over 15 000 PLN, and the margin
 * block from `margin`. An explicit value here wins over the derived one (and the renderer notes it).
 */
export interface Annotations {
  /** `P_16`: cash accounting ("metoda kasowa"). Default no. */
  readonly cashAccounting?: boolean;
  /** `P_17`: self-billing ("samofakturowanie"). Default no. */
  readonly selfBilling?: boolean;
  /** `P_18`: reverse charge ("odwrotne obciążenie"). Derived from `oo` / `np II` lines. */
  readonly reverseCharge?: boolean;
  /** Required when any line is `zw`: why the supply is exempt. */
  readonly exemption?: ExemptionBasis;
  /** `P_23`: simplified triangular procedure. Default no. */
  readonly triangularProcedure?: boolean;
  /** The margin scheme; lines without `vatRate` are then margin sales summed in `P_13_11`. */
  readonly margin?: MarginScheme;
}
