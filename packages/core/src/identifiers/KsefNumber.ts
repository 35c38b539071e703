import type { Brand } from './Brand.js';
import { crc8 } from './crc8.js';
import { InvalidIdentifierError } from './InvalidIdentifierError.js';

/**
 * The number KSeF assigns to an accepted invoice: `NIP-YYYYMMDD-XXXXXXXXXXXX-CC` (35 characters), or
 * the KSeF 1.0 form with one more dash (36). Create with `parseKsefNumber`.
 */
export type KsefNumber = Brand<string, 'KsefNumber'>;

/** The fields of a KSeF number. */
export interface KsefNumberParts {
  /** The seller's NIP as written (its check digit is not verified: TEST issues numbers for random NIPs). */
  readonly nip: string;
  /** The day KSeF accepted the invoice for processing, `YYYY-MM-DD`. */
  readonly date: string;
  /** The 12 uppercase hex characters of the technical part, without the legacy inner dash. */
  readonly technicalPart: string;
  /** The last 2 uppercase hex characters (CRC-8 for the 35-character form). */
  readonly checksum: string;
  /** True for the 36-character KSeF 1.0 form, whose checksum the docs do not define. */
  readonly legacy: boolean;
}

// open-api.json `KsefNumber`; the optional dash admits the 36-character KSeF 1.0 numbers.
const ksefNumberPattern =
  /^([1-9](\d[1-9]|[1-9]\d)\d{7})-(20[2-9][0-9]|2[1-9]\d{2}|[3-9]\d{3})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])-([0-9A-F]{6})(-?)([0-9A-F]{6})-([0-9A-F]{2})$/;

/**
 * The 2-character checksum of a 35-character KSeF number, computed from its first 32 characters
 * (`NIP-YYYYMMDD-XXXXXXXXXXXX`, dashes included): CRC-8 (`faktury/numer-ksef.md`) as uppercase hex.
 */
export function computeKsefNumberChecksum(data: string): string {
  if (data.length !== 32) {
    throw new RangeError(`KSeF number data part must be 32 characters (got ${data.length})`);
  }
  return crc8(data).toString(16).toUpperCase().padStart(2, '0');
}

/**
 * Parses a KSeF number. The 35-character form must match the pattern and carry a valid CRC-8; the
 * 36-character KSeF 1.0 form is checked by pattern only. Throws `InvalidIdentifierError`.
 */
export function parseKsefNumber(value: string): KsefNumber {
  if (typeof value !== 'string' || (value.length !== 35 && value.length !== 36)) {
    throw new InvalidIdentifierError(
      'KsefNumber',
      'length',
      `KSeF number must be 35 characters (36 for KSeF 1.0 numbers)${typeof value === 'string' ? `, got ${value.length}` : ''}`,
    );
  }
  if (!ksefNumberPattern.test(value)) {
    throw new InvalidIdentifierError(
      'KsefNumber',
      'pattern',
      'KSeF number must look like NIP-YYYYMMDD-XXXXXXXXXXXX-CC: a 10-digit NIP, a date, 12 uppercase hex characters and 2 checksum characters',
    );
  }
  if (value.length === 35 && computeKsefNumberChecksum(value.slice(0, 32)) !== value.slice(33)) {
    throw new InvalidIdentifierError(
      'KsefNumber',
      'checksum',
      'KSeF number checksum (last 2 characters, CRC-8 of the first 32) does not match; the number is mistyped or truncated',
    );
  }
  return value as KsefNumber;
}

/** True when `value` is a KSeF number that `parseKsefNumber` accepts. */
export function isValidKsefNumber(value: string): value is KsefNumber {
  try {
    parseKsefNumber(value);
    return true;
  } catch {
    return false;
  }
}

/** Splits a parsed KSeF number into its fields. */
export function ksefNumberParts(number: KsefNumber): KsefNumberParts {
  const match = ksefNumberPattern.exec(number);
  if (!match) throw new RangeError('not a parsed KSeF number');
  const [, nip = '', , year = '', month = '', day = '', first = '', dash = '', second = '', checksum = ''] = match;
  return {
    nip,
    date: `${year}-${month}-${day}`,
    technicalPart: first + second,
    checksum,
    legacy: dash === '-',
  };
}
