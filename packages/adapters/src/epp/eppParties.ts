import { isValidNip, type Address, type Buyer, type PartyId, type Seller } from '@ksef-connect/core';
import { partyIdFromTaxNumber } from '../parties/partyIdFromTaxNumber.js';
import type { EppFields } from './eppFields.js';

/** A Polish address from EDI++'s street / postal code / city fields. */
export function eppAddress(countryCode: string, street: string, postalCode: string, city: string): Address {
  const line2 = [postalCode, city].filter((v) => v !== '').join(' ');
  return line2 === '' ? { countryCode, line1: street } : { countryCode, line1: street === '' ? line2 : street, ...(street === '' ? {} : { line2 }) };
}

/** Digits of a NIP as EDI++ writes it (`737-175-79-65`, `PL 7371757965`), or undefined when not 10 digits. */
export function eppNipDigits(raw: string): string | undefined {
  const cleaned = raw.replace(/[\s-]/g, '').toUpperCase().replace(/^PL/, '');
  return /^\d{10}$/.test(cleaned) ? cleaned : undefined;
}

/**
 * The seller from `[INFO]` (Tabela 2, fields 6–11: the sender of a sales export is the seller), or
 * undefined with errors naming the missing field. `sellerNip` (an adapter option) overrides field 11.
 */
export function eppSeller(info: EppFields, sellerNip: string | undefined, report: { assume(text: string): void }): Seller | undefined {
  const rawNip = sellerNip ?? info.text(11);
  const nip = eppNipDigits(rawNip);
  let ok = true;
  if (nip === undefined) {
    info.error(11, rawNip === '' ? "the seller's NIP is missing (pass sellerNip)" : `the seller's NIP "${rawNip.slice(0, 20)}" is not 10 digits`);
    ok = false;
  } else if (!isValidNip(nip)) {
    info.error(11, `the seller's NIP ${nip} has a wrong checksum`);
    ok = false;
  }
  if (sellerNip !== undefined) report.assume(`seller NIP taken from the sellerNip option (${sellerNip}), not from INFO.11`);
  const name = info.text(7) || info.text(6);
  if (name === '') {
    info.error(7, "the seller's name is missing (INFO.7 and INFO.6 are empty)");
    ok = false;
  } else if (info.text(7) === '') {
    report.assume("the seller's full name (INFO.7) is empty: the short name INFO.6 was used");
  }
  const street = info.text(10);
  const city = info.text(8);
  if (street === '' && city === '') {
    info.error(10, "the seller's address is missing (INFO.10 street and INFO.8 city are empty)");
    ok = false;
  }
  const country = countryFromPrefix(info.text(22)) ?? 'PL';
  if (!ok || nip === undefined) return undefined;
  return {
    nip,
    name,
    address: eppAddress(country, street, info.text(9), city),
  };
}

/** Extra buyer data from the `KONTRAHENCI` register (Tabela 14), by the buyer's code. */
export interface EppContractor {
  readonly isoCountry?: string;
  readonly email?: string;
  readonly phone?: string;
}

/**
 * The buyer from the document header (Tabela 3, fields 12–18 and 60–62): Polish NIP, EU VAT number
 * (prefix from field 61 or the number itself), another tax id, or none.
 */
export function eppBuyer(
  header: EppFields,
  contractor: EppContractor | undefined,
  nipOverride: string | undefined,
  simplified: boolean,
  report: { assume(text: string): void },
): Buyer | undefined {
  let ok = true;
  const raw = (nipOverride ?? header.text(18)).replace(/[\s-]/g, '').toUpperCase();
  const prefixField = header.text(61).toUpperCase();
  let countryCode: string | undefined = contractor?.isoCountry?.toUpperCase();
  let id: PartyId;
  if (raw === '') {
    id = { none: true };
    report.assume('the buyer has no tax identifier (NAGLOWEK.18 is empty): written as BrakID');
  } else {
    // Field 18 holds a domestic or EU number; the EU prefix may be in it or in field 61.
    const prefixed = /^[A-Z]{2}/.test(raw) || prefixField === '' || prefixField === 'PL' ? raw : `${prefixField}${raw}`;
    id = partyIdFromTaxNumber(prefixed, countryCode ?? (prefixField === '' ? undefined : countryFromPrefix(prefixField)));
    if ('euVat' in id) countryCode ??= countryFromPrefix(id.euVat.countryCode);
    if ('foreignId' in id) {
      countryCode ??= id.foreignId.countryCode;
      header.warning(18, `the buyer's tax number "${raw.slice(0, 20)}" is not a Polish NIP nor an EU VAT number: written as another identifier (NrID)`);
    }
    if ('nip' in id) {
      if (!/^\d{10}$/.test(id.nip)) {
        header.error(18, `the buyer's NIP "${raw.slice(0, 20)}" is not 10 digits`);
        ok = false;
      } else if (!isValidNip(id.nip)) {
        header.error(18, `the buyer's NIP ${id.nip} has a wrong checksum`);
        ok = false;
      }
    }
  }
  const countryName = header.text(60).toLowerCase();
  if (countryCode === undefined) {
    if (countryName === '' || countryName === 'polska' || countryName === 'poland') countryCode = 'PL';
    else {
      header.error(60, `the buyer's country "${header.text(60).slice(0, 30)}" has no ISO code in the file (NAGLOWEK.61 and KONTRAHENCI.31 are empty)`);
      ok = false;
    }
  }
  const name = header.text(14) || header.text(13);
  if (name === '' && !simplified) {
    header.error(14, "the buyer's name is missing (NAGLOWEK.14 and NAGLOWEK.13 are empty)");
    ok = false;
  }
  const street = header.text(17);
  const city = header.text(15);
  if (street === '' && city === '' && !simplified) {
    header.error(17, "the buyer's address is missing (NAGLOWEK.17 street and NAGLOWEK.15 city are empty)");
    ok = false;
  }
  if (!ok || countryCode === undefined) return undefined;
  const contact = contractor?.email || contractor?.phone
    ? [{ ...(contractor.email ? { email: contractor.email } : {}), ...(contractor.phone ? { phone: contractor.phone.slice(0, 16) } : {}) }]
    : undefined;
  return {
    id,
    ...(name === '' ? {} : { name }),
    ...(street === '' && city === '' ? {} : { address: eppAddress(countryCode, street, header.text(16), city) }),
    ...(contact ? { contacts: contact } : {}),
    ...(header.text(12) === '' ? {} : { customerNumber: header.text(12) }),
  };
}

/** ISO 3166 code of an EU VAT prefix (Greece writes EL, its ISO code is GR). */
function countryFromPrefix(prefix: string): string | undefined {
  const p = prefix.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(p)) return undefined;
  return p === 'EL' ? 'GR' : p;
}
