import type { Brand } from './Brand.js';
import { InvalidIdentifierError } from './InvalidIdentifierError.js';

/** A Polish tax identifier (NIP): 10 digits, valid pattern and check digit. Create with `parseNip`. */
export type Nip = Brand<string, 'Nip'>;

// The `Nip` pattern of open-api.json and the FA XSDs (`TNrNIP`): no leading zero, and the tax
// office code (digits 2-3) is not 00.
const nipPattern = /^[1-9]((\d[1-9])|([1-9]\d))\d{7}$/;
const nipWeights = [6, 5, 7, 2, 3, 4, 5, 6, 7] as const;

/**
 * True when `digits` is 10 ASCII digits whose last digit is the weighted sum of the first nine
 * (weights 6,5,7,2,3,4,5,6,7) modulo 11; a remainder of 10 is never valid. Does not check the
 * pattern, so the FA validator can report pattern and checksum separately.
 */
export function nipChecksumValid(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < nipWeights.length; i++) sum += Number(digits[i]) * (nipWeights[i] ?? 0);
  const check = sum % 11;
  return check !== 10 && check === Number(digits[9]);
}

/** Parses a NIP, throwing `InvalidIdentifierError` when its length, pattern or check digit is wrong. */
export function parseNip(value: string): Nip {
  if (typeof value !== 'string') {
    throw new InvalidIdentifierError('Nip', 'type', 'NIP must be a string of 10 digits');
  }
  if (!/^\d{10}$/.test(value)) {
    throw new InvalidIdentifierError(
      'Nip',
      'length',
      `NIP must be exactly 10 digits without separators (got ${value.length} characters${/\D/.test(value) ? ', not all digits' : ''})`,
    );
  }
  if (!nipPattern.test(value)) {
    throw new InvalidIdentifierError(
      'Nip',
      'pattern',
      'NIP must not start with 0 and its 2nd and 3rd digits (tax office code) must not both be 0',
    );
  }
  if (!nipChecksumValid(value)) {
    throw new InvalidIdentifierError(
      'Nip',
      'checksum',
      'NIP check digit does not match the first nine digits (weights 6,5,7,2,3,4,5,6,7, modulo 11)',
    );
  }
  return value as Nip;
}

/** True when `value` is a NIP that `parseNip` accepts. */
export function isValidNip(value: string): value is Nip {
  return typeof value === 'string' && nipPattern.test(value) && nipChecksumValid(value);
}
