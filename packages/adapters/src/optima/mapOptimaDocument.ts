import {
  Decimal, isValidNip, vatBucketOf,
  type Address, type InvoiceDraft, type InvoiceLine, type PartyId, type Payment, type PaymentMethod, type VatBucket,
} from '@ksef-connect/core';
import { isEuVatPrefix, partyIdFromTaxNumber } from '../parties/partyIdFromTaxNumber.js';
import type { DocumentReportBuilder } from '../report/DocumentReportBuilder.js';
import type { XmlNode } from '../xml/XmlNode.js';
import { optimaVatRate } from './optimaVatRate.js';

/** Options the Optima mapping needs from the adapter. */
export interface OptimaMappingOptions {
  readonly sellerNip?: string;
  /** The legal basis written for exempt (`zw`, FLAGA 1) lines: the export carries none. */
  readonly exemptionBasis?: string;
}

/** The outcome for one `DOKUMENT`: skipped (not a sales invoice, with the reason) or mapped. */
export type OptimaDocumentResult =
  | { readonly skipped: true; readonly reason: string }
  | { readonly skipped: false; readonly draft: InvoiceDraft | undefined };

// Element names below are those public descriptions of the export show (namespace
// http://www.cdn.com.pl/optima/dokument); Comarch publishes no schema. Names marked "assumed" in the
// README are guesses this adapter documents.

/** Maps one Optima `DOKUMENT` (NAGLOWEK, POZYCJE, TABELKA_VAT) to a draft. */
export function mapOptimaDocument(doc: XmlNode, line: number | null, options: OptimaMappingOptions, report: DocumentReportBuilder): OptimaDocumentResult {
  const h = doc.first('NAGLOWEK');
  const at = (...names: string[]): string => `${doc.path}/NAGLOWEK/${names.join('/')}`;
  if (!h) {
    report.error('the DOKUMENT has no NAGLOWEK', `${doc.path}/NAGLOWEK`, line);
    return { skipped: false, draft: undefined };
  }
  const type = h.textOf('TYP_DOKUMENTU');
  const number = h.textOf('NUMER_PELNY');
  report.number = number ?? null;
  if (type !== undefined && type !== '302') {
    return { skipped: true, reason: `TYP_DOKUMENTU ${type.slice(0, 10)} is not a sales invoice (302)${type === '303' ? ': a purchase invoice, which the supplier sends' : ''}` };
  }
  if (type === undefined) report.assume('TYP_DOKUMENTU is missing: taken as a sales invoice (302)');
  if (number === undefined) report.error('the invoice number is missing (it becomes P_2)', at('NUMER_PELNY'), line);
  const flag = (name: string): boolean => h.textOf(name) === '1' || h.textOf(name)?.toLowerCase() === 'true';
  const correction = flag('KOREKTA');
  const margin = flag('FV_MARZA');
  if (flag('DETAL')) report.assume('DETAL = 1 (retail document): mapped as an ordinary invoice');

  const issueDate = isoDate(h.textOf('DATA_WYSTAWIENIA') ?? h.textOf('DATA_DOKUMENTU'), at('DATA_WYSTAWIENIA'), line, report, true);
  if (h.textOf('DATA_WYSTAWIENIA') === undefined && h.textOf('DATA_DOKUMENTU') !== undefined) report.assume('DATA_WYSTAWIENIA is missing: the issue date is DATA_DOKUMENTU');
  const saleDate = isoDate(h.textOf('DATA_OPERACJI'), at('DATA_OPERACJI'), line, report, false);

  // Currency: KURS_L PLN for KURS_M units.
  const currency = (h.textOf('WALUTA', 'SYMBOL') ?? 'PLN').toUpperCase();
  let exchangeRate: string | undefined;
  if (currency !== 'PLN') {
    const rate = amount(h.textOf('WALUTA', 'KURS_L'), at('WALUTA', 'KURS_L'), line, report, 6);
    const units = amount(h.textOf('WALUTA', 'KURS_M') ?? '1', at('WALUTA', 'KURS_M'), line, report, 0);
    if (rate === undefined) report.error(`the exchange rate of ${currency} is missing`, at('WALUTA', 'KURS_L'), line);
    else if (units !== undefined && !Decimal.parse(units).isZero()) exchangeRate = Decimal.parse(rate).div(Decimal.parse(units), 6).toString();
  }

  // Parties: SPRZEDAWCA is the seller, PLATNIK the buyer, a different ODBIORCA the recipient (Podmiot3, role 2).
  const seller = h.first('SPRZEDAWCA');
  const sellerNip = (options.sellerNip ?? seller?.textOf('NIP') ?? '').replace(/[\s-]/g, '').replace(/^PL/i, '');
  if (options.sellerNip !== undefined) report.assume(`seller NIP taken from the sellerNip option (${options.sellerNip})`);
  if (!/^\d{10}$/.test(sellerNip) || !isValidNip(sellerNip)) report.error(sellerNip === '' ? "the seller's NIP is missing (SPRZEDAWCA/NIP; or pass sellerNip)" : `the seller's NIP "${sellerNip.slice(0, 20)}" is not a valid NIP`, at('SPRZEDAWCA', 'NIP'), line);
  const sellerName = seller?.textOf('NAZWA');
  if (sellerName === undefined) report.error("the seller's name is missing", at('SPRZEDAWCA', 'NAZWA'), line);
  const sellerAddress = seller ? addressOf(seller, at('SPRZEDAWCA', 'ADRES'), line, report) : undefined;
  const payer = h.first('PLATNIK');
  if (!payer) report.error('the buyer (PLATNIK) is missing', at('PLATNIK'), line);
  const buyerId = payer ? partyId(payer, at('PLATNIK', 'NIP'), line, report) : undefined;
  const buyerEuForeign = buyerId !== undefined && 'euVat' in buyerId;
  const buyerName = payer?.textOf('NAZWA');
  if (payer && buyerName === undefined) report.error("the buyer's name is missing", at('PLATNIK', 'NAZWA'), line);
  const buyerAddress = payer ? addressOf(payer, at('PLATNIK', 'ADRES'), line, report) : undefined;
  const recipient = h.first('ODBIORCA');
  const thirdParties: NonNullable<InvoiceDraft['thirdParties']>[number][] = [];
  if (recipient && recipient.textOf('KOD') !== payer?.textOf('KOD') && recipient.textOf('NAZWA') !== undefined) {
    const recipientAddress = addressOf(recipient, at('ODBIORCA', 'ADRES'), line, report);
    thirdParties.push({
      id: partyId(recipient, at('ODBIORCA', 'NIP'), line, report), name: recipient.textOf('NAZWA') ?? '', role: 'recipient',
      ...(recipientAddress ? { address: recipientAddress } : {}),
    });
    report.assume('ODBIORCA differs from PLATNIK: written as a third party (Podmiot3) with the role "recipient"');
  }

  // Lines.
  const foreign = currency !== 'PLN';
  const gross = h.textOf('TYP_NETTO_BRUTTO') === '2';
  if (h.textOf('TYP_NETTO_BRUTTO') === undefined) report.assume('TYP_NETTO_BRUTTO is missing: taken as net pricing (1)');
  const lines: InvoiceLine[] = [];
  let exempt = false;
  const positions = doc.first('POZYCJE')?.all('POZYCJA') ?? [];
  if (positions.length === 0) report.error('the document has no POZYCJE/POZYCJA', `${doc.path}/POZYCJE`, line);
  for (const p of positions) {
    const path = (name: string): string => `${p.path}/${name}`;
    let vatRate: InvoiceLine['vatRate'];
    if (!margin) {
      const rate = optimaVatRate(p.textOf('STAWKA_VAT', 'STAWKA'), p.textOf('STAWKA_VAT', 'FLAGA'), buyerEuForeign);
      if (!rate.ok) {
        report.error(rate.message, path('STAWKA_VAT'), line);
        continue;
      }
      if (rate.assumption) report.assume(rate.assumption);
      vatRate = rate.rate;
      if (rate.rate === 'zw') exempt = true;
    }
    const valueName = gross || margin ? 'WARTOSC_BRUTTO' : 'WARTOSC_NETTO';
    // In a foreign currency the document-currency value is the *_WAL one (assumed name); PLN documents have only the plain one.
    const valueField = foreign ? `${valueName}_WAL` : valueName;
    const value = amount(p.textOf(valueField) ?? (foreign ? undefined : p.textOf(valueName)), path(valueField), line, report, 2);
    if (value === undefined) {
      if (p.textOf(valueField) === undefined) report.error(`the line value ${valueField} is missing`, path(valueField), line);
      continue;
    }
    const price = p.textOf('CENY', 'PO_RABACIE_WAL_DOKUMENTU');
    const quantity = p.textOf('ILOSC');
    const values: InvoiceLine = {
      ...(p.textOf('TOWAR', 'NAZWA') === undefined ? {} : { description: p.textOf('TOWAR', 'NAZWA') }),
      ...(p.textOf('JM') === undefined ? {} : { unit: p.textOf('JM') }),
      ...(quantity !== undefined && Decimal.isDecimal(quantity) ? { quantity } : {}),
      ...(price !== undefined && Decimal.isDecimal(price) ? (gross || margin ? { unitPriceGross: price } : { unitPriceNet: price }) : {}),
      ...(gross || margin ? { grossValue: value } : { netValue: value }),
      ...(vatRate === undefined ? {} : { vatRate }),
      ...(p.textOf('TOWAR', 'KOD') === undefined ? {} : { index: p.textOf('TOWAR', 'KOD') }),
      ...(p.textOf('TOWAR', 'EAN') === undefined ? {} : { gtin: p.textOf('TOWAR', 'EAN') }),
      ...(p.textOf('TOWAR', 'SWW') === undefined ? {} : { pkwiu: p.textOf('TOWAR', 'SWW') }),
    };
    if (p.textOf('TOWAR', 'NAZWA') === undefined) report.error('the line has no name (TOWAR/NAZWA)', path('TOWAR/NAZWA'), line);
    if (p.textOf('TOWAR', 'SWW') !== undefined) report.assume('TOWAR/SWW taken as the PKWiU code');
    lines.push(values);
  }
  if (correction && lines.length > 0) report.assume('the lines of a correction (KOREKTA = 1) are taken as the differences it makes');

  // Source totals from TABELKA_VAT (document currency from *_WAL when foreign) and KWOTY.
  const netByRate: Partial<Record<VatBucket, string>> = {};
  const vatByRate: Partial<Record<VatBucket, string>> = {};
  const vatByRatePln: Partial<Record<VatBucket, string>> = {};
  for (const row of doc.first('TABELKA_VAT')?.all('LINIA_VAT') ?? []) {
    const rate = optimaVatRate(row.textOf('STAWKA_VAT', 'STAWKA'), row.textOf('STAWKA_VAT', 'FLAGA'), buyerEuForeign);
    if (!rate.ok || margin) continue;
    const bucket = vatBucketOf(rate.rate);
    const net = amount(row.textOf(foreign ? 'NETTO_WAL' : 'NETTO'), `${row.path}/NETTO`, line, report, 2);
    const vat = amount(row.textOf(foreign ? 'VAT_WAL' : 'VAT'), `${row.path}/VAT`, line, report, 2);
    if (net !== undefined) netByRate[bucket] = add(netByRate[bucket], net);
    if (vat !== undefined && ['1', '2', '3', '4', '5'].includes(bucket)) {
      vatByRate[bucket] = add(vatByRate[bucket], vat);
      const pln = foreign ? amount(row.textOf('VAT'), `${row.path}/VAT`, line, report, 2) : undefined;
      if (pln !== undefined) vatByRatePln[bucket] = add(vatByRatePln[bucket], pln);
    }
  }
  const grossTotal = amount(h.textOf('KWOTY', foreign ? 'RAZEM_BRUTTO_WAL' : 'RAZEM_BRUTTO'), at('KWOTY', 'RAZEM_BRUTTO'), line, report, 2);

  let correctionData: InvoiceDraft['correction'];
  if (correction) {
    const correctedNumber = h.textOf('KOREKTA_NUMER');
    const correctedDate = isoDate(h.textOf('KOREKTA_DATA'), at('KOREKTA_DATA'), line, report, false);
    if (correctedNumber === undefined) report.error('a correction needs the corrected invoice\'s number (KOREKTA_NUMER, an assumed element name)', at('KOREKTA_NUMER'), line);
    if (h.textOf('KOREKTA_DATA') === undefined) report.error('a correction needs the corrected invoice\'s issue date (KOREKTA_DATA, an assumed element name)', at('KOREKTA_DATA'), line);
    if (correctedNumber !== undefined && correctedDate !== undefined) {
      const reason = h.textOf('KOREKTA_PRZYCZYNA') ?? h.textOf('OPIS');
      correctionData = { ...(reason ? { reason } : {}), corrected: [{ issueDate: correctedDate, number: correctedNumber }] };
      report.assume('the corrected invoice is taken as issued outside KSeF (the export carries no KSeF number)');
    }
  }
  const annotations: { margin?: 'used-goods'; exemption?: { source: 'act'; text: string } } = {};
  if (margin) {
    annotations.margin = 'used-goods';
    report.assume('FV_MARZA = 1: the margin scheme is not named in the export; taken as used goods (art. 120)');
  }
  if (exempt) {
    if (options.exemptionBasis) annotations.exemption = { source: 'act', text: options.exemptionBasis };
    else report.error('exempt lines (FLAGA 1) need a legal basis, which the export does not carry: pass exemptionBasis', `${doc.path}/POZYCJE`, line);
  }
  const payment = paymentOf(h, at, line, report, seller);

  if (report.hasErrors || number === undefined || issueDate === undefined || sellerName === undefined || !sellerAddress || buyerId === undefined) {
    return { skipped: false, draft: undefined };
  }
  const sourceTotals = {
    ...(Object.keys(netByRate).length > 0 ? { netByRate } : {}),
    ...(Object.keys(vatByRate).length > 0 ? { vatByRate } : {}),
    ...(Object.keys(vatByRatePln).length > 0 ? { vatByRatePln } : {}),
    ...(grossTotal === undefined ? {} : { grossTotal }),
  };
  const draft: InvoiceDraft = {
    kind: correction ? 'KOR' : 'VAT',
    number,
    issueDate,
    ...(saleDate !== undefined && saleDate !== issueDate ? { saleDate } : {}),
    ...(foreign ? { currency, ...(exchangeRate ? { exchangeRate } : {}) } : {}),
    pricing: gross || margin ? 'gross' : 'net',
    seller: { nip: sellerNip, name: sellerName, address: sellerAddress },
    buyer: { id: buyerId, ...(buyerName ? { name: buyerName } : {}), ...(buyerAddress ? { address: buyerAddress } : {}), ...(payer?.textOf('KOD') ? { customerNumber: payer.textOf('KOD') } : {}) },
    ...(thirdParties.length > 0 ? { thirdParties } : {}),
    lines,
    ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
    ...(payment ? { payment } : {}),
    ...(correctionData ? { correction: correctionData } : {}),
    ...(h.textOf('OPIS') && !correction ? { additionalInfo: [{ key: 'Opis', value: h.textOf('OPIS') ?? '' }] } : {}),
    ...(Object.keys(sourceTotals).length > 0 ? { sourceTotals } : {}),
  };
  return { skipped: false, draft };
}

function partyId(node: XmlNode, field: string, line: number | null, report: DocumentReportBuilder): PartyId {
  const nip = node.textOf('NIP');
  const country = node.textOf('NIP_KRAJ')?.toUpperCase();
  if (nip === undefined) return { none: true };
  const prefixed = country !== undefined && country !== 'PL' && !/^[A-Z]{2}/i.test(nip) ? `${country}${nip}` : nip;
  const id = partyIdFromTaxNumber(prefixed, country === undefined || isEuVatPrefix(country) || country === 'PL' ? undefined : country);
  if ('nip' in id && (!/^\d{10}$/.test(id.nip) || !isValidNip(id.nip))) report.error(`NIP "${id.nip.slice(0, 20)}" is not a valid NIP`, field, line);
  return id;
}

function addressOf(node: XmlNode, field: string, line: number | null, report: DocumentReportBuilder): Address | undefined {
  const a = node.first('ADRES');
  if (!a) {
    report.error('the address is missing', field, line);
    return undefined;
  }
  const street = [a.textOf('ULICA'), [a.textOf('NR_DOMU'), a.textOf('NR_LOKALU')].filter((v) => v !== undefined).join('/')].filter((v) => v !== undefined && v !== '').join(' ');
  const city = [a.textOf('KOD_POCZTOWY'), a.textOf('MIASTO')].filter((v) => v !== undefined).join(' ');
  const country = (a.textOf('KRAJ') ?? 'PL').toUpperCase();
  if (!/^[A-Z]{2}$/.test(country)) {
    report.error(`KRAJ "${country.slice(0, 20)}" is not a two-letter country code`, `${field}/KRAJ`, line);
    return undefined;
  }
  if (street === '' && city === '') {
    report.error('the address has neither ULICA nor MIASTO', field, line);
    return undefined;
  }
  return street === '' ? { countryCode: country, line1: city } : { countryCode: country, line1: street, ...(city === '' ? {} : { line2: city }) };
}

function paymentOf(h: XmlNode, at: (...names: string[]) => string, line: number | null, report: DocumentReportBuilder, seller: XmlNode | undefined): Payment | undefined {
  const form = h.textOf('PLATNOSC', 'FORMA');
  const due = isoDate(h.textOf('PLATNOSC', 'TERMIN') ?? h.textOf('TERMIN_PLATNOSCI'), at('PLATNOSC', 'TERMIN'), line, report, false);
  const account = seller?.textOf('RACHUNEK_NR')?.replace(/\s/g, '');
  const bank = seller?.textOf('BANK_NAZWA');
  let method: Payment['method'];
  if (form !== undefined) {
    const f = form.toLowerCase();
    const named: [RegExp, PaymentMethod][] = [[/gotów|gotow/, 'cash'], [/przelew/, 'transfer'], [/kart/, 'card'], [/kredyt/, 'credit'], [/czek/, 'cheque'], [/bon/, 'voucher'], [/blik|mobil/, 'mobile']];
    method = named.find(([pattern]) => pattern.test(f))?.[1] ?? { other: form };
  }
  if (!method && !due && !account) return undefined;
  return {
    ...(due ? { dueDates: [{ date: due }] } : {}),
    ...(method ? { method } : {}),
    ...(account ? { bankAccounts: [{ number: account, ...(bank ? { bankName: bank } : {}) }] } : {}),
  };
}

function isoDate(value: string | undefined, field: string, line: number | null, report: DocumentReportBuilder, required: boolean): string | undefined {
  if (value === undefined) {
    if (required) report.error('the issue date is missing (DATA_WYSTAWIENIA; it becomes P_1)', field, line);
    return undefined;
  }
  const iso = value.slice(0, 10);
  const parsed = new Date(`${iso}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || Number.isNaN(parsed.getTime()) || !parsed.toISOString().startsWith(iso)) {
    report.error(`"${value.slice(0, 20)}" is not a date (YYYY-MM-DD)`, field, line);
    return undefined;
  }
  return iso;
}

/** A decimal amount from the export, normalised to `scale` places (or as-is for 6), or undefined with an error. */
function amount(value: string | undefined, field: string, line: number | null, report: DocumentReportBuilder, scale: number): string | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (!Decimal.isDecimal(text)) {
    report.error(`"${text.slice(0, 30)}" is not a number with a dot decimal`, field, line);
    return undefined;
  }
  if ((text.replace(/^[+-]/, '').split('.')[0] ?? '').replace(/^0+(?=\d)/, '').length > 16) {
    report.error(`${text.slice(0, 30)} is beyond the largest amount FA(3) accepts (16 digits before the point)`, field, line);
    return undefined;
  }
  const decimal = Decimal.parse(text);
  if (scale === 2 && decimal.significantScale() > 2) report.warning(`${text} has more than 2 decimals: rounded half-up`, field, line);
  return scale === 2 ? decimal.toFixed(2) : decimal.toString();
}

function add(a: string | undefined, b: string): string {
  return Decimal.parse(a ?? '0').add(Decimal.parse(b)).toFixed(2);
}
