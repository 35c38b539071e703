import { computeInvoiceTotals, lineValueOf, pricingOf } from '../amounts/computeInvoiceTotals.js';
import { Decimal } from '../amounts/Decimal.js';
import { isValidKsefNumber } from '../../identifiers/KsefNumber.js';
import { InvalidIdentifierError } from '../../identifiers/InvalidIdentifierError.js';
import { nipChecksumValid, parseNip } from '../../identifiers/Nip.js';
import { warsawDate } from '../validation/warsawDate.js';
import type { Address } from '../model/Address.js';
import type { InvoiceDraft } from '../model/InvoiceDraft.js';
import { invoiceKinds, isCorrectionKind } from '../model/InvoiceKind.js';
import type { PartyId, ThirdPartyId } from '../model/Party.js';
import { isVatRate, vatPercent } from '../model/VatRate.js';
import { deriveAnnotations, ratesOf } from '../render/deriveAnnotations.js';
import type { FaForm } from '../render/FaForm.js';
import { hasForbiddenXmlCharacter } from '../render/serializeXml.js';
import type { InvoiceDraftIssue } from './InvoiceDraftIssue.js';

/** What the checks need to know besides the draft. */
export interface InvoiceDraftCheckOptions {
  /** The form the draft will be rendered to; default `FA (3)`. */
  readonly form?: FaForm;
  /** "Today" for the issue-date rule; default the current time. */
  readonly now?: Date;
}

/** Money (`TKwotowy`), prices (`TKwotowy2`) and quantities (`TIlosci`): integer and fraction digits. */
const money = { integer: 16, fraction: 2 } as const;
const price = { integer: 14, fraction: 8 } as const;
const quantity = { integer: 16, fraction: 6 } as const;

// Simplified invoices: art. 106e ust. 5 pkt 3 allows them up to 450 PLN (or 100 EUR) gross.
const simplifiedLimitPln = Decimal.of(450n);
// Invoices may be issued up to 60 days before the supply (art. 106i ust. 7).
const maxDaysIssuedBeforeSale = 60;

class Issues {
  readonly list: InvoiceDraftIssue[] = [];
  error(path: string, message: string): void {
    this.list.push({ path, severity: 'error', message });
  }
  warning(path: string, message: string): void {
    this.list.push({ path, severity: 'warning', message });
  }
  get hasErrors(): boolean {
    return this.list.some((i) => i.severity === 'error');
  }
}

function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * Checks a draft before rendering: identifiers (NIP check digits), dates, amounts (plain decimals
 * within the XSD's digits), rates, the fields each invoice kind needs, annotations the lines imply,
 * characters KSeF refuses, and source totals against ours. Each issue names the field and what to do.
 */
export function checkInvoiceDraft(draft: InvoiceDraft, options: InvoiceDraftCheckOptions = {}): InvoiceDraftIssue[] {
  const issues = new Issues();
  const form = options.form ?? 'FA (3)';
  const now = options.now ?? new Date();

  checkStrings(draft, '', issues);
  checkHeader(draft, issues, now);
  checkSeller(draft, issues);
  checkBuyer(draft, issues, form);
  checkThirdParties(draft, issues, form);
  checkLines(draft, issues);
  checkKind(draft, issues);
  checkPayment(draft, issues, form);
  checkFooter(draft, issues);

  // Totals need well-formed amounts; with amount errors they would only repeat them.
  if (!issues.hasErrors) {
    const computed = computeInvoiceTotals(draft);
    for (const m of computed.mismatches) {
      issues.error(m.path, `${m.field}: the source says ${m.source} but the lines give ${m.ours} (difference over 0.01); fix the source totals or the lines`);
    }
    const annotations = deriveAnnotations(draft, computed.totals.grossTotal);
    if (annotations.splitPaymentRequired && draft.payment?.splitPayment === false) {
      issues.error('payment.splitPayment', 'annex-15 goods over 15 000 PLN gross sold to a taxpayer require split payment (art. 106e ust. 1 pkt 18a): set splitPayment to true or leave it out');
    }
    for (const note of annotations.notes) issues.warning('annotations', note);
    if (draft.kind === 'UPR') {
      let gross = Decimal.parse(computed.totals.grossTotal);
      if ((draft.currency ?? 'PLN') !== 'PLN' && draft.exchangeRate) gross = gross.mul(Decimal.parse(draft.exchangeRate));
      if ((draft.currency ?? 'PLN') === 'PLN' || draft.exchangeRate) {
        if (gross.compare(simplifiedLimitPln) > 0) {
          issues.warning('kind', `a simplified invoice (UPR) may total at most 450 PLN gross (art. 106e ust. 5 pkt 3); this one totals ${gross.toFixed(2)} PLN — issue a VAT invoice instead`);
        }
      }
    }
  }
  return issues.list;
}

/** Every string in the draft: no characters KSeF refuses, no empty strings (omit the field instead). */
function checkStrings(value: unknown, path: string, issues: Issues): void {
  if (typeof value === 'string') {
    if (hasForbiddenXmlCharacter(value)) issues.error(path, 'contains a control character or Unicode non-character that KSeF refuses (weryfikacja-faktury.md); remove it');
    else if (value.trim() === '') issues.error(path, 'is empty; leave the field out instead of sending an empty value');
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => checkStrings(item, `${path}[${i}]`, issues));
    return;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) checkStrings(child, path ? `${path}.${key}` : key, issues);
  }
}

function checkDecimal(
  value: string | undefined,
  path: string,
  issues: Issues,
  digits: { readonly integer: number; readonly fraction: number },
  rules: { readonly required?: boolean; readonly positive?: boolean; readonly nonNegative?: boolean } = {},
): boolean {
  if (value === undefined) {
    if (rules.required) issues.error(path, 'is required');
    return !rules.required;
  }
  if (!Decimal.isDecimal(value)) {
    issues.error(path, `"${value.slice(0, 30)}" is not a plain decimal number; write it like 1234.56 (dot, no spaces or thousands separators)`);
    return false;
  }
  const d = Decimal.parse(value);
  // Count the digits as written: toFixed(0) would round 9999999999999999.99 up to 17 digits.
  const integerDigits = (d.abs().toFixed(d.scale).split('.')[0] ?? '').replace(/^0+/, '').length;
  if (d.significantScale() > digits.fraction) {
    issues.error(path, `${value} has ${d.significantScale()} decimal places; FA allows ${digits.fraction} here — round it`);
    return false;
  }
  if (integerDigits > digits.integer) {
    issues.error(path, `${value} has more than ${digits.integer} digits before the decimal point`);
    return false;
  }
  if (rules.positive && d.compare(Decimal.zero) <= 0) {
    issues.error(path, `must be greater than zero (got ${value})`);
    return false;
  }
  if (rules.nonNegative && d.isNegative()) {
    issues.error(path, `must not be negative (got ${value})`);
    return false;
  }
  return true;
}

function checkDate(value: string | undefined, path: string, issues: Issues, required = false): boolean {
  if (value === undefined) {
    if (required) issues.error(path, 'is required (YYYY-MM-DD)');
    return !required;
  }
  if (!isCalendarDate(value)) {
    issues.error(path, `"${value.slice(0, 30)}" is not a calendar date; write YYYY-MM-DD`);
    return false;
  }
  if (value < '2006-01-01' || value > '2050-01-01') {
    issues.error(path, `${value} is outside the range FA accepts (2006-01-01 to 2050-01-01)`);
    return false;
  }
  return true;
}

function checkNip(nip: string, path: string, issues: Issues): void {
  try {
    parseNip(nip);
  } catch (error) {
    if (!(error instanceof InvalidIdentifierError)) throw error;
    issues.error(path, `${error.message}; correct the NIP`);
  }
}

function checkAddress(address: Address | undefined, path: string, issues: Issues, required: boolean): void {
  if (!address) {
    if (required) issues.error(path, 'is required: give at least the country code and the first address line');
    return;
  }
  if (!/^[A-Z]{2}$/.test(address.countryCode)) issues.error(`${path}.countryCode`, 'must be an ISO 3166 two-letter code in capitals, e.g. PL');
  if (address.line1.length > 512) issues.error(`${path}.line1`, 'is longer than 512 characters');
  if (address.line2 !== undefined && address.line2.length > 512) issues.error(`${path}.line2`, 'is longer than 512 characters');
  if (address.gln !== undefined && address.gln.length > 13) issues.error(`${path}.gln`, 'a GLN has at most 13 characters');
}

function checkHeader(draft: InvoiceDraft, issues: Issues, now: Date): void {
  if (!invoiceKinds.includes(draft.kind)) issues.error('kind', `must be one of ${invoiceKinds.join(', ')}`);
  if (draft.number.length > 256) issues.error('number', 'is longer than 256 characters');
  if (checkDate(draft.issueDate, 'issueDate', issues, true)) {
    const today = warsawDate(now);
    // faktury/weryfikacja-faktury.md, "Walidacja dat": P_1 may not be later than the day KSeF receives it.
    if (draft.issueDate > today) issues.error('issueDate', `${draft.issueDate} is in the future (today in Poland is ${today}); KSeF rejects it — issue the invoice on or after that date`);
  }
  if (checkDate(draft.saleDate, 'saleDate', issues) && draft.saleDate && isCalendarDate(draft.issueDate)) {
    if (daysBetween(draft.issueDate, draft.saleDate) > maxDaysIssuedBeforeSale) {
      issues.warning('saleDate', `${draft.saleDate} is more than ${maxDaysIssuedBeforeSale} days after the issue date; an invoice may precede the supply by at most 60 days (art. 106i ust. 7)`);
    }
  }
  if (draft.saleDate !== undefined && draft.salePeriod !== undefined) {
    issues.error('salePeriod', 'give either saleDate (P_6) or salePeriod (OkresFa), not both');
  }
  if (draft.salePeriod) {
    const okFrom = checkDate(draft.salePeriod.from, 'salePeriod.from', issues, true);
    const okTo = checkDate(draft.salePeriod.to, 'salePeriod.to', issues, true);
    if (okFrom && okTo && draft.salePeriod.from > draft.salePeriod.to) issues.error('salePeriod', 'from is after to');
  }
  const currency = draft.currency ?? 'PLN';
  if (!/^[A-Z]{3}$/.test(currency)) issues.error('currency', 'must be an ISO 4217 code in capitals, e.g. EUR');
  if (draft.exchangeRate !== undefined) checkDecimal(draft.exchangeRate, 'exchangeRate', issues, quantity, { positive: true });
  if (currency !== 'PLN' && draft.exchangeRate === undefined) {
    const taxed = [...ratesOf(draft)].some((rate) => vatPercent(rate) !== undefined);
    if (taxed) issues.error('exchangeRate', `the invoice is in ${currency} with taxed lines: give the PLN exchange rate used for the tax (art. 106e ust. 11, KursWaluty and P_14_xW)`);
  }
  if (currency === 'PLN' && draft.exchangeRate !== undefined) issues.warning('exchangeRate', 'ignored: the invoice is in PLN');
  draft.warehouseDocuments?.forEach((wz, i) => {
    if (wz.length > 256) issues.error(`warehouseDocuments[${i}]`, 'is longer than 256 characters');
  });
  draft.additionalInfo?.forEach((info, i) => {
    if (info.lineNumber !== undefined && (!Number.isInteger(info.lineNumber) || info.lineNumber < 1 || info.lineNumber > draft.lines.length)) {
      issues.error(`additionalInfo[${i}].lineNumber`, `must be the 1-based number of an existing line (1–${draft.lines.length})`);
    }
  });
}

function checkSeller(draft: InvoiceDraft, issues: Issues): void {
  checkNip(draft.seller.nip, 'seller.nip', issues);
  if (draft.seller.name.length > 512) issues.error('seller.name', 'is longer than 512 characters');
  checkAddress(draft.seller.address, 'seller.address', issues, true);
  if ((draft.seller.contacts?.length ?? 0) > 3) issues.error('seller.contacts', 'FA allows at most 3 contacts');
}

function checkPartyId(id: PartyId | ThirdPartyId, path: string, issues: Issues): void {
  if ('nip' in id) checkNip(id.nip, `${path}.nip`, issues);
  else if ('euVat' in id) {
    if (!/^[A-Z]{2}$/.test(id.euVat.countryCode)) issues.error(`${path}.euVat.countryCode`, 'must be the two-letter EU VAT prefix, e.g. DE (EL for Greece, XI for Northern Ireland)');
    if (!/^(\d|[A-Z]|\+|\*){1,12}$/.test(id.euVat.number)) issues.error(`${path}.euVat.number`, 'must be 1–12 capital letters, digits, + or *, without the country prefix');
  } else if ('foreignId' in id) {
    if (id.foreignId.countryCode !== undefined && !/^[A-Z]{2}$/.test(id.foreignId.countryCode)) issues.error(`${path}.foreignId.countryCode`, 'must be a two-letter country code');
    if (id.foreignId.id.length > 50) issues.error(`${path}.foreignId.id`, 'is longer than 50 characters');
  } else if ('internalId' in id) {
    if (!/^[1-9]((\d[1-9])|([1-9]\d))\d{7}-\d{5}$/.test(id.internalId)) issues.error(`${path}.internalId`, 'must be a NIP, a dash and 5 digits (IDWew)');
    else if (!nipChecksumValid(id.internalId.slice(0, 10))) issues.error(`${path}.internalId`, 'the NIP part has a wrong check digit (KSeF checks it on production)');
  }
}

function checkBuyer(draft: InvoiceDraft, issues: Issues, form: FaForm): void {
  const b = draft.buyer;
  checkPartyId(b.id, 'buyer.id', issues);
  const simplified = draft.kind === 'UPR';
  if (b.name === undefined && !simplified) issues.error('buyer.name', 'is required (only a simplified invoice, UPR, may omit the buyer name)');
  if (b.name !== undefined && b.name.length > 512) issues.error('buyer.name', 'is longer than 512 characters');
  checkAddress(b.address, 'buyer.address', issues, !simplified);
  if ((b.contacts?.length ?? 0) > 3) issues.error('buyer.contacts', 'FA allows at most 3 contacts');
  if (b.buyerKey !== undefined && b.buyerKey.length > 32) issues.error('buyer.buyerKey', 'IDNabywcy has at most 32 characters');
  if (form === 'FA (2)' && (b.localGovernmentUnit || b.vatGroupMember)) {
    issues.warning('buyer', 'FA(2) has no JST/GV flags; they are left out');
  }
  const roles = (draft.thirdParties ?? []).map((t) => t.role);
  if (b.localGovernmentUnit && form === 'FA (3)' && !roles.includes('jst-recipient')) {
    issues.error('thirdParties', 'buyer.localGovernmentUnit is set: add the subordinate unit as a third party with role jst-recipient (XSD, JST)');
  }
  if (b.vatGroupMember && form === 'FA (3)' && !roles.includes('vat-group-recipient')) {
    issues.error('thirdParties', 'buyer.vatGroupMember is set: add the member as a third party with role vat-group-recipient (XSD, GV)');
  }
}

function checkThirdParties(draft: InvoiceDraft, issues: Issues, form: FaForm): void {
  const parties = draft.thirdParties ?? [];
  if (parties.length > 100) issues.error('thirdParties', 'FA allows at most 100 third parties');
  parties.forEach((t, i) => {
    const path = `thirdParties[${i}]`;
    checkPartyId(t.id, `${path}.id`, issues);
    if (form === 'FA (2)' && t.role === 'employee') issues.error(`${path}.role`, 'the employee role exists only in FA(3); use { other: "Pracownik" } for FA(2)');
    if (t.share !== undefined && checkDecimal(t.share, `${path}.share`, issues, { integer: 3, fraction: 6 }, { nonNegative: true })) {
      if (Decimal.parse(t.share).compare(Decimal.of(100n)) > 0) issues.error(`${path}.share`, 'is a percentage: at most 100');
    }
    if (form === 'FA (2)' && t.address === undefined) issues.error(`${path}.address`, 'FA(2) requires a third party\'s address (Podmiot3/Adres); add it or render FA(3)');
    checkAddress(t.address, `${path}.address`, issues, false);
  });
  if (draft.authorisedParty) {
    checkNip(draft.authorisedParty.nip, 'authorisedParty.nip', issues);
    checkAddress(draft.authorisedParty.address, 'authorisedParty.address', issues, true);
  }
}

function checkLines(draft: InvoiceDraft, issues: Issues): void {
  const margin = draft.annotations?.margin !== undefined;
  const pricing = pricingOf(draft);
  if (draft.lines.length > 10000) issues.error('lines', 'FA allows at most 10 000 lines');
  draft.lines.forEach((line, i) => {
    const path = `lines[${i}]`;
    checkDecimal(line.quantity, `${path}.quantity`, issues, quantity);
    checkDecimal(line.unitPriceNet, `${path}.unitPriceNet`, issues, price);
    checkDecimal(line.unitPriceGross, `${path}.unitPriceGross`, issues, price);
    checkDecimal(line.discount, `${path}.discount`, issues, price);
    const okNet = checkDecimal(line.netValue, `${path}.netValue`, issues, money);
    const okGross = checkDecimal(line.grossValue, `${path}.grossValue`, issues, money);
    checkDecimal(line.vatAmount, `${path}.vatAmount`, issues, money);
    checkDecimal(line.exciseAmount, `${path}.exciseAmount`, issues, money);
    checkDate(line.saleDate, `${path}.saleDate`, issues);
    if (line.description !== undefined && line.description.length > 512) issues.error(`${path}.description`, 'is longer than 512 characters');
    if (line.description === undefined && !isCorrectionKind(draft.kind)) issues.error(`${path}.description`, 'is required: name the goods or service (P_7)');
    if (line.vatRate === undefined) {
      if (!margin) issues.error(`${path}.vatRate`, 'is required; only margin-scheme invoices (annotations.margin) have lines without a rate');
    } else if (!isVatRate(line.vatRate)) {
      issues.error(`${path}.vatRate`, `"${String(line.vatRate)}" is not an FA rate; use 23, 22, 8, 7, 5, 4, 3, 0 KR, 0 WDT, 0 EX, zw, oo, np I or np II`);
    }
    if (line.gtu !== undefined && !/^GTU_(0[1-9]|1[0-3])$/.test(line.gtu)) issues.error(`${path}.gtu`, 'must be GTU_01 … GTU_13');
    if (line.before && !isCorrectionKind(draft.kind)) issues.error(`${path}.before`, `only corrections have before-lines (StanPrzed); this is a ${draft.kind} invoice`);
    if (!okNet || !okGross) return;
    const marginLine = margin && line.vatRate === undefined;
    if (!marginLine) {
      if (pricing === 'net' && line.netValue === undefined && line.grossValue !== undefined) {
        issues.error(`${path}.grossValue`, 'the invoice is priced net (other lines have net values): give netValue, or price every line gross');
        return;
      }
      if (pricing === 'gross' && line.grossValue === undefined && line.netValue !== undefined) {
        issues.error(`${path}.netValue`, 'the invoice is priced gross (other lines have gross values): give grossValue, or price every line net');
        return;
      }
    }
    try {
      if (draft.kind !== 'ZAL' && lineValueOf(line, pricing, marginLine) === undefined) {
        const field = pricing === 'net' ? 'netValue' : 'grossValue';
        const priceField = pricing === 'net' ? 'unitPriceNet' : 'unitPriceGross';
        issues.error(`${path}.${field}`, `is missing: give ${field}, or quantity and ${priceField} to compute it`);
      }
    } catch {
      // malformed quantity or price: already reported above
    }
  });
  if (ratesOf(draft).has('zw') && !draft.annotations?.exemption) {
    issues.error('annotations.exemption', 'lines are exempt (zw): give the legal basis, e.g. { source: "act", text: "art. 43 ust. 1 pkt 37 ustawy o VAT" } (Adnotacje/P_19A)');
  }
}

function checkKind(draft: InvoiceDraft, issues: Issues): void {
  const kind = draft.kind;
  if (kind !== 'ZAL' && draft.lines.length === 0 && !isCorrectionKind(kind)) {
    issues.error('lines', `a ${kind} invoice needs at least one line`);
  }
  if (isCorrectionKind(kind)) {
    const c = draft.correction;
    if (!c) {
      issues.error('correction', `a ${kind} invoice must say what it corrects: give correction.corrected with the invoice's number, issue date and KSeF number`);
    } else {
      if (c.corrected.length === 0) issues.error('correction.corrected', 'list at least one corrected invoice');
      c.corrected.forEach((ref, i) => {
        checkDate(ref.issueDate, `correction.corrected[${i}].issueDate`, issues, true);
        if (ref.ksefNumber !== undefined && !isValidKsefNumber(ref.ksefNumber)) {
          issues.error(`correction.corrected[${i}].ksefNumber`, 'is not a valid KSeF number (35 characters, NIP-date-hex-hex-CRC); leave it out only if the invoice was issued outside KSeF');
        }
      });
      if (c.reason !== undefined && c.reason.length > 256) issues.error('correction.reason', 'is longer than 256 characters');
      if (c.amountBefore !== undefined) checkDecimal(c.amountBefore, 'correction.amountBefore', issues, money);
    }
  } else if (draft.correction) {
    issues.warning('correction', `ignored: a ${kind} invoice is not a correction`);
  }
  if (kind === 'ZAL') {
    if (draft.lines.length > 0) issues.error('lines', 'an advance invoice (ZAL) lists the ordered items in advance.order.lines, not in lines');
    const a = draft.advance;
    if (!a) {
      issues.error('advance', 'an advance invoice (ZAL) needs advance: the amount received and the order it is for');
    } else {
      checkDecimal(a.amount, 'advance.amount', issues, money, { required: true, positive: true });
      checkDate(a.receivedOn, 'advance.receivedOn', issues);
      if (a.order.value !== undefined) checkDecimal(a.order.value, 'advance.order.value', issues, money, { positive: true });
      if (a.order.lines.length === 0) issues.error('advance.order.lines', 'list the ordered goods or services (Zamowienie), at least one line');
      let allOk = true;
      a.order.lines.forEach((l, i) => {
        const path = `advance.order.lines[${i}]`;
        allOk = checkDecimal(l.netValue, `${path}.netValue`, issues, money, { required: true }) && allOk;
        allOk = checkDecimal(l.vatAmount, `${path}.vatAmount`, issues, money) && allOk;
        checkDecimal(l.quantity, `${path}.quantity`, issues, quantity);
        checkDecimal(l.unitPriceNet, `${path}.unitPriceNet`, issues, price);
        if (!isVatRate(l.vatRate)) {
          issues.error(`${path}.vatRate`, `"${String(l.vatRate)}" is not an FA rate`);
          allOk = false;
        }
      });
      if (allOk && a.order.lines.length > 0) {
        let total = Decimal.zero;
        for (const l of a.order.lines) total = total.add(Decimal.parse(l.netValue));
        if (total.isZero()) issues.error('advance.order.lines', 'the order totals zero, so the advance cannot be split over its rates');
      }
    }
  }
  if (kind === 'ROZ') {
    const s = draft.settlement;
    if (!s) {
      issues.error('settlement', 'a settlement invoice (ROZ) needs settlement: the advance invoices and the amounts they already invoiced');
    } else {
      if (s.advanceInvoices.length === 0) issues.error('settlement.advanceInvoices', 'list the advance invoices being settled (FakturaZaliczkowa)');
      s.advanceInvoices.forEach((ref, i) => {
        const path = `settlement.advanceInvoices[${i}]`;
        if (ref.ksefNumber === undefined && ref.number === undefined) issues.error(path, 'give the advance invoice\'s ksefNumber, or its number when it was issued outside KSeF');
        if (ref.ksefNumber !== undefined && !isValidKsefNumber(ref.ksefNumber)) issues.error(`${path}.ksefNumber`, 'is not a valid KSeF number');
      });
      s.advances.forEach((a, i) => {
        const path = `settlement.advances[${i}]`;
        if (!isVatRate(a.vatRate)) issues.error(`${path}.vatRate`, `"${String(a.vatRate)}" is not an FA rate`);
        checkDecimal(a.net, `${path}.net`, issues, money, { required: true });
        checkDecimal(a.vat, `${path}.vat`, issues, money, { required: true });
      });
    }
  }
  if (draft.sourceTotals) {
    const t = draft.sourceTotals;
    for (const [group, values] of [['netByRate', t.netByRate], ['vatByRate', t.vatByRate], ['vatByRatePln', t.vatByRatePln]] as const) {
      for (const [bucket, value] of Object.entries(values ?? {})) checkDecimal(value, `sourceTotals.${group}.${bucket}`, issues, money);
    }
    checkDecimal(t.grossTotal, 'sourceTotals.grossTotal', issues, money);
  }
}

function checkPayment(draft: InvoiceDraft, issues: Issues, form: FaForm): void {
  const p = draft.payment;
  if (!p) return;
  checkDate(p.paidOn, 'payment.paidOn', issues);
  p.dueDates?.forEach((d, i) => {
    const path = `payment.dueDates[${i}]`;
    checkDate(d.date, `${path}.date`, issues);
    if (d.date === undefined && d.relative === undefined) issues.error(path, 'give a date or a relative term');
    if (form === 'FA (2)' && d.date === undefined) issues.error(`${path}.date`, 'FA(2) requires a due date (Termin); a relative term alone is FA(3) only');
    if (d.relative && (!Number.isInteger(d.relative.count) || d.relative.count < 0)) issues.error(`${path}.relative.count`, 'must be a whole number of days, months, …');
  });
  for (const [group, accounts] of [['bankAccounts', p.bankAccounts], ['factorBankAccounts', p.factorBankAccounts]] as const) {
    accounts?.forEach((a, i) => {
      const path = `payment.${group}[${i}]`;
      if (a.number.length < 10 || a.number.length > 34) issues.error(`${path}.number`, 'an account number has 10–34 characters (NRB: 26 digits, no spaces)');
      if (/\s/.test(a.number)) issues.error(`${path}.number`, 'remove the spaces from the account number');
      if (a.swift !== undefined && !/^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(a.swift)) issues.error(`${path}.swift`, 'is not a SWIFT/BIC code (8 or 11 capitals and digits)');
    });
  }
}

function checkFooter(draft: InvoiceDraft, issues: Issues): void {
  const f = draft.footer;
  if (!f) return;
  if ((f.texts?.length ?? 0) > 3) issues.error('footer.texts', 'FA allows at most 3 footer texts');
  f.texts?.forEach((t, i) => {
    if (t.length > 3500) issues.error(`footer.texts[${i}]`, 'is longer than 3500 characters');
  });
  f.registries?.forEach((r, i) => {
    const path = `footer.registries[${i}]`;
    if (r.krs !== undefined && !/^\d{10}$/.test(r.krs)) issues.error(`${path}.krs`, 'KRS is 10 digits, with leading zeros');
    if (r.regon !== undefined && !/^(\d{9}|\d{14})$/.test(r.regon)) issues.error(`${path}.regon`, 'REGON is 9 or 14 digits');
    if (r.bdo !== undefined && r.bdo.length > 9) issues.error(`${path}.bdo`, 'BDO has at most 9 characters');
  });
}
