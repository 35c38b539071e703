import { Decimal } from '../amounts/Decimal.js';
import type { ExemptionBasis, MarginScheme } from '../model/Annotations.js';
import type { InvoiceDraft } from '../model/InvoiceDraft.js';
import type { VatRate } from '../model/VatRate.js';

/** `Adnotacje` as rendered, with where each value came from. */
export interface DerivedAnnotations {
  readonly cashAccounting: boolean;
  readonly selfBilling: boolean;
  readonly reverseCharge: boolean;
  readonly splitPayment: boolean;
  /** Whether the invoice has exempt supplies (`P_19` = 1) — then `exemption` holds the basis when known. */
  readonly exempt: boolean;
  readonly exemption: ExemptionBasis | undefined;
  readonly triangularProcedure: boolean;
  readonly margin: MarginScheme | undefined;
  /** The split payment the lines require (annex 15, a buyer with NIP, gross over 15 000 PLN). */
  readonly splitPaymentRequired: boolean;
  /** Explicit values that disagree with what the lines imply. */
  readonly notes: readonly string[];
}

// art. 106e ust. 1 pkt 18a: annex-15 supplies above 15 000 PLN gross to a taxpayer need MPP.
const splitPaymentThreshold = Decimal.of(15000n);

/** The rates that occur on a draft: its lines', and for an advance invoice its order lines'. */
export function ratesOf(draft: InvoiceDraft): Set<VatRate> {
  const rates = new Set<VatRate>();
  for (const line of draft.lines) if (line.vatRate) rates.add(line.vatRate);
  if (draft.kind === 'ZAL') for (const line of draft.advance?.order.lines ?? []) rates.add(line.vatRate);
  return rates;
}

/**
 * Derives `Adnotacje` from the draft: reverse charge from `oo` lines and `np II` services (both carry
 * the words "odwrotne obciążenie", art. 106e ust. 1 pkt 18), exemption from `zw` lines, split payment
 * from `payment.splitPayment` or the annex-15 rule, margin from `annotations.margin`. Explicit
 * annotation values win; disagreements are noted. `grossTotal` is `P_15` in the invoice currency.
 */
export function deriveAnnotations(draft: InvoiceDraft, grossTotal: string): DerivedAnnotations {
  const explicit = draft.annotations ?? {};
  const notes: string[] = [];
  const rates = ratesOf(draft);

  const reverseChargeLines = rates.has('oo') || rates.has('np II');
  const reverseCharge = explicit.reverseCharge ?? reverseChargeLines;
  if (explicit.reverseCharge !== undefined && explicit.reverseCharge !== reverseChargeLines) {
    notes.push(`Adnotacje/P_18: the draft says ${explicit.reverseCharge ? '1' : '2'} although the lines ${reverseChargeLines ? 'have' : 'have no'} oo / np II rates`);
  }

  const exempt = rates.has('zw') || explicit.exemption !== undefined;

  let grossPln = Decimal.parse(grossTotal);
  if ((draft.currency ?? 'PLN') !== 'PLN' && draft.exchangeRate !== undefined) {
    grossPln = grossPln.mul(Decimal.parse(draft.exchangeRate));
  }
  const splitPaymentRequired =
    draft.lines.some((line) => line.annex15 === true) &&
    'nip' in draft.buyer.id &&
    grossPln.compare(splitPaymentThreshold) > 0;
  const splitPayment = draft.payment?.splitPayment ?? splitPaymentRequired;

  return {
    cashAccounting: explicit.cashAccounting ?? false,
    selfBilling: explicit.selfBilling ?? false,
    reverseCharge,
    splitPayment,
    exempt,
    exemption: explicit.exemption,
    triangularProcedure: explicit.triangularProcedure ?? false,
    margin: explicit.margin,
    splitPaymentRequired,
    notes,
  };
}
