import type { Brand } from './Brand.js';
import { InvalidIdentifierError } from './InvalidIdentifierError.js';

/**
 * The reference number of an asynchronous KSeF object (session, invoice upload, auth operation,
 * challenge, UPO page…): `yyyyMMdd-TT-XXXXXXXXXX-XXXXXXXXXX-CC`, 36 characters. Opaque to clients.
 */
export type ReferenceNumber = Brand<string, 'ReferenceNumber'>;

/** The readable fields of a reference number. */
export interface ReferenceNumberParts {
  /** The creation day, `YYYY-MM-DD`. */
  readonly date: string;
  /** The 2-character object type code, e.g. `SO` online session, `SB` batch, `EE` invoice, `CR` challenge. */
  readonly typeCode: string;
}

// `TNumerReferencyjny` in upo-v4-3.xsd. The last two hex characters are a CRC-8 on the numbers we
// have seen, but the docs never say so and some documented examples fail it: clients treat the
// number as opaque and check the pattern only (ksef-api.md §0).
const referenceNumberPattern =
  /^(20[2-9][0-9]|2[1-9][0-9]{2}|[3-9][0-9]{3})(0[1-9]|1[0-2])(0[1-9]|[1-2][0-9]|3[0-1])-([0-9A-Z]{2})-([0-9A-F]{10})-([0-9A-F]{10})-([0-9A-F]{2})$/;

/** Parses a reference number by its pattern, throwing `InvalidIdentifierError` otherwise. */
export function parseReferenceNumber(value: string): ReferenceNumber {
  if (typeof value !== 'string' || value.length !== 36) {
    throw new InvalidIdentifierError(
      'ReferenceNumber',
      'length',
      `reference number must be 36 characters${typeof value === 'string' ? ` (got ${value.length})` : ''}`,
    );
  }
  if (!referenceNumberPattern.test(value)) {
    throw new InvalidIdentifierError(
      'ReferenceNumber',
      'pattern',
      'reference number must look like YYYYMMDD-TT-XXXXXXXXXX-XXXXXXXXXX-CC (date, 2-character type code, uppercase hex)',
    );
  }
  return value as ReferenceNumber;
}

/** True when `value` matches the reference number pattern. */
export function isValidReferenceNumber(value: string): value is ReferenceNumber {
  return typeof value === 'string' && referenceNumberPattern.test(value);
}

/** The creation date and type code of a parsed reference number. */
export function referenceNumberParts(reference: ReferenceNumber): ReferenceNumberParts {
  return {
    date: `${reference.slice(0, 4)}-${reference.slice(4, 6)}-${reference.slice(6, 8)}`,
    typeCode: reference.slice(9, 11),
  };
}
