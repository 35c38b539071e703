import { crc8Hex } from './crc8.js';

/** A 36-character KSeF reference number, `yyyyMMdd-TT-10hex-10hex-CC` (ksef-api.md §0). */
export type ReferenceNumber = string & { readonly __brand: 'ReferenceNumber' };

/**
 * The object kinds the simulator numbers, with the two-letter code KSeF uses for them (ksef-api.md
 * §0 table).
 */
export const referenceNumberTypes = {
  challenge: 'CR',
  authentication: 'AU',
  onlineSession: 'SO',
  batchSession: 'SB',
  invoice: 'EE',
  sessionUpo: 'EU',
  export: 'EH',
  ksefToken: 'EC',
  permissionOperation: 'EG',
} as const;

/** A kind of object that gets a reference number. */
export type ReferenceNumberType = keyof typeof referenceNumberTypes;

// The XSD pattern of TNumerReferencyjny (upo-v4-3.xsd), anchored.
const pattern = /^(20[2-9][0-9]|2[1-9][0-9]{2}|[3-9][0-9]{3})(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])-([0-9A-Z]{2})-([0-9A-F]{10})-([0-9A-F]{10})-([0-9A-F]{2})$/;

/**
 * Parses a reference number: the format, and the CRC-8 over the first 33 characters. Returns
 * `undefined` when it is not one the simulator could have issued.
 */
export function parseReferenceNumber(value: string): ReferenceNumber | undefined {
  if (!pattern.test(value)) return undefined;
  return crc8Hex(value.slice(0, 33)) === value.slice(34) ? (value as ReferenceNumber) : undefined;
}
