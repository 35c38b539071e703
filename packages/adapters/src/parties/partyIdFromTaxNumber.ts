import type { PartyId } from '@ksef-connect/core';

// The VAT prefixes of the EU member states (and XI, Northern Ireland for goods); Greece is EL.
// FA's `KodUE` takes exactly these (XSD `TKodyKrajowUE`).
const euVatPrefixes = new Set([
  'AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'EL', 'ES', 'FI', 'FR', 'HR', 'HU', 'IE', 'IT',
  'LT', 'LU', 'LV', 'MT', 'NL', 'PT', 'RO', 'SE', 'SI', 'SK', 'XI',
]);

/** True for a two-letter EU VAT prefix (`DE`, `EL`, `XI`). */
export function isEuVatPrefix(code: string): boolean {
  return euVatPrefixes.has(code);
}

/**
 * How FA identifies a party, from a tax number as sources write it (`PL 526-104-08-28`, `DE123456789`,
 * `5261040828`, `GB123456789`) and the party's country when known. A Polish number (PL prefix, or ten
 * digits with a Polish or unknown country) is a NIP; an EU prefix makes an EU VAT number (`GR` is
 * read as `EL`); anything else is a foreign tax id with its country.
 */
export function partyIdFromTaxNumber(taxNumber: string, countryCode?: string): PartyId {
  const compact = taxNumber.replace(/[\s\-.]/g, '').toUpperCase();
  const prefixed = /^([A-Z]{2})([0-9A-Z+*]+)$/.exec(compact);
  const prefix = prefixed?.[1] === 'GR' ? 'EL' : prefixed?.[1];
  const rest = prefixed?.[2] ?? compact;
  if (prefix === 'PL' || (prefix === undefined && /^\d{10}$/.test(compact) && (countryCode === undefined || countryCode === 'PL'))) {
    return { nip: rest };
  }
  if (prefix !== undefined && isEuVatPrefix(prefix)) return { euVat: { countryCode: prefix, number: rest } };
  const country = countryCode ?? (prefix !== undefined && /^[A-Z]{2}$/.test(prefix) ? prefix : undefined);
  return { foreignId: { ...(country === undefined ? {} : { countryCode: country }), id: taxNumber.trim() } };
}
