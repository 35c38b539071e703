import type {
  AdditionalInfo, AdvanceAmounts, InvoiceDraft, InvoiceLine, OrderLine, Payment, PaymentMethod, VatBucket, VatRate,
} from '@ksef-connect/core';
import { Decimal, vatBucketOf } from '@ksef-connect/core';
import type { ReportIssue } from '../MappingReport.js';
import type { DocumentReportBuilder } from '../report/DocumentReportBuilder.js';
import { eppDocumentKind } from './eppDocumentKind.js';
import { EppFields } from './eppFields.js';
import { eppBuyer, eppSeller } from './eppParties.js';
import { eppVatRate, type EppRateContext } from './eppVatRate.js';
import type { EppRegisters } from './EppRegisters.js';
import type { EppDocument } from './readEppFile.js';
import type { EppRow } from './parseEppSections.js';

/** What `mapEppDocument` needs besides the document. */
export interface EppMappingContext {
  readonly info: EppRow;
  readonly registers: EppRegisters;
  /** `[INFO]` field 2 is 0: rows are VAT-rate summaries (Tabela 4–6), not items (Tabela 7). */
  readonly accountingOffice: boolean;
  readonly sellerNip?: string;
  /** The legal basis written for `zw` lines (EDI++ carries none). */
  readonly exemptionBasis?: string;
  /** Numbers of the advance invoices (ZAL) in the same file, by their order number (`NAGLOWEK.10`). */
  readonly advanceInvoicesByOrder: ReadonlyMap<string, readonly string[]>;
}

/**
 * The outcome for one document: `skipped` documents are not invoices (the issue says why); the others
 * give a draft when every required field was read, with the source line of each draft line.
 */
export type EppDocumentResult =
  | { readonly skipped: true; readonly issue: ReportIssue }
  | { readonly skipped: false; readonly draft: InvoiceDraft | undefined; readonly lineNumbers: readonly (number | null)[] };

// Header fields with no FA(3) counterpart, reported when they hold a value (Tabela 3).
const unmappedHeaderFields: readonly [number, string][] = [
  [3, 'fiscal registration status'], [5, "supplier's document number"], [11, 'target warehouse'],
  [19, 'category'], [20, 'category subtitle'], [24, 'receipt date'], [27, 'active price name'], [31, 'cost'],
  [32, 'discount name'], [33, 'discount percent'], [42, 'issued by'], [43, 'received by'], [44, 'basis of issue'],
  [45, 'packaging issued'], [46, 'packaging returned'], [50, 'comment'], [51, 'document subtitle'],
  [56, 'card payment name'], [57, 'card payment amount'], [58, 'credit payment name'], [59, 'credit payment amount'],
];

/**
 * Maps one EDI++ document (Tabela 3 header + Tabela 4–8 rows) to an invoice draft. Every value the
 * draft gets comes from a named field; where EDI++ is silent `report` says what was assumed.
 */
export function mapEppDocument(doc: EppDocument, context: EppMappingContext, report: DocumentReportBuilder): EppDocumentResult {
  const h = new EppFields(doc.header, 'NAGLOWEK', report);
  const type = h.text(1);
  const decision = eppDocumentKind(type, h.integer(41));
  const number = h.text(7) || undefined;
  const label = number ?? `${type} no. ${h.text(4)}`;
  if (!decision.mapped) {
    return { skipped: true, issue: { severity: 'warning', message: `document ${label} skipped: ${decision.reason}`, field: 'NAGLOWEK.1', line: doc.header.line } };
  }
  const status = h.integer(2, 1);
  if (status === 0 || status === 2) {
    const why = status === 0 ? 'it is postponed (a draft, never issued)' : 'it is cancelled';
    return { skipped: true, issue: { severity: 'warning', message: `document ${label} skipped: ${why} (NAGLOWEK.2 = ${status})`, field: 'NAGLOWEK.2', line: doc.header.line } };
  }
  for (const assumption of decision.assumptions) report.assume(assumption);
  report.number = number ?? null;
  const kind = decision.kind;
  if (number === undefined) h.error(7, 'the full document number is missing (it becomes P_2)');
  if (h.text(1).length > 3) h.warning(1, `document type "${h.text(1).slice(0, 10)}" is longer than the 3 characters EDI++ allows`);

  const info = new EppFields(context.info, 'INFO', report);
  const seller = eppSeller(info, context.sellerNip, report);
  const registers = context.registers;
  const buyerCode = h.text(12);
  const buyerNip = number === undefined ? undefined : registers.buyerNip(number);
  const buyer = eppBuyer(h, buyerCode === '' ? undefined : registers.contractor(buyerCode), buyerNip, kind === 'UPR', report);
  if (buyerNip !== undefined) report.assume(`buyer NIP taken from NUMERYIDENTYFIKACYJNENABYWCOW (${buyerNip})`);

  const issueDate = h.date(22, 'issue date');
  if (issueDate === undefined && h.text(22) === '') h.error(22, 'the issue date is missing (it becomes P_1)');
  let saleDate = h.date(23, 'sale date');
  const completion = number === undefined ? undefined : registers.completionDate(number);
  if (completion !== undefined && kind !== 'ZAL') {
    saleDate = completion;
    report.assume(`delivery date taken from DATYZAKONCZENIA (${completion})`);
  }

  const transactionKind = h.integer(55);
  if (transactionKind === 22 || transactionKind === 23) {
    h.error(55, `transaction kind ${transactionKind} (WSTO / OSS distance selling) is not supported: its foreign rates have no P_12 value`);
  } else if (transactionKind === 3) {
    h.error(55, 'transaction kind 3 (triangular WTTD) is not supported: EDI++ does not say which party this invoice is for');
  }
  const rateContext: EppRateContext = { transactionKind, buyerInEu: h.bool(62) };

  const currency = (h.text(47) || 'PLN').toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) h.error(47, `currency "${currency.slice(0, 10)}" is not an ISO 4217 code`);
  const exchangeRate = currency === 'PLN' ? undefined : h.amount(48, 'exchange rate');
  if (currency !== 'PLN' && exchangeRate === undefined && h.text(48) === '') h.error(48, `the exchange rate of ${currency} is missing`);
  const netPriced = h.text(26) === '' ? true : h.bool(26);
  if (h.text(26) === '') report.assume('NAGLOWEK.26 (net or gross pricing) is empty: taken as net pricing');
  const gross = h.money(30, 'gross value');

  const rowsAreSummaries = decideRowShape(doc, context.accountingOffice, report);
  const lines: InvoiceLine[] = [];
  const lineNumbers: number[] = [];
  const addLine = (line: number, value: InvoiceLine): void => {
    lines.push(value);
    lineNumbers.push(line);
  };
  const orderLines: OrderLine[] = [];
  const advances: AdvanceAmounts[] = [];
  const netByRate: Partial<Record<VatBucket, string>> = {};
  const vatByRate: Partial<Record<VatBucket, string>> = {};
  const rates = new Set<VatRate>();
  let exemptLine: number | undefined;
  const margin = decision.margin !== undefined;
  const taxedBuckets: readonly VatBucket[] = ['1', '2', '3', '4', '5'];

  if (doc.content.length === 0) report.error(`document ${label} has no [ZAWARTOSC] rows`, 'ZAWARTOSC', doc.header.line);
  for (const row of doc.content) {
    const r = new EppFields(row, 'ZAWARTOSC', report);
    const expected = rowsAreSummaries ? [5, 14, 18] : kind === 'KOR' || kind === 'KOR_ZAL' ? [31] : [22, 31];
    if (!expected.includes(row.fields.length)) {
      report.warning(`the row has ${row.fields.length} fields where EDI++ writes ${expected.join(' or ')}: a comma outside quotes shifts the fields after it`, 'ZAWARTOSC', row.line);
    }
    if (rowsAreSummaries) {
      const rate = margin ? undefined : readRate(r, r.text(1), r.text(2), 1, rateContext, report);
      if (!margin && rate === undefined) continue;
      const net = r.requiredMoney(3, 'net value of the VAT-rate row');
      const vat = r.money(4, 'VAT of the VAT-rate row');
      const rowGross = r.money(5, 'gross value of the VAT-rate row');
      if (net === undefined) continue;
      if (rate !== undefined) rates.add(rate);
      if (rate === 'zw') exemptLine ??= row.line;
      if (kind === 'ROZ') {
        // Tabela 5: fields 6–8 are the whole supply, 9–10 the advances already invoiced.
        const totalNet = r.requiredMoney(6, 'final total net value');
        const advanceNet = r.money(9, 'net value of previous advances') ?? '0';
        const advanceVat = r.money(10, 'VAT of previous advances') ?? '0';
        if (totalNet === undefined || rate === undefined) continue;
        addLine(row.line, { description: summaryDescription(rate), netValue: totalNet, vatRate: rate });
        advances.push({ vatRate: rate, net: advanceNet, vat: advanceVat });
      } else if (kind === 'ZAL') {
        if (rate === undefined) continue;
        orderLines.push({ description: summaryDescription(rate), netValue: net, ...(vat === undefined ? {} : { vatAmount: vat }), vatRate: rate });
      } else if (margin) {
        const saleValue = rowGross ?? net;
        addLine(row.line, { description: 'Sprzedaż w procedurze marży', grossValue: saleValue });
      } else if (rate !== undefined) {
        addLine(row.line, { description: summaryDescription(rate), netValue: net, vatRate: rate });
      }
      if (rate !== undefined && kind !== 'ZAL') {
        const bucket = vatBucketOf(rate);
        netByRate[bucket] = addDecimal(netByRate[bucket], net);
        if (vat !== undefined && taxedBuckets.includes(bucket)) vatByRate[bucket] = addDecimal(vatByRate[bucket], vat);
      }
      continue;
    }
    // Tabela 7 item row (22 fields), plus Tabela 8 (9 more) on corrections.
    const percent = r.text(16);
    const rate = margin ? undefined : readRate(r, undefined, percent, 16, rateContext, report);
    if (!margin && rate === undefined) continue;
    if (rate !== undefined) rates.add(rate);
    if (rate === 'zw') exemptLine ??= row.line;
    const code = r.text(3);
    const product = code === '' ? undefined : registers.product(code);
    const description = r.text(22) || product?.name || code;
    if (r.text(22) === '' && product === undefined) {
      if (code === '') r.error(3, 'the item has neither a product code nor a one-off service name (ZAWARTOSC.22)');
      else r.warning(3, `product ${code} is not in the TOWARY register: its code is used as the name (P_7)`);
    }
    const quantity = r.amount(11, 'quantity');
    const unit = r.optionalText(10);
    const priceNet = r.amount(14, 'net unit price');
    const priceGross = r.amount(15, 'gross unit price');
    const netValue = r.money(17, 'net value of the item');
    const vatValue = r.money(18, 'VAT of the item');
    const grossValue = r.money(19, 'gross value of the item');
    if ((r.amount(8, 'discount value') ?? '0').replace(/[-0.]/g, '') !== '') {
      report.assume(`line ${row.line}: the item's discount (ZAWARTOSC.8) is taken as already included in its unit price`);
    }
    const extras = {
      ...(code === '' ? {} : { index: code }),
      ...(product?.pkwiu ? { pkwiu: product.pkwiu } : {}),
      ...(product?.cn ? { cn: product.cn } : {}),
      ...(product?.gtu ? { gtu: product.gtu } : {}),
    };
    if (kind === 'ZAL') {
      if (rate === undefined || netValue === undefined) {
        if (netValue === undefined) r.error(17, 'the net value of an advance invoice item is missing (it becomes P_11NettoZ)');
        continue;
      }
      orderLines.push({
        description, ...(unit ? { unit } : {}), ...(quantity ? { quantity } : {}), ...(priceNet ? { unitPriceNet: priceNet } : {}),
        netValue, ...(vatValue === undefined ? {} : { vatAmount: vatValue }), vatRate: rate, ...(product?.gtu ? { gtu: product.gtu } : {}), ...(code === '' ? {} : { index: code }),
      });
      continue;
    }
    const value = margin || !netPriced ? { grossValue: grossValue, unitPriceGross: priceGross } : { netValue, unitPriceNet: priceNet };
    if ((margin || !netPriced ? grossValue : netValue) === undefined) {
      r.error(margin || !netPriced ? 19 : 17, `the item's ${margin || !netPriced ? 'gross' : 'net'} value is missing`);
      continue;
    }
    const after: InvoiceLine = {
      description, ...(unit ? { unit } : {}), ...(quantity ? { quantity } : {}),
      ...defined(value), ...(rate === undefined ? {} : { vatRate: rate }), ...extras,
    };
    if (kind === 'KOR' || kind === 'KOR_ZAL') {
      if (row.fields.length < 31) {
        r.error(23, 'a correction item needs the 9 fields of the state before the correction (Tabela 8)');
        continue;
      }
      const beforeRate = margin ? undefined : readRate(r, undefined, r.text(25), 25, rateContext, report);
      const beforeQty = r.amount(26, 'quantity before the correction');
      const beforeNet = r.money(29, 'net value before the correction');
      const beforeGross = r.money(31, 'gross value before the correction');
      const beforePrice = r.amount(23, 'unit price before the correction');
      const beforeUnit = r.optionalText(27);
      const beforeValue = margin || !netPriced
        ? { grossValue: beforeGross, unitPriceGross: beforePrice }
        : { netValue: beforeNet, unitPriceNet: beforePrice };
      const hadBefore = [beforeQty, beforeNet, beforeGross].some((v) => v !== undefined && !/^-?0*(\.0*)?$/.test(v));
      if (hadBefore) {
        addLine(row.line, {
          description, ...(beforeUnit ? { unit: beforeUnit } : {}), ...(beforeQty ? { quantity: beforeQty } : {}),
          ...defined(beforeValue), ...(beforeRate === undefined ? {} : { vatRate: beforeRate }), ...extras, before: true,
        });
      }
    }
    addLine(row.line, after);
  }

  // Per-document registers and annotations.
  const annotations: { cashAccounting?: boolean; exemption?: { source: 'act'; text: string }; margin?: typeof decision.margin } = {};
  if (decision.cashAccounting) annotations.cashAccounting = true;
  if (decision.margin) annotations.margin = decision.margin;
  if (rates.has('zw')) {
    if (context.exemptionBasis) {
      annotations.exemption = { source: 'act', text: context.exemptionBasis };
      report.assume(`legal basis of the exemption taken from the exemptionBasis option: "${context.exemptionBasis}"`);
    } else {
      report.error(`document ${label} has exempt (zw) lines but EDI++ carries no legal basis for the exemption: pass exemptionBasis (e.g. "art. 43 ust. 1 pkt 37 ustawy o VAT")`, 'ZAWARTOSC', exemptLine ?? doc.header.line);
    }
  }
  const splitPayment = number === undefined ? undefined : registers.splitPayment(number);
  const payment = eppPayment(h, gross, issueDate, splitPayment, report);

  const additionalInfo: AdditionalInfo[] = [];
  if (h.text(49) !== '') additionalInfo.push({ key: 'Uwagi', value: h.text(49) });
  if (h.text(10) !== '') additionalInfo.push({ key: 'Numer zamówienia', value: h.text(10) });
  for (const [n, what] of unmappedHeaderFields) {
    const value = h.text(n);
    if (value !== '' && !/^-?0*(\.0*)?$/.test(value)) report.unmapped(`NAGLOWEK.${n} (${what})`);
  }

  let correction: InvoiceDraft['correction'];
  if (kind === 'KOR' || kind === 'KOR_ZAL') {
    const correctedNumber = h.text(8);
    const correctedDate = h.date(9, 'issue date of the corrected invoice');
    if (correctedNumber === '') h.error(8, 'the number of the corrected invoice is missing (it becomes NrFaKorygowanej)');
    if (h.text(9) === '') h.error(9, 'the issue date of the corrected invoice is missing (it becomes DataWystFaKorygowanej)');
    const reason = number === undefined ? undefined : registers.correctionReason(number);
    const effect = number === undefined ? undefined : registers.correctionEffect(number);
    if (correctedNumber !== '' && correctedDate !== undefined) {
      correction = {
        ...(reason ? { reason } : {}),
        ...(effect ? { effect } : {}),
        corrected: [{ issueDate: correctedDate, number: correctedNumber }],
      };
      report.assume('the corrected invoice was issued outside KSeF (EDI++ has no KSeF number): written as NrKSeFN');
      if (rowsAreSummaries) report.assume('VAT-rate rows of a correction are taken as the differences it makes (one line per rate)');
    }
  }
  if (rowsAreSummaries && kind !== 'ZAL') {
    report.assume('accounting-office export ([INFO] purpose 0): the rows are VAT-rate summaries, mapped to one line per rate');
  }

  let advance: InvoiceDraft['advance'];
  if (kind === 'ZAL') {
    if (gross === undefined) h.error(30, 'the gross value of an advance invoice (the payment received, P_15) is missing');
    else {
      const receivedOn = number === undefined ? undefined : registers.completionDate(number);
      advance = { amount: gross, ...(receivedOn ? { receivedOn } : {}), order: { lines: orderLines } };
      report.assume(rowsAreSummaries
        ? 'advance invoice: the order is not in the file; its VAT-rate rows are used as the order lines (WartoscZamowienia = the advance)'
        : 'advance invoice: the item rows are taken as the order or contract lines (ZamowienieWiersz)');
    }
  }
  let settlement: InvoiceDraft['settlement'];
  if (kind === 'ROZ') {
    if (!rowsAreSummaries) {
      report.error(`final advance invoice ${label}: item rows do not say which advances were invoiced before (only the accounting-office rows of Tabela 5 do)`, 'ZAWARTOSC', doc.header.line);
    } else {
      const order = h.text(10);
      const advanceNumbers = order === '' ? [] : (context.advanceInvoicesByOrder.get(order) ?? []);
      if (advanceNumbers.length === 0) {
        h.error(10, `final advance invoice ${label}: EDI++ does not name the advance invoices it settles, and no advance invoice in this file has the same order number (NAGLOWEK.10 "${order.slice(0, 30)}")`);
      } else {
        settlement = { advanceInvoices: advanceNumbers.map((n) => ({ number: n })), advances };
        report.assume(`settlement invoice: the advance invoices settled are those of this file with the same order number ${order} (${advanceNumbers.join(', ')}); they are taken as issued outside KSeF`);
      }
    }
  }

  const sourceTotals = {
    ...(Object.keys(netByRate).length > 0 && !margin ? { netByRate } : {}),
    ...(Object.keys(vatByRate).length > 0 && !margin ? { vatByRate } : {}),
    ...(gross === undefined || kind === 'ZAL' ? {} : { grossTotal: gross }),
  };
  if (report.hasErrors || !seller || !buyer || issueDate === undefined || number === undefined) {
    return { skipped: false, draft: undefined, lineNumbers: [] };
  }
  const draft: InvoiceDraft = {
    kind,
    number,
    issueDate,
    ...(h.text(21) === '' ? {} : { issuePlace: h.text(21) }),
    ...(saleDate !== undefined && saleDate !== issueDate && kind !== 'ZAL' ? { saleDate } : {}),
    ...(currency === 'PLN' ? {} : { currency, ...(exchangeRate ? { exchangeRate } : {}) }),
    pricing: margin || !netPriced ? 'gross' : 'net',
    seller,
    buyer,
    lines: kind === 'ZAL' ? [] : lines,
    ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
    ...(payment ? { payment } : {}),
    ...(correction ? { correction } : {}),
    ...(advance ? { advance } : {}),
    ...(settlement ? { settlement } : {}),
    ...(additionalInfo.length > 0 ? { additionalInfo } : {}),
    ...(Object.keys(sourceTotals).length > 0 ? { sourceTotals } : {}),
  };
  return { skipped: false, draft, lineNumbers };
}

/** Summary rows (Tabela 4–6) or item rows (Tabela 7): [INFO]'s purpose decides, the row length confirms. */
function decideRowShape(doc: EppDocument, accountingOffice: boolean, report: DocumentReportBuilder): boolean {
  const first = doc.content[0];
  if (!first) return accountingOffice;
  // Summary rows have 5, 14 or 18 fields (Tabela 4–6), item rows 22, or 31 on corrections (Tabela 7–8).
  const looksLikeSummary = first.fields.length <= 18;
  if (looksLikeSummary !== accountingOffice) {
    report.warning(looksLikeSummary
        ? 'the rows look like VAT-rate summaries although [INFO] field 2 does not say "accounting office": read as summaries'
        : 'the rows look like items although [INFO] field 2 says "accounting office": read as items', 'INFO.2', first.line);
  }
  return looksLikeSummary;
}

function readRate(r: EppFields, symbol: string | undefined, percent: string, field: number, context: EppRateContext, report: DocumentReportBuilder): VatRate | undefined {
  const result = eppVatRate(symbol, percent, context);
  if (!result.ok) {
    r.error(field, result.message);
    return undefined;
  }
  if (result.assumption) report.assume(result.assumption);
  return result.rate;
}

function summaryDescription(rate: VatRate): string {
  return /^\d+$/.test(rate) ? `Sprzedaż wg stawki ${rate}%` : `Sprzedaż wg stawki ${rate}`;
}

/** `Platnosc` from fields 34–37: method by name, due date, and paid-on-receipt. */
function eppPayment(
  h: EppFields, gross: string | undefined, issueDate: string | undefined, splitPayment: boolean | undefined,
  report: DocumentReportBuilder,
): Payment | undefined {
  const methodName = h.text(34);
  const method = paymentMethod(methodName);
  const due = h.date(35, 'payment due date');
  const paid = h.money(36, 'amount paid on receipt');
  let paidOn: string | undefined;
  if (paid !== undefined && !Decimal.parse(paid).isZero()) {
    if (gross !== undefined && Decimal.parse(paid).compare(Decimal.parse(gross)) === 0 && issueDate !== undefined) {
      paidOn = issueDate;
      report.assume('paid in full on receipt (NAGLOWEK.36 = NAGLOWEK.30): payment date taken as the issue date');
    } else {
      report.unmapped('NAGLOWEK.36 (partial payment on receipt)');
    }
  }
  if (!method && !due && !paidOn && splitPayment === undefined) return undefined;
  return {
    ...(paidOn ? { paidOn } : {}),
    ...(due && !paidOn ? { dueDates: [{ date: due }] } : {}),
    ...(method ? { method } : {}),
    ...(splitPayment === undefined ? {} : { splitPayment }),
  };
}

function paymentMethod(name: string): Payment['method'] {
  const n = name.toLowerCase();
  if (n === '') return undefined;
  const named: [RegExp, PaymentMethod][] = [
    [/gotów|gotow/, 'cash'], [/przelew/, 'transfer'], [/kart/, 'card'], [/kredyt/, 'credit'],
    [/czek/, 'cheque'], [/bon/, 'voucher'], [/blik|mobil/, 'mobile'],
  ];
  for (const [pattern, method] of named) if (pattern.test(n)) return method;
  return { other: name };
}

function defined<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Adds two plain decimal strings exactly. */
function addDecimal(a: string | undefined, b: string): string {
  return Decimal.parse(a ?? '0').add(Decimal.parse(b)).toString();
}
