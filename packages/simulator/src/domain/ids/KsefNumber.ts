import { crc8Hex } from './crc8.js';

/** A 35-character KSeF number, `{sellerNIP}-{yyyyMMdd}-{12 hex}-{CRC-8}` (`faktury/numer-ksef.md`). */
export type KsefNumber = string & { readonly __brand: 'KsefNumber' };

const pattern = /^[1-9](\d[1-9]|[1-9]\d)\d{7}-(20[2-9]\d|2[1-9]\d{2}|[3-9]\d{3})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])-[0-9A-F]{12}-[0-9A-F]{2}$/;

/** Parses a 2.0 KSeF number: format plus the CRC-8 of its first 32 characters (ksef-api.md §8). */
export function parseKsefNumber(value: string): KsefNumber | undefined {
  if (value.length !== 35 || !pattern.test(value)) return undefined;
  return crc8Hex(value.slice(0, 32)) === value.slice(33) ? (value as KsefNumber) : undefined;
}
