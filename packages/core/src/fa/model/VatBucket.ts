import type { VatRate } from './VatRate.js';

/**
 * A summary bucket of `Fa`, named by the suffix of its field: `'1'` is `P_13_1`/`P_14_1`/`P_14_1W`,
 * `'6_2'` is `P_13_6_2`, `'11'` is `P_13_11`. `netByRate`, `vatByRate` and `vatByRatePln` are keyed
 * by it, so JPK_FA's `P_13_x` columns map one to one.
 */
export type VatBucket = '1' | '2' | '3' | '4' | '5' | '6_1' | '6_2' | '6_3' | '7' | '8' | '9' | '10' | '11';

/** Every bucket in the order its fields appear in `Fa`. */
export const vatBuckets: readonly VatBucket[] = ['1', '2', '3', '4', '5', '6_1', '6_2', '6_3', '7', '8', '9', '10', '11'];

/** The buckets that have a tax field (`P_14_x`) besides the net one. */
export const taxedVatBuckets: readonly VatBucket[] = ['1', '2', '3', '4', '5'];

// From the FA(3) XSD annotations of P_13_x: 1 = basic rate (23 or 22), 2 = first reduced (8 or 7),
// 3 = second reduced (5), 4 = third reduced, the taxi flat rate (4, formerly 3), 6_1 = 0% domestic,
// 6_2 = 0% WDT, 6_3 = 0% export, 7 = exempt, 8 = outside the country except 5 and 9, 9 = art. 100
// ust. 1 pkt 4 services, 10 = domestic reverse charge, 11 = margin scheme (art. 119, 120).
// Bucket 5 (OSS, dział XII rozdział 6a) is not produced: its lines carry P_12_XII, not a P_12 rate.
const bucketOfRate: Readonly<Record<VatRate, VatBucket>> = {
  '23': '1', '22': '1', '8': '2', '7': '2', '5': '3', '4': '4', '3': '4',
  '0 KR': '6_1', '0 WDT': '6_2', '0 EX': '6_3', zw: '7', 'np I': '8', 'np II': '9', oo: '10',
};

/** The bucket a rate's net value is summed into. Margin-scheme lines (no rate) go to `'11'`. */
export function vatBucketOf(rate: VatRate | undefined): VatBucket {
  return rate === undefined ? '11' : bucketOfRate[rate];
}
