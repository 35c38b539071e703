import type { Brand } from './Brand.js';
import { InvalidIdentifierError } from './InvalidIdentifierError.js';

/** The identifier of a Peppol service provider: `P`, a 2-letter country code and 6 digits. */
export type PeppolId = Brand<string, 'PeppolId'>;

// open-api.json `PeppolId`.
const peppolIdPattern = /^P[A-Z]{2}[0-9]{6}$/;

/** Parses a Peppol provider identifier, throwing `InvalidIdentifierError` when it does not match. */
export function parsePeppolId(value: string): PeppolId {
  if (typeof value !== 'string' || !peppolIdPattern.test(value)) {
    throw new InvalidIdentifierError(
      'PeppolId',
      'pattern',
      'Peppol provider identifier must be 9 characters: P, two capital letters and six digits',
    );
  }
  return value as PeppolId;
}

/** True when `value` matches the Peppol provider identifier pattern. */
export function isValidPeppolId(value: string): value is PeppolId {
  return typeof value === 'string' && peppolIdPattern.test(value);
}
