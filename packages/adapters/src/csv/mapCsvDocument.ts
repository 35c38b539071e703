import type { Address, Annotations, Buyer, InvoiceDraft, InvoiceKind, InvoiceLine, Payment, PaymentMethod, VatRate } from '@ksef-connect/core';
import { parseAmount } from '../amounts/parseAmount.js';
import { parseDate } from '../dates/parseDate.js';
import { partyIdFromTaxNumber } from '../parties/partyIdFromTaxNumber.js';
import type { DocumentReportBuilder } from '../report/DocumentReportBuilder.js';
import { csvVatRate } from './csvVatRate.js';
import type { MappingProfile, ProfileField } from './MappingProfile.js';
import type { SourceRow } from './SourceRow.js';

const methods: Readonly<Record<string, PaymentMethod>> = {
  przelew: 'transfer', transfer: 'transfer', 'przelew bankowy': 'transfer', gotówka: 'cash', gotowka: 'cash', cash: 'cash',
  karta: 'card', card: 'card', 'karta płatnicza': 'card', czek: 'cheque', cheque: 'cheque', bon: 'voucher', voucher: 'voucher',
  kredyt: 'credit', credit: 'credit', mobilna: 'mobile', blik: 'mobile', mobile: 'mobile',
};
const kinds: readonly InvoiceKind[] = ['VAT', 'KOR', 'UPR'];

/**
 * Maps the rows of one invoice (same `number`) to a draft: document fields from the first row that
 * has them (a different value in a later row is a warning), one line per row.
 */
export function mapCsvDocument(
  rows: readonly SourceRow[],
  profile: MappingProfile,
  sellerNipOption: string | undefined,
  report: DocumentReportBuilder,
): { draft: InvoiceDraft | undefined; lineNumbers: (number | null)[] } {
  const columnOf = new Map<ProfileField, string>();
  for (const [column, field] of Object.entries(profile.columns)) if (field !== null) columnOf.set(field, column);
  const first = rows[0];
  const where = (field: ProfileField): string => columnOf.get(field) ?? `defaults.${field}`;

  /** A document field: the first row's value, else the profile default. */
  const doc = (field: ProfileField): string | undefined => {
    const column = columnOf.get(field);
    let value: string | undefined;
    let from: SourceRow | undefined;
    for (const row of rows) {
      const v = column === undefined ? undefined : row.values.get(column)?.trim();
      if (v === undefined || v === '') continue;
      if (value === undefined) {
        value = v;
        from = row;
      } else if (v !== value) {
        report.warning(`column "${column ?? ''}" (${field}) is "${v}" here but "${value}" on ${from?.label ?? 'the first row'}: the first value is used`, column ?? field, row.line);
      }
    }
    return value ?? profile.defaults[field];
  };
  const lineOfField = (field: ProfileField): number | null => {
    const column = columnOf.get(field);
    return rows.find((r) => column !== undefined && (r.values.get(column)?.trim() ?? '') !== '')?.line ?? first?.line ?? null;
  };
  const amount = (field: ProfileField, text: string | undefined, row?: SourceRow): string | undefined => {
    if (text === undefined || text.trim() === '') return undefined;
    const parsed = parseAmount(text, { decimalSeparator: profile.decimalSeparator, ...(profile.thousandsSeparator === undefined ? {} : { thousandsSeparator: profile.thousandsSeparator }) });
    if (parsed.ok) return parsed.value;
    report.error(`${row ? `${row.label}: ` : ''}column "${where(field)}" (${field}): ${parsed.message}`, where(field), row?.line ?? lineOfField(field));
    return undefined;
  };
  const date = (field: ProfileField, required: boolean): string | undefined => {
    const text = doc(field);
    if (text === undefined) {
      if (required) report.error(`no ${field}: column "${where(field)}" is empty`, where(field), lineOfField(field));
      return undefined;
    }
    if (/^\d{4}-\d{2}-\d{2}$/.test(text) && profile.defaults[field] === text) return text;
    const parsed = parseDate(text, profile.dateFormat);
    if (parsed.ok) return parsed.value;
    report.error(`column "${where(field)}" (${field}): ${parsed.message}`, where(field), lineOfField(field));
    return undefined;
  };

  const number = doc('number');
  report.number = number ?? null;
  const issueDate = date('issueDate', true);
  const saleDate = date('saleDate', false);
  const kindText = (doc('kind') ?? 'VAT').toUpperCase();
  const kind = kinds.find((k) => k === kindText);
  if (kind === undefined) report.error(`column "${where('kind')}": invoice kind "${kindText}" is not supported from CSV (use VAT, KOR or UPR)`, where('kind'), lineOfField('kind'));
  const currency = (doc('currency') ?? 'PLN').toUpperCase();
  const exchangeRate = amount('exchangeRate', doc('exchangeRate'));

  // Seller: --seller-nip wins; the rest usually comes from the profile's defaults.
  const sellerNip = (sellerNipOption ?? doc('seller.nip'))?.replace(/^PL/i, '').replace(/[\s-]/g, '');
  const sellerName = doc('seller.name');
  const sellerAddress = address('seller', doc, report, where, lineOfField);
  if (sellerNip === undefined) report.error('no seller NIP: map "seller.nip", put it in the profile\'s defaults, or give --seller-nip', where('seller.nip'), null);
  if (sellerName === undefined) report.error('no seller name: map "seller.name" or put it in the profile\'s defaults', where('seller.name'), null);

  // Buyer: a NIP, another tax number (EU VAT or foreign), or none (a consumer).
  const buyerNip = doc('buyer.nip');
  const buyerTaxNumber = doc('buyer.taxNumber');
  const buyerAddress = address('buyer', doc, report, where, lineOfField);
  let buyerId: Buyer['id'];
  if (buyerNip !== undefined) buyerId = { nip: buyerNip.replace(/^PL/i, '').replace(/[\s-]/g, '') };
  else if (buyerTaxNumber !== undefined) buyerId = partyIdFromTaxNumber(buyerTaxNumber, buyerAddress?.countryCode);
  else {
    buyerId = { none: true };
    report.assume('no buyer tax number: the buyer is written without one (BrakID)');
  }
  const buyerName = doc('buyer.name');
  const email = doc('buyer.email');
  const customerNumber = doc('buyer.customerNumber');

  // Lines: one per row.
  const lines: InvoiceLine[] = [];
  const lineNumbers: (number | null)[] = [];
  for (const row of rows) {
    const cell = (field: ProfileField): string | undefined => {
      const column = columnOf.get(field);
      const v = column === undefined ? undefined : row.values.get(column)?.trim();
      return v === undefined || v === '' ? profile.defaults[field] : v;
    };
    const rateText = cell('line.vatRate');
    let vatRate: VatRate | undefined;
    if (rateText === undefined) report.error(`${row.label}: no VAT rate in column "${where('line.vatRate')}"`, where('line.vatRate'), row.line);
    else {
      const rate = csvVatRate(rateText, profile.rates);
      if (rate === undefined) report.error(`${row.label}: VAT rate "${rateText}" in column "${where('line.vatRate')}" is not an FA rate; add it to the profile's "rates"`, where('line.vatRate'), row.line);
      else {
        vatRate = rate.rate;
        if (rate.assumption !== undefined) report.assume(rate.assumption);
      }
    }
    const values = {
      quantity: amount('line.quantity', cell('line.quantity'), row),
      unitPriceNet: amount('line.unitPriceNet', cell('line.unitPriceNet'), row),
      unitPriceGross: amount('line.unitPriceGross', cell('line.unitPriceGross'), row),
      discount: amount('line.discount', cell('line.discount'), row),
      netValue: amount('line.netValue', cell('line.netValue'), row),
      grossValue: amount('line.grossValue', cell('line.grossValue'), row),
    };
    const texts = {
      description: cell('line.description'), unit: cell('line.unit'), gtu: cell('line.gtu'), index: cell('line.index'),
      gtin: cell('line.gtin'), pkwiu: cell('line.pkwiu'), cn: cell('line.cn'),
    };
    const line: InvoiceLine = Object.fromEntries(
      Object.entries({ ...texts, ...values, vatRate }).filter(([, v]) => v !== undefined),
    );
    lines.push(line);
    lineNumbers.push(row.line);
  }

  const annotations: { -readonly [K in keyof Annotations]: Annotations[K] } = {};
  const exemption = doc('exemption');
  if (exemption !== undefined) annotations.exemption = { source: /ustaw/i.test(exemption) ? 'act' : /dyrektyw|directive/i.test(exemption) ? 'directive' : 'other', text: exemption };

  const payment = paymentOf(doc, report, where, lineOfField, date);
  const correctionNumber = doc('correction.number');
  const correctionDate = date('correction.issueDate', kind === 'KOR');
  if (kind === 'KOR' && correctionNumber === undefined) report.error('a correction (KOR) needs the corrected invoice\'s number: map "correction.number"', where('correction.number'), lineOfField('correction.number'));
  const ksefNumber = doc('correction.ksefNumber');
  const reason = doc('correction.reason');
  const note = doc('note');
  const grossTotal = amount('totals.grossTotal', doc('totals.grossTotal'));

  if (report.hasErrors || number === undefined || issueDate === undefined || kind === undefined || sellerNip === undefined || sellerName === undefined || sellerAddress === undefined) {
    return { draft: undefined, lineNumbers };
  }
  if (buyerAddress === undefined && kind !== 'UPR') {
    report.error('no buyer address: map "buyer.address.line1" (and line2, countryCode)', where('buyer.address.line1'), lineOfField('buyer.address.line1'));
    return { draft: undefined, lineNumbers };
  }
  const draft: InvoiceDraft = {
    kind,
    number,
    issueDate,
    ...(saleDate === undefined || saleDate === issueDate ? {} : { saleDate }),
    currency,
    ...(exchangeRate === undefined ? {} : { exchangeRate }),
    seller: { nip: sellerNip, name: sellerName, address: sellerAddress },
    buyer: {
      id: buyerId,
      ...(buyerName === undefined ? {} : { name: buyerName }),
      ...(buyerAddress === undefined ? {} : { address: buyerAddress }),
      ...(email === undefined ? {} : { contacts: [{ email }] }),
      ...(customerNumber === undefined ? {} : { customerNumber }),
    },
    lines,
    ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
    ...(payment === undefined ? {} : { payment }),
    ...(kind === 'KOR' && correctionNumber !== undefined && correctionDate !== undefined
      ? { correction: { corrected: [{ number: correctionNumber, issueDate: correctionDate, ...(ksefNumber === undefined ? {} : { ksefNumber }) }], ...(reason === undefined ? {} : { reason }) } }
      : {}),
    ...(note === undefined ? {} : { footer: { texts: [note] } }),
    ...(grossTotal === undefined ? {} : { sourceTotals: { grossTotal } }),
  };
  return { draft, lineNumbers };
}

function address(
  party: 'seller' | 'buyer',
  doc: (field: ProfileField) => string | undefined,
  report: DocumentReportBuilder,
  where: (field: ProfileField) => string,
  lineOf: (field: ProfileField) => number | null,
): Address | undefined {
  const line1 = doc(`${party}.address.line1`);
  const line2 = doc(`${party}.address.line2`);
  const country = doc(`${party}.address.countryCode`)?.toUpperCase();
  if (line1 === undefined) {
    if (party === 'seller') report.error('no seller address: map "seller.address.line1" or put it in the profile\'s defaults', where('seller.address.line1'), null);
    return undefined;
  }
  if (country === undefined) report.assume(`no ${party} country: PL`);
  else if (!/^[A-Z]{2}$/.test(country)) report.error(`column "${where(`${party}.address.countryCode`)}": "${country}" is not a two-letter country code`, where(`${party}.address.countryCode`), lineOf(`${party}.address.countryCode`));
  return { countryCode: country ?? 'PL', line1, ...(line2 === undefined ? {} : { line2 }) };
}

function paymentOf(
  doc: (field: ProfileField) => string | undefined,
  report: DocumentReportBuilder,
  where: (field: ProfileField) => string,
  lineOf: (field: ProfileField) => number | null,
  date: (field: ProfileField, required: boolean) => string | undefined,
): Payment | undefined {
  const dueDate = date('payment.dueDate', false);
  const methodText = doc('payment.method');
  let method: PaymentMethod | { other: string } | undefined;
  if (methodText !== undefined) {
    method = methods[methodText.trim().toLowerCase()] ?? { other: methodText };
    if (methods[methodText.trim().toLowerCase()] === undefined) report.assume(`payment method "${methodText}" written as another method (PlatnoscInna)`);
  }
  const account = doc('payment.bankAccount')?.replace(/\s/g, '');
  if (account !== undefined && (account.length < 10 || account.length > 34)) {
    report.error(`column "${where('payment.bankAccount')}": account number "${account}" must have 10–34 characters`, where('payment.bankAccount'), lineOf('payment.bankAccount'));
  }
  const split = doc('payment.splitPayment');
  const splitPayment = split === undefined ? undefined : /^(1|tak|t|true|yes|y|mpp)$/i.test(split.trim());
  if (dueDate === undefined && method === undefined && account === undefined && splitPayment === undefined) return undefined;
  return {
    ...(dueDate === undefined ? {} : { dueDates: [{ date: dueDate }] }),
    ...(method === undefined ? {} : { method }),
    ...(account === undefined ? {} : { bankAccounts: [{ number: account }] }),
    ...(splitPayment === undefined ? {} : { splitPayment }),
  };
}
