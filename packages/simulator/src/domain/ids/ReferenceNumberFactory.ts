import type { SimulatorClock } from '../SimulatorClock.js';
import { warsawCompactDate } from '../time/warsawTime.js';
import { crc8Hex } from './crc8.js';
import { referenceNumberTypes, type ReferenceNumber, type ReferenceNumberType } from './ReferenceNumber.js';
import { SeededHexSource } from './SeededHexSource.js';

/**
 * Issues reference numbers `yyyyMMdd-TT-10hex-10hex-CC`: the Warsaw date of issue, the object-type
 * code, 20 hex digits from a seeded source, and CRC-8 over the first 33 characters — the same
 * checksum real KSeF numbers carry (ksef-api.md §0).
 */
export class ReferenceNumberFactory {
  private readonly hex: SeededHexSource;
  private readonly issued = new Set<string>();

  /** `seed` makes the sequence reproducible. */
  constructor(
    private readonly clock: SimulatorClock,
    seed?: string,
  ) {
    this.hex = new SeededHexSource(seed, 'reference-numbers');
  }

  /** A new, never-issued reference number for an object of `type`. */
  next(type: ReferenceNumberType): ReferenceNumber {
    for (;;) {
      const digits = this.hex.next(20);
      const body = `${warsawCompactDate(this.clock.now())}-${referenceNumberTypes[type]}-${digits.slice(0, 10)}-${digits.slice(10)}`;
      const value = `${body}-${crc8Hex(body)}`;
      if (this.issued.has(value)) continue;
      this.issued.add(value);
      return value as ReferenceNumber;
    }
  }
}
