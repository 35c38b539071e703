import type { Brand } from './Brand.js';
import { InvalidIdentifierError } from './InvalidIdentifierError.js';

/** An internal identifier (IDWew) of an organisational unit: `{NIP}-{5 digits}`, 16 characters. */
export type InternalId = Brand<string, 'InternalId'>;

// open-api.json `InternalId`. Only the pattern: the NIP part's check digit is verified by KSeF on
// production only (`faktury/weryfikacja-faktury.md`), so callers check it where they need to.
const internalIdPattern = /^[1-9]((\d[1-9])|([1-9]\d))\d{7}-\d{5}$/;

/** Parses an internal identifier by its pattern, throwing `InvalidIdentifierError` otherwise. */
export function parseInternalId(value: string): InternalId {
  if (typeof value !== 'string' || value.length !== 16) {
    throw new InvalidIdentifierError(
      'InternalId',
      'length',
      'internal identifier must be 16 characters: a 10-digit NIP, a dash and 5 digits',
    );
  }
  if (!internalIdPattern.test(value)) {
    throw new InvalidIdentifierError(
      'InternalId',
      'pattern',
      'internal identifier must be a 10-digit NIP (no leading 0), a dash and 5 digits',
    );
  }
  return value as InternalId;
}

/** True when `value` matches the internal identifier pattern. */
export function isValidInternalId(value: string): value is InternalId {
  return typeof value === 'string' && internalIdPattern.test(value);
}

/** The NIP part of an internal identifier (not checksum-verified). */
export function internalIdNip(id: InternalId): string {
  return id.slice(0, 10);
}
