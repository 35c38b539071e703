import type { Brand } from './Brand.js';
import { InvalidIdentifierError } from './InvalidIdentifierError.js';

/** A composite identifier `{Polish NIP}-{EU VAT number}` (identyfikator złożony VAT UE). */
export type NipVatUe = Brand<string, 'NipVatUe'>;

// open-api.json `NipVatUe`: per-country VAT number shapes, country prefix included.
const nipVatUePattern =
  /^[1-9]((\d[1-9])|([1-9]\d))\d{7}-(ATU\d{8}|BE[01]{1}\d{9}|BG\d{9,10}|CY\d{8}[A-Z]|CZ\d{8,10}|DE\d{9}|DK\d{8}|EE\d{9}|EL\d{9}|ES([A-Z]\d{8}|\d{8}[A-Z]|[A-Z]\d{7}[A-Z])|FI\d{8}|FR[A-Z0-9]{2}\d{9}|HR\d{11}|HU\d{8}|IE(\d{7}[A-Z]{2}|\d[A-Z0-9+*]\d{5}[A-Z])|IT\d{11}|LT(\d{9}|\d{12})|LU\d{8}|LV\d{11}|MT\d{8}|NL[A-Z0-9+*]{12}|PT\d{9}|RO\d{2,10}|SE\d{12}|SI\d{8}|SK\d{10}|XI((\d{9}|\d{12})|(GD|HA)\d{3}))$/;

/** Parses a NIP-VAT UE identifier by its pattern, throwing `InvalidIdentifierError` otherwise. */
export function parseNipVatUe(value: string): NipVatUe {
  if (typeof value !== 'string' || !nipVatUePattern.test(value)) {
    throw new InvalidIdentifierError(
      'NipVatUe',
      'pattern',
      'NIP-VAT UE identifier must be a 10-digit NIP, a dash and an EU VAT number with its country prefix (e.g. DE and 9 digits)',
    );
  }
  return value as NipVatUe;
}

/** True when `value` matches the NIP-VAT UE pattern. */
export function isValidNipVatUe(value: string): value is NipVatUe {
  return typeof value === 'string' && nipVatUePattern.test(value);
}

/** The two halves of a NIP-VAT UE identifier: the Polish NIP and the EU VAT number with prefix. */
export function nipVatUeParts(id: NipVatUe): { nip: string; vatUe: string } {
  return { nip: id.slice(0, 10), vatUe: id.slice(11) };
}
