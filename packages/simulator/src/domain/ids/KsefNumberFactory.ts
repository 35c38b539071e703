import { warsawCompactDate } from '../time/warsawTime.js';
import { crc8Hex } from './crc8.js';
import type { KsefNumber } from './KsefNumber.js';
import { SeededHexSource } from './SeededHexSource.js';

/**
 * Assigns KSeF numbers `{sellerNIP}-{yyyyMMdd}-{12 uppercase hex}-{CRC-8 of the first 32 chars}`
 * (`faktury/numer-ksef.md`; the date is the Warsaw day of acceptance). Every number is unique within
 * the factory.
 */
export class KsefNumberFactory {
  private readonly hex: SeededHexSource;
  private readonly issued = new Set<string>();

  /** `seed` makes the sequence reproducible. */
  constructor(seed?: string) {
    this.hex = new SeededHexSource(seed, 'ksef-numbers');
  }

  /** A new KSeF number for an invoice of `sellerNip` accepted at `acceptedAt`. */
  next(sellerNip: string, acceptedAt: Date): KsefNumber {
    if (!/^\d{10}$/.test(sellerNip)) throw new RangeError('A KSeF number needs a 10-digit seller NIP');
    for (;;) {
      const body = `${sellerNip}-${warsawCompactDate(acceptedAt)}-${this.hex.next(12)}`;
      const value = `${body}-${crc8Hex(body)}`;
      if (this.issued.has(value)) continue;
      this.issued.add(value);
      return value as KsefNumber;
    }
  }
}
