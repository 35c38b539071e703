import { createHash } from 'node:crypto';

const weights = [6, 5, 7, 2, 3, 4, 5, 6, 7];

/**
 * A checksum-valid NIP derived from `seed` (weights 6,5,7,2,3,4,5,6,7, sum mod 11 is the last digit,
 * never 10), matching open-api.json's `Nip` pattern. Random NIPs are what TEST users are told to use.
 */
export function sampleNip(seed: string): string {
  for (let attempt = 0; ; attempt++) {
    const digest = createHash('sha256').update(`${seed}:sample-nip:${attempt}`).digest();
    const digits = Array.from(digest.subarray(0, 9), (b) => b % 10);
    if (digits[0] === 0 || (digits[1] === 0 && digits[2] === 0) || digits[1] === 0 || digits[2] === 0) continue;
    const check = digits.reduce((sum, d, i) => sum + d * (weights[i] ?? 0), 0) % 11;
    if (check === 10) continue;
    return `${digits.join('')}${check}`;
  }
}
