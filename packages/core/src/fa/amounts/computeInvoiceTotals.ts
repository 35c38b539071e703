import type { InvoiceDraft } from '../model/InvoiceDraft.js';
import type { InvoiceLine } from '../model/InvoiceLine.js';
import { isCorrectionKind } from '../model/InvoiceKind.js';
import { taxedVatBuckets, vatBucketOf, vatBuckets, type VatBucket } from '../model/VatBucket.js';
import { vatPercent, vatRates, type VatRate } from '../model/VatRate.js';
import { Decimal } from './Decimal.js';

/** The summary fields of `Fa`, as fixed two-decimal text ready for the XML. */
export interface InvoiceTotals {
  /** `P_13_x` per bucket present on the invoice. */
  readonly netByRate: Partial<Record<VatBucket, string>>;
  /** `P_14_x` (buckets 1–5). */
  readonly vatByRate: Partial<Record<VatBucket, string>>;
  /** `P_14_xW`, only for a foreign currency with an exchange rate. */
  readonly vatByRatePln: Partial<Record<VatBucket, string>>;
  /** `P_15`. */
  readonly grossTotal: string;
}

/** A source total that differs from ours by more than 0.01. */
export interface TotalsMismatch {
  /** The FA field, e.g. `P_14_1`. */
  readonly field: string;
  /** The draft path, e.g. `sourceTotals.vatByRate.1`. */
  readonly path: string;
  readonly ours: string;
  readonly source: string;
}

/** The outcome of `computeInvoiceTotals`. */
export interface ComputedTotals {
  readonly totals: InvoiceTotals;
  /** How each line is priced. */
  readonly pricing: 'net' | 'gross';
  /** Each line's value (`P_11` or `P_11A`) as rendered: given, or computed from quantity × price. */
  readonly lineValues: readonly (string | undefined)[];
  /** Facts the caller should see in the render report (kept source totals, computed line values). */
  readonly notes: readonly string[];
  /** Source totals off by more than 0.01: errors. */
  readonly mismatches: readonly TotalsMismatch[];
}

type RateKey = VatRate | 'margin';
const cent = Decimal.parse('0.01');
const hundred = Decimal.of(100n);

/** Whether the draft's lines are priced net or gross (explicit `pricing` wins). */
export function pricingOf(draft: InvoiceDraft): 'net' | 'gross' {
  if (draft.pricing) return draft.pricing;
  const net = draft.lines.some((l) => l.netValue !== undefined || l.unitPriceNet !== undefined);
  const gross = draft.lines.some((l) => l.grossValue !== undefined || l.unitPriceGross !== undefined);
  return gross && !net ? 'gross' : 'net';
}

/**
 * A line's value in the invoice's pricing: the given `netValue`/`grossValue`, else quantity × unit
 * price rounded half-up to 0.01; undefined when neither is there. Margin lines take whichever value
 * they have.
 */
export function lineValueOf(line: InvoiceLine, pricing: 'net' | 'gross', margin: boolean): Decimal | undefined {
  const given = margin ? (line.grossValue ?? line.netValue) : pricing === 'net' ? line.netValue : line.grossValue;
  if (given !== undefined) return Decimal.parse(given);
  const price = pricing === 'net' ? line.unitPriceNet : line.unitPriceGross;
  if (price === undefined || line.quantity === undefined) return undefined;
  return Decimal.parse(line.quantity).mul(Decimal.parse(price)).round(2);
}

/** Net and tax of one rate's summed value: net × rate, or for gross pricing gross × rate / (100 + rate). */
function splitRate(rate: RateKey, sum: Decimal, pricing: 'net' | 'gross'): { net: Decimal; vat: Decimal } {
  const percent = rate === 'margin' ? undefined : vatPercent(rate);
  if (percent === undefined) return { net: sum, vat: Decimal.zero };
  const p = Decimal.parse(percent);
  if (pricing === 'net') return { net: sum, vat: sum.mul(p).div(hundred, 2) };
  const vat = sum.mul(p).div(hundred.add(p), 2);
  return { net: sum.sub(vat), vat };
}

/**
 * Computes `P_13_x`, `P_14_x`, `P_14_xW` and `P_15` with exact decimals. Tax per rate is the rate
 * times the summed net of that rate (or derived from the summed gross for gross-priced invoices),
 * rounded half-up to 0.01; corrections subtract their `before` lines (tax computed on each side);
 * ROZ subtracts the advances; ZAL splits the advance over the order's rates. Source totals within
 * 0.01 are kept (noted), larger differences are returned as mismatches. Expects a draft that passed
 * `checkInvoiceDraft`'s amount checks: malformed decimals throw.
 */
export function computeInvoiceTotals(draft: InvoiceDraft): ComputedTotals {
  const notes: string[] = [];
  const pricing = pricingOf(draft);
  const margin = draft.annotations?.margin !== undefined;
  const perRate = new Map<RateKey, { net: Decimal; vat: Decimal }>();
  const addRate = (rate: RateKey, net: Decimal, vat: Decimal): void => {
    const prior = perRate.get(rate) ?? { net: Decimal.zero, vat: Decimal.zero };
    perRate.set(rate, { net: prior.net.add(net), vat: prior.vat.add(vat) });
  };

  const lineValues: (string | undefined)[] = [];
  if (draft.kind === 'ZAL') {
    if (draft.advance) for (const [rate, part] of splitAdvance(draft)) addRate(rate, part.net, part.vat);
  }
  // Sum each rate's lines on each side of a correction; tax is computed per side so that the
  // difference equals (tax after) − (tax before), as the two invoices state them.
  const sums = new Map<RateKey, { after: Decimal; before: Decimal }>();
  draft.lines.forEach((line, i) => {
    const lineMargin = margin && line.vatRate === undefined;
    const value = lineValueOf(line, pricing, lineMargin);
    const given = lineMargin ? (line.grossValue ?? line.netValue) : pricing === 'net' ? line.netValue : line.grossValue;
    if (value !== undefined && given === undefined) {
      notes.push(`lines[${i}]: ${pricing === 'net' ? 'P_11' : 'P_11A'} computed as quantity × unit price = ${value.toFixed(2)}`);
    }
    lineValues.push(value?.toFixed(2));
    if (value === undefined || draft.kind === 'ZAL') return;
    const key: RateKey = line.vatRate ?? 'margin';
    const sum = sums.get(key) ?? { after: Decimal.zero, before: Decimal.zero };
    sums.set(key, line.before && isCorrectionKind(draft.kind)
      ? { after: sum.after, before: sum.before.add(value) }
      : { after: sum.after.add(value), before: sum.before });
  });
  for (const [rate, sum] of sums) {
    const after = splitRate(rate, sum.after, pricing);
    const before = splitRate(rate, sum.before, pricing);
    addRate(rate, after.net.sub(before.net), after.vat.sub(before.vat));
  }
  if (draft.kind === 'ROZ') {
    for (const advance of draft.settlement?.advances ?? []) {
      addRate(advance.vatRate, Decimal.parse(advance.net).neg(), Decimal.parse(advance.vat).neg());
    }
  }

  // Rates → buckets (23 and 22 share bucket 1, 8 and 7 bucket 2, …).
  const net = new Map<VatBucket, Decimal>();
  const vat = new Map<VatBucket, Decimal>();
  for (const rate of [...vatRates, 'margin' as const]) {
    const amounts = perRate.get(rate);
    if (!amounts) continue;
    const bucket = vatBucketOf(rate === 'margin' ? undefined : rate);
    net.set(bucket, (net.get(bucket) ?? Decimal.zero).add(amounts.net));
    if (taxedVatBuckets.includes(bucket)) vat.set(bucket, (vat.get(bucket) ?? Decimal.zero).add(amounts.vat));
  }

  const mismatches: TotalsMismatch[] = [];
  const source = draft.sourceTotals;
  reconcile(net, source?.netByRate, 'P_13_', 'sourceTotals.netByRate', notes, mismatches);
  reconcile(vat, source?.vatByRate, 'P_14_', 'sourceTotals.vatByRate', notes, mismatches);

  const vatPln = new Map<VatBucket, Decimal>();
  const foreign = (draft.currency ?? 'PLN') !== 'PLN';
  if (foreign && draft.exchangeRate !== undefined) {
    const rate = Decimal.parse(draft.exchangeRate);
    // P_14_xW: the bucket's tax converted at the exchange rate (art. 106e ust. 11), half-up.
    for (const [bucket, amount] of vat) vatPln.set(bucket, amount.mul(rate).round(2));
    reconcile(vatPln, source?.vatByRatePln, 'P_14_', 'sourceTotals.vatByRatePln', notes, mismatches, 'W');
  }

  let gross = Decimal.zero;
  for (const amount of net.values()) gross = gross.add(amount);
  for (const amount of vat.values()) gross = gross.add(amount);
  if (source?.grossTotal !== undefined) {
    const theirs = Decimal.parse(source.grossTotal);
    const diff = theirs.sub(gross).abs();
    if (diff.compare(cent) > 0) {
      mismatches.push({ field: 'P_15', path: 'sourceTotals.grossTotal', ours: gross.toFixed(2), source: theirs.toFixed(2) });
    } else if (!diff.isZero()) {
      notes.push(`P_15: kept the source's ${theirs.toFixed(2)} (computed ${gross.toFixed(2)}, within 0.01)`);
      gross = theirs;
    }
  }

  return {
    totals: {
      netByRate: toRecord(net),
      vatByRate: toRecord(vat),
      vatByRatePln: toRecord(vatPln),
      grossTotal: gross.toFixed(2),
    },
    pricing,
    lineValues,
    notes,
    mismatches,
  };
}

/** Keeps a source bucket within 0.01 of ours (with a note) or records a mismatch. */
function reconcile(
  ours: Map<VatBucket, Decimal>,
  theirs: Partial<Record<VatBucket, string>> | undefined,
  prefix: string,
  path: string,
  notes: string[],
  mismatches: TotalsMismatch[],
  suffix = '',
): void {
  if (!theirs) return;
  for (const bucket of vatBuckets) {
    const text = theirs[bucket];
    if (text === undefined) continue;
    const source = Decimal.parse(text);
    const computed = ours.get(bucket) ?? Decimal.zero;
    const field = `${prefix}${bucket}${suffix}`;
    const diff = source.sub(computed).abs();
    if (diff.compare(cent) > 0 || (!ours.has(bucket) && !source.isZero())) {
      mismatches.push({ field, path: `${path}.${bucket}`, ours: computed.toFixed(2), source: source.toFixed(2) });
    } else if (!diff.isZero()) {
      notes.push(`${field}: kept the source's ${source.toFixed(2)} (computed ${computed.toFixed(2)}, within 0.01)`);
      ours.set(bucket, source);
    }
  }
}

function toRecord(map: Map<VatBucket, Decimal>): Partial<Record<VatBucket, string>> {
  const record: Partial<Record<VatBucket, string>> = {};
  for (const bucket of vatBuckets) {
    const amount = map.get(bucket);
    if (amount !== undefined) record[bucket] = amount.toFixed(2);
  }
  return record;
}

/**
 * Splits an advance over the order's rates in proportion to the order's gross per rate (the last
 * rate takes the rounding remainder, so the parts add up to the payment), then derives each part's
 * tax as part × rate / (100 + rate), art. 106f ust. 1 pkt 3.
 */
export function splitAdvance(draft: InvoiceDraft): Map<VatRate, { gross: Decimal; net: Decimal; vat: Decimal }> {
  const result = new Map<VatRate, { gross: Decimal; net: Decimal; vat: Decimal }>();
  const advance = draft.advance;
  if (!advance) return result;
  const orderGross = new Map<VatRate, Decimal>();
  for (const line of advance.order.lines) {
    const net = Decimal.parse(line.netValue);
    const percent = vatPercent(line.vatRate);
    const vat = line.vatAmount !== undefined
      ? Decimal.parse(line.vatAmount)
      : percent === undefined ? Decimal.zero : net.mul(Decimal.parse(percent)).div(hundred, 2);
    orderGross.set(line.vatRate, (orderGross.get(line.vatRate) ?? Decimal.zero).add(net).add(vat));
  }
  let total = Decimal.zero;
  for (const gross of orderGross.values()) total = total.add(gross);
  const amount = Decimal.parse(advance.amount);
  const rates = vatRates.filter((rate) => orderGross.has(rate));
  let allocated = Decimal.zero;
  rates.forEach((rate, i) => {
    const share = i === rates.length - 1 || total.isZero()
      ? amount.sub(allocated)
      : amount.mul(orderGross.get(rate) ?? Decimal.zero).div(total, 2);
    allocated = allocated.add(share);
    const split = splitRate(rate, share, 'gross');
    result.set(rate, { gross: share, net: split.net, vat: split.vat });
  });
  return result;
}
