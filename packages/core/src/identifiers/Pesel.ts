import type { Brand } from './Brand.js';
import { InvalidIdentifierError } from './InvalidIdentifierError.js';

/** A Polish personal identification number (PESEL), pattern and check digit valid. */
export type Pesel = Brand<string, 'Pesel'>;

// open-api.json `Pesel`: 11 digits whose month field carries the century (+20, +40, +60, +80).
const peselPattern = /^\d{2}(?:0[1-9]|1[0-2]|2[1-9]|3[0-2]|4[1-9]|5[0-2]|6[1-9]|7[0-2]|8[1-9]|9[0-2])\d{7}$/;
const peselWeights = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3] as const;

/** True when the 11th digit equals (10 - weighted sum of the first ten mod 10) mod 10. */
export function peselChecksumValid(digits: string): boolean {
  if (!/^\d{11}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < peselWeights.length; i++) sum += Number(digits[i]) * (peselWeights[i] ?? 0);
  return (10 - (sum % 10)) % 10 === Number(digits[10]);
}

/** Parses a PESEL, throwing `InvalidIdentifierError` when its length, pattern or check digit is wrong. */
export function parsePesel(value: string): Pesel {
  if (typeof value !== 'string' || !/^\d{11}$/.test(value)) {
    throw new InvalidIdentifierError('Pesel', 'length', 'PESEL must be exactly 11 digits');
  }
  if (!peselPattern.test(value)) {
    throw new InvalidIdentifierError('Pesel', 'pattern', 'PESEL digits 3-4 are not a valid month code');
  }
  if (!peselChecksumValid(value)) {
    throw new InvalidIdentifierError('Pesel', 'checksum', 'PESEL check digit does not match the first ten digits');
  }
  return value as Pesel;
}

/** True when `value` is a PESEL that `parsePesel` accepts. */
export function isValidPesel(value: string): value is Pesel {
  return typeof value === 'string' && peselPattern.test(value) && peselChecksumValid(value);
}
