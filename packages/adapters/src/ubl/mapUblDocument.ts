import {
  Decimal,
  isValidKsefNumber,
  vatBucketOf,
  type Annotations,
  type BankAccount,
  type Buyer,
  type CorrectedInvoice,
  type InvoiceDraft,
  type InvoiceKind,
  type InvoiceLine,
  type Payment,
  type PaymentMethod,
  type Seller,
  type SourceTotals,
  type VatBucket,
  type VatRate,
} from '@ksef-connect/core';
import { parseAmount } from '../amounts/parseAmount.js';
import { partyIdFromTaxNumber } from '../parties/partyIdFromTaxNumber.js';
import type { DocumentReportBuilder } from '../report/DocumentReportBuilder.js';
import type { XmlNode } from '../xml/XmlNode.js';
import { readUblParty } from './ublParty.js';
import { ublTaxCategoryRate } from './ublTaxCategory.js';
import { ublUnitName } from './ublUnitCode.js';

/** What the mapper needs besides the document element. */
export interface UblMappingContext {
  readonly report: DocumentReportBuilder;
  /** `--seller-nip`: wins over the document's seller VAT number. */
  readonly sellerNip: string | undefined;
  /** 1-based source line of each `InvoiceLine` / `CreditNoteLine`, in order. */
  readonly lineNumbers: readonly number[];
}

/** The draft and the source line of each draft line (for report entries). */
export interface UblMappingResult {
  readonly draft: InvoiceDraft | undefined;
  readonly lineNumbers: readonly (number | null)[];
}

// Top-level elements this mapper reads; any other child of the document is listed as unmapped.
const mappedTopLevel = new Set([
  'UBLVersionID', 'CustomizationID', 'ProfileID', 'ID', 'IssueDate', 'DueDate', 'InvoiceTypeCode', 'CreditNoteTypeCode',
  'Note', 'TaxPointDate', 'DocumentCurrencyCode', 'TaxCurrencyCode', 'InvoicePeriod', 'BillingReference', 'DiscrepancyResponse',
  'AccountingSupplierParty', 'AccountingCustomerParty', 'Delivery', 'PaymentMeans', 'AllowanceCharge', 'TaxExchangeRate',
  'TaxTotal', 'LegalMonetaryTotal', 'InvoiceLine', 'CreditNoteLine',
]);

// UNCL 4461 payment means (BT-81) → FA's FormaPlatnosci.
const paymentMethods: Readonly<Record<string, PaymentMethod | { other: string }>> = {
  '10': 'cash', '20': 'cheque', '30': 'transfer', '31': 'transfer', '42': 'transfer', '58': 'transfer', '68': 'transfer',
  '48': 'card', '54': 'card', '55': 'card', '49': { other: 'polecenie zapłaty' }, '59': { other: 'polecenie zapłaty SEPA' },
  '97': { other: 'kompensata' }, '1': { other: 'nieokreślona' },
};

/**
 * Maps one UBL 2.1 Invoice or CreditNote (EN 16931 / PEPPOL BIS Billing 3) to an `InvoiceDraft`.
 * Every problem goes to `context.report` with the UBL path of the field; the draft is undefined when
 * an error makes it unusable.
 */
export function mapUblDocument(root: XmlNode, rootName: 'Invoice' | 'CreditNote', context: UblMappingContext): UblMappingResult {
  const { report } = context;
  const isCreditNote = rootName === 'CreditNote';
  const p = (local: string): string => `${rootName}/${local}`;

  const number = root.textOf('ID');
  report.number = number ?? null;
  if (number === undefined) report.error('the document has no number (cbc:ID, BT-1)', p('cbc:ID'));
  const issueDate = ublDate(root.textOf('IssueDate'), p('cbc:IssueDate'), report, true);

  for (const name of root.childNames()) {
    if (!mappedTopLevel.has(name)) report.unmapped(root.first(name)?.path ?? name);
  }

  // Kind (BT-3): 380/389/… are invoices; 381 (credit note) and 384 (corrected invoice) are corrections.
  const typeCode = root.textOf(isCreditNote ? 'CreditNoteTypeCode' : 'InvoiceTypeCode') ?? (isCreditNote ? '381' : '380');
  let kind: InvoiceKind = 'VAT';
  const annotations: { -readonly [K in keyof Annotations]: Annotations[K] } = {};
  if (isCreditNote || typeCode === '381' || typeCode === '384' || typeCode === '261' || typeCode === '262') kind = 'KOR';
  else if (typeCode === '386') {
    report.error('prepayment invoices (386) are not mapped: FA(3) ZAL needs the ordered items and the amount received, which UBL does not separate', p('cbc:InvoiceTypeCode'));
  } else if (typeCode === '389') {
    annotations.selfBilling = true;
    report.assume('self-billed invoice (389): P_17 = 1 (samofakturowanie)');
  } else if (typeCode !== '380') report.assume(`invoice type code ${typeCode} read as a regular VAT invoice`);
  // A CreditNote's amounts are positive credits; an FA correction shows the change, so they flip sign.
  const signed = (value: string): string => (isCreditNote ? negateAmount(value) : value);
  if (isCreditNote) report.assume('CreditNote amounts and quantities are credits: written with a negative sign as the correction\'s difference');

  const currency = root.textOf('DocumentCurrencyCode')?.toUpperCase() ?? 'PLN';
  if (root.textOf('DocumentCurrencyCode') === undefined) report.assume('no DocumentCurrencyCode (BT-5): PLN');

  // Parties.
  const supplier = root.find('AccountingSupplierParty', 'Party');
  const customer = root.find('AccountingCustomerParty', 'Party');
  if (supplier === undefined) report.error('no seller (cac:AccountingSupplierParty/cac:Party, BG-4)', p('cac:AccountingSupplierParty'));
  if (customer === undefined) report.error('no buyer (cac:AccountingCustomerParty/cac:Party, BG-7)', p('cac:AccountingCustomerParty'));
  const sellerParty = supplier ? readUblParty(supplier, report) : undefined;
  const buyerParty = customer ? readUblParty(customer, report) : undefined;

  let sellerNip = context.sellerNip?.replace(/[\s-]/g, '');
  const documentSellerNip = sellerNipOf(sellerParty);
  if (sellerNip !== undefined) {
    if (documentSellerNip !== undefined && documentSellerNip !== sellerNip) {
      report.warning(`the seller NIP given (${sellerNip}) replaces the document's ${documentSellerNip}`, `${supplier?.path ?? ''}/cac:PartyTaxScheme/cbc:CompanyID`);
    }
  } else if (documentSellerNip !== undefined) sellerNip = documentSellerNip;
  else if (sellerParty !== undefined) {
    report.error(
      `the seller has no Polish VAT number (cac:PartyTaxScheme/cbc:CompanyID with a PL prefix, BT-31${sellerParty.vatNumber ? `; found "${sellerParty.vatNumber}"` : ''}): KSeF invoices are issued by Polish taxpayers — give --seller-nip`,
      `${supplier?.path ?? ''}/cac:PartyTaxScheme/cbc:CompanyID`,
    );
  }
  if (sellerParty !== undefined && sellerParty.name === undefined) report.error('the seller has no name (cac:PartyLegalEntity/cbc:RegistrationName, BT-27)', `${supplier?.path ?? ''}/cac:PartyLegalEntity/cbc:RegistrationName`);
  if (sellerParty !== undefined && sellerParty.address === undefined && supplier?.first('PostalAddress') === undefined) {
    report.error('the seller has no address (cac:PostalAddress, BG-5)', `${supplier?.path ?? ''}/cac:PostalAddress`);
  }
  if (buyerParty !== undefined && buyerParty.name === undefined) report.error('the buyer has no name (cac:PartyLegalEntity/cbc:RegistrationName, BT-44)', `${customer?.path ?? ''}/cac:PartyLegalEntity/cbc:RegistrationName`);
  if (buyerParty !== undefined && buyerParty.address === undefined && customer?.first('PostalAddress') === undefined) {
    report.error('the buyer has no address (cac:PostalAddress, BG-8)', `${customer?.path ?? ''}/cac:PostalAddress`);
  }
  const buyerId = buyerParty === undefined ? undefined : buyerIdOf(buyerParty, report);
  const buyerIsPolish = buyerId !== undefined && 'nip' in buyerId;

  // Document-level tax categories (BG-23) give the exemption reason and the source totals.
  const exemptionReasons: string[] = [];
  const sourceNet: Partial<Record<VatBucket, string>> = {};
  const sourceVat: Partial<Record<VatBucket, string>> = {};
  const documentTaxTotals = root.all('TaxTotal');
  const mainTaxTotal = documentTaxTotals.find((t) => (t.first('TaxAmount')?.attr('currencyID') ?? currency).toUpperCase() === currency) ?? documentTaxTotals[0];
  for (const subtotal of mainTaxTotal?.all('TaxSubtotal') ?? []) {
    const category = subtotal.first('TaxCategory');
    const categoryId = category?.textOf('ID');
    if (categoryId === undefined) {
      report.error('a VAT breakdown has no category (cac:TaxCategory/cbc:ID, BT-118)', `${subtotal.path}/cac:TaxCategory/cbc:ID`);
      continue;
    }
    const rate = ublTaxCategoryRate(categoryId, category?.textOf('Percent'), buyerIsPolish);
    if (!rate.ok) {
      report.error(rate.message, `${subtotal.path}/cac:TaxCategory`);
      continue;
    }
    const reason = category?.textOf('TaxExemptionReason');
    const reasonCode = category?.textOf('TaxExemptionReasonCode');
    if (rate.rate === 'zw') {
      const basis = reason ?? reasonCode;
      if (basis !== undefined) exemptionReasons.push(basis);
    } else if (reason !== undefined || reasonCode !== undefined) report.unmapped(`${subtotal.path}/cac:TaxCategory/cbc:TaxExemptionReason`);
    const bucket = vatBucketOf(rate.rate);
    const taxable = ublAmount(subtotal, 'TaxableAmount', report, false);
    const tax = ublAmount(subtotal, 'TaxAmount', report, false);
    if (taxable !== undefined) sourceNet[bucket] = addAmounts(sourceNet[bucket] ?? '0', signed(taxable));
    if (tax !== undefined && ['1', '2', '3', '4', '5'].includes(bucket)) sourceVat[bucket] = addAmounts(sourceVat[bucket] ?? '0', signed(tax));
  }

  // Lines (BG-25).
  const lines: InvoiceLine[] = [];
  const lineNumbers: (number | null)[] = [];
  const lineNodes = root.all(isCreditNote ? 'CreditNoteLine' : 'InvoiceLine');
  if (lineNodes.length === 0) report.error(`the document has no lines (cac:${isCreditNote ? 'CreditNoteLine' : 'InvoiceLine'}, BG-25)`, p(`cac:${isCreditNote ? 'CreditNoteLine' : 'InvoiceLine'}`));
  lineNodes.forEach((node, index) => {
    const sourceLine = context.lineNumbers[index] ?? null;
    const line = mapLine(node, isCreditNote, buyerIsPolish, signed, report, sourceLine);
    if (line !== undefined) {
      lines.push(line);
      lineNumbers.push(sourceLine);
    }
  });

  // Document-level allowances and charges (BG-20/BG-21) have no FA field: they become lines.
  for (const node of root.all('AllowanceCharge')) {
    const charge = node.textOf('ChargeIndicator')?.toLowerCase() === 'true';
    const amount = ublAmount(node, 'Amount', report, true);
    const categoryId = node.textOf('TaxCategory', 'ID');
    if (amount === undefined) continue;
    if (categoryId === undefined) {
      report.error('a document-level allowance or charge has no VAT category (cac:TaxCategory/cbc:ID, BT-95/BT-102)', `${node.path}/cac:TaxCategory/cbc:ID`);
      continue;
    }
    const rate = ublTaxCategoryRate(categoryId, node.textOf('TaxCategory', 'Percent'), buyerIsPolish);
    if (!rate.ok) {
      report.error(rate.message, `${node.path}/cac:TaxCategory`);
      continue;
    }
    const reason = node.textOf('AllowanceChargeReason') ?? (charge ? 'Opłata dodatkowa' : 'Rabat');
    const value = signed(charge ? amount : negateAmount(amount));
    lines.push({ description: reason, netValue: value, vatRate: rate.rate });
    lineNumbers.push(null);
    report.assume(`document-level ${charge ? 'charge' : 'allowance'} "${reason}" written as an invoice line with net ${value} (FA has no document-level allowances)`);
  }

  // Exemption basis (Adnotacje/P_19A–C) from BT-120/BT-121.
  if (lines.some((l) => l.vatRate === 'zw')) {
    const basis = exemptionReasons[0];
    if (basis === undefined) {
      report.error('exempt (E) lines need the legal basis of the exemption: give cbc:TaxExemptionReason (BT-120) in the E breakdown, e.g. "art. 43 ust. 1 pkt 37 ustawy o VAT"', p('cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:TaxExemptionReason'));
    } else {
      const source = /ustaw/i.test(basis) ? 'act' : /dyrektyw|directive|VATEX-EU/i.test(basis) ? 'directive' : 'other';
      annotations.exemption = { source, text: basis };
      if (exemptionReasons.length > 1) report.warning(`several exemption reasons: FA holds one, "${basis}" was kept`, p('cac:TaxTotal'));
    }
  }

  // Currency: the tax must be given in PLN (art. 106e ust. 11): KursWaluty from cac:TaxExchangeRate.
  let exchangeRate: string | undefined;
  const vatByRatePln: Partial<Record<VatBucket, string>> = {};
  if (currency !== 'PLN') {
    const rateNode = root.first('TaxExchangeRate');
    const from = rateNode?.textOf('SourceCurrencyCode')?.toUpperCase();
    const to = rateNode?.textOf('TargetCurrencyCode')?.toUpperCase();
    if (rateNode !== undefined && from === currency && to === 'PLN') exchangeRate = ublAmount(rateNode, 'CalculationRate', report, true);
    else if (rateNode !== undefined) report.warning(`cac:TaxExchangeRate converts ${from ?? '?'} to ${to ?? '?'}, not ${currency} to PLN: ignored`, p('cac:TaxExchangeRate'));
    const taxed = lines.some((l) => l.vatRate !== undefined && /^\d+$/.test(l.vatRate));
    if (exchangeRate === undefined && taxed) {
      report.error(`the invoice is in ${currency} with taxed lines, but gives no exchange rate to PLN: add cac:TaxExchangeRate (SourceCurrencyCode ${currency}, TargetCurrencyCode PLN, CalculationRate) — FA needs KursWaluty and the tax in PLN (art. 106e ust. 11)`, p('cac:TaxExchangeRate'));
    }
    // BT-111 (tax total in the tax currency) fits P_14_xW only when a single rate is taxed.
    const plnTotal = documentTaxTotals.find((t) => t.first('TaxAmount')?.attr('currencyID')?.toUpperCase() === 'PLN');
    const taxedBuckets = Object.keys(sourceVat) as VatBucket[];
    const plnAmount = plnTotal === undefined ? undefined : ublAmount(plnTotal, 'TaxAmount', report, false);
    const onlyBucket = taxedBuckets[0];
    if (plnAmount !== undefined && taxedBuckets.length === 1 && onlyBucket !== undefined) vatByRatePln[onlyBucket] = signed(plnAmount);
    else if (plnAmount !== undefined) report.assume('the VAT total in PLN (BT-111) covers several rates: P_14_xW computed from the exchange rate');
  }

  // Totals (BG-22): P_15 from the amount with VAT (BT-112).
  const monetary = root.first('LegalMonetaryTotal');
  if (monetary === undefined) report.warning('no cac:LegalMonetaryTotal (BG-22): totals are computed from the lines only', p('cac:LegalMonetaryTotal'));
  const grossTotal = monetary === undefined ? undefined : ublAmount(monetary, 'TaxInclusiveAmount', report, false);
  const prepaid = monetary === undefined ? undefined : ublAmount(monetary, 'PrepaidAmount', report, false);
  if (prepaid !== undefined && !/^[+-]?0*(\.0*)?$/.test(prepaid)) {
    report.warning(`PrepaidAmount ${prepaid} (BT-113) has no FA counterpart on this invoice: the amount due is not printed`, `${monetary?.path ?? ''}/cbc:PrepaidAmount`);
  }
  if (monetary?.first('PayableRoundingAmount') !== undefined) report.unmapped(`${monetary.path}/cbc:PayableRoundingAmount`);
  const sourceTotals: SourceTotals = {
    ...(Object.keys(sourceNet).length > 0 ? { netByRate: sourceNet } : {}),
    ...(Object.keys(sourceVat).length > 0 ? { vatByRate: sourceVat } : {}),
    ...(Object.keys(vatByRatePln).length > 0 ? { vatByRatePln } : {}),
    ...(grossTotal === undefined ? {} : { grossTotal: signed(grossTotal) }),
  };

  // Dates: delivery (BT-72) or tax point (BT-7) is P_6; otherwise the invoicing period (BG-14).
  const deliveryDate = ublDate(root.textOf('Delivery', 'ActualDeliveryDate'), p('cac:Delivery/cbc:ActualDeliveryDate'), report, false);
  const taxPointDate = ublDate(root.textOf('TaxPointDate'), p('cbc:TaxPointDate'), report, false);
  const saleDate = deliveryDate ?? taxPointDate;
  const periodNode = root.first('InvoicePeriod');
  const periodFrom = ublDate(periodNode?.textOf('StartDate'), p('cac:InvoicePeriod/cbc:StartDate'), report, false);
  const periodTo = ublDate(periodNode?.textOf('EndDate'), p('cac:InvoicePeriod/cbc:EndDate'), report, false);
  let salePeriod: { from: string; to: string } | undefined;
  if (periodFrom !== undefined && periodTo !== undefined) {
    if (saleDate === undefined) salePeriod = { from: periodFrom, to: periodTo };
    else report.unmapped(p('cac:InvoicePeriod'));
  } else if (periodNode !== undefined) report.unmapped(p('cac:InvoicePeriod'));
  if (root.find('Delivery', 'DeliveryLocation') !== undefined) report.unmapped(p('cac:Delivery/cac:DeliveryLocation'));

  // Corrections: BillingReference (BG-3) names the corrected invoice(s).
  const corrected: CorrectedInvoice[] = [];
  for (const ref of root.all('BillingReference')) {
    const doc = ref.first('InvoiceDocumentReference');
    if (doc === undefined) continue;
    const refNumber = doc.textOf('ID');
    const refDate = ublDate(doc.textOf('IssueDate'), `${doc.path}/cbc:IssueDate`, report, false);
    const uuid = doc.textOf('UUID');
    if (refNumber === undefined) continue;
    if (refDate === undefined) {
      if (kind === 'KOR') report.error(`the corrected invoice ${refNumber} has no issue date (cbc:IssueDate, BT-26): FA requires DataWystFaKorygowanej`, `${doc.path}/cbc:IssueDate`);
      continue;
    }
    const ksefNumber = uuid !== undefined && isValidKsefNumber(uuid) ? uuid : undefined;
    if (uuid !== undefined && ksefNumber === undefined) report.unmapped(`${doc.path}/cbc:UUID`);
    corrected.push({ number: refNumber, issueDate: refDate, ...(ksefNumber === undefined ? {} : { ksefNumber }) });
  }
  if (kind === 'KOR' && corrected.length === 0 && !report.hasErrors) {
    report.error('a credit note or corrected invoice must name the invoice it corrects: cac:BillingReference/cac:InvoiceDocumentReference with cbc:ID and cbc:IssueDate (BG-3)', p('cac:BillingReference'));
  }
  if (kind === 'KOR' && corrected.some((c) => c.ksefNumber === undefined)) {
    report.assume('corrected invoice without a KSeF number in cbc:UUID: treated as issued outside KSeF (NrKSeFN)');
  }
  const reason = root.textOf('DiscrepancyResponse', 'Description');

  // Notes (BT-22) go to the footer: FA has no invoice-level free-text note besides it.
  const notes = root.all('Note').map((n) => n.text()).filter((n): n is string => n !== undefined);
  if (notes.length > 3) report.warning(`${notes.length} notes: FA's footer holds 3; the rest were left out`, p('cbc:Note'));

  const payment = mapPayment(root, isCreditNote, report, p);

  if (report.hasErrors || number === undefined || issueDate === undefined || sellerNip === undefined || sellerParty?.name === undefined
    || sellerParty.address === undefined || buyerParty === undefined || buyerId === undefined) {
    return { draft: undefined, lineNumbers };
  }
  const seller: Seller = {
    nip: sellerNip,
    name: sellerParty.name,
    address: sellerParty.address,
    ...(sellerParty.contacts.length > 0 ? { contacts: sellerParty.contacts.slice(0, 3) } : {}),
    ...(lines.some((l) => l.vatRate === '0 WDT') ? { euVatPrefix: true } : {}),
  };
  const buyer: Buyer = {
    id: buyerId,
    ...(buyerParty.name === undefined ? {} : { name: buyerParty.name }),
    ...(buyerParty.address === undefined ? {} : { address: buyerParty.address }),
    ...(buyerParty.contacts.length > 0 ? { contacts: buyerParty.contacts.slice(0, 3) } : {}),
  };
  const draft: InvoiceDraft = {
    kind,
    number,
    issueDate,
    ...(saleDate === undefined || saleDate === issueDate ? {} : { saleDate }),
    ...(salePeriod === undefined ? {} : { salePeriod }),
    currency,
    ...(exchangeRate === undefined ? {} : { exchangeRate }),
    seller,
    buyer,
    lines,
    ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
    ...(payment === undefined ? {} : { payment }),
    ...(kind === 'KOR' ? { correction: { corrected, ...(reason === undefined ? {} : { reason }) } } : {}),
    ...(notes.length > 0 ? { footer: { texts: notes.slice(0, 3) } } : {}),
    ...(Object.keys(sourceTotals).length > 0 ? { sourceTotals } : {}),
  };
  return { draft, lineNumbers };
}

function mapLine(
  node: XmlNode,
  isCreditNote: boolean,
  buyerIsPolish: boolean,
  signed: (value: string) => string,
  report: DocumentReportBuilder,
  sourceLine: number | null,
): InvoiceLine | undefined {
  const errorsBefore = report.hasErrors;
  let failed = false;
  const fail = (message: string, field: string): void => {
    report.error(message, field, sourceLine);
    failed = true;
  };
  const label = `line ${node.textOf('ID') ?? '?'}`;
  const description = node.textOf('Item', 'Name');
  if (description === undefined) fail(`${label} has no item name (cac:Item/cbc:Name, BT-153)`, `${node.path}/cac:Item/cbc:Name`);
  const net = ublAmount(node, 'LineExtensionAmount', report, true, sourceLine);
  if (net === undefined) failed = true;
  const categoryId = node.textOf('Item', 'ClassifiedTaxCategory', 'ID');
  let vatRate: VatRate | undefined;
  if (categoryId === undefined) fail(`${label} has no VAT category (cac:ClassifiedTaxCategory/cbc:ID, BT-151)`, `${node.path}/cac:Item/cac:ClassifiedTaxCategory/cbc:ID`);
  else {
    const rate = ublTaxCategoryRate(categoryId, node.textOf('Item', 'ClassifiedTaxCategory', 'Percent'), buyerIsPolish);
    if (rate.ok) {
      vatRate = rate.rate;
      if (rate.assumption !== undefined) report.assume(rate.assumption);
    } else fail(`${label}: ${rate.message}`, `${node.path}/cac:Item/cac:ClassifiedTaxCategory`);
  }
  const quantityNode = node.first(isCreditNote ? 'CreditedQuantity' : 'InvoicedQuantity');
  const quantityText = quantityNode?.text();
  let quantity: string | undefined;
  if (quantityText !== undefined) {
    const parsed = parseAmount(quantityText, { decimalSeparator: '.', thousandsSeparator: '' });
    if (parsed.ok) quantity = signed(parsed.value);
    else fail(`${label} quantity: ${parsed.message}`, quantityNode?.path ?? node.path);
  }
  const unitCode = quantityNode?.attr('unitCode');
  let unit: string | undefined;
  if (unitCode !== undefined) {
    unit = ublUnitName(unitCode) ?? unitCode;
    if (ublUnitName(unitCode) === undefined) report.assume(`unit code ${unitCode} (UN/ECE Rec. 20) printed as it is`);
  }
  let unitPriceNet: string | undefined;
  const priceNode = node.first('Price');
  if (priceNode !== undefined) {
    const price = ublAmount(priceNode, 'PriceAmount', report, false, sourceLine);
    const base = priceNode.textOf('BaseQuantity');
    if (base === undefined || /^\+?0*1(\.0*)?$/.test(base)) unitPriceNet = price;
    else report.assume(`${label}: the price is per ${base} units (BT-149); the unit price was left out, the line value kept`);
    if (priceNode.first('AllowanceCharge') !== undefined) report.unmapped(`${priceNode.path}/cac:AllowanceCharge`);
  }
  // Line allowances (BG-27) are already deducted in BT-131; FA shows them as the discount P_10.
  const allowances = node.all('AllowanceCharge');
  let discount: string | undefined;
  if (allowances.length > 0) {
    if (allowances.every((a) => a.textOf('ChargeIndicator')?.toLowerCase() === 'false')) {
      const amounts = allowances.map((a) => ublAmount(a, 'Amount', report, true, sourceLine)).filter((a): a is string => a !== undefined);
      discount = addAmounts(...amounts);
    } else report.unmapped(`${node.path}/cac:AllowanceCharge`);
  }
  for (const name of ['Note', 'InvoicePeriod', 'OrderLineReference', 'DocumentReference', 'AccountingCost']) {
    if (node.first(name) !== undefined) report.unmapped(`${node.path}/${name === 'Note' || name === 'AccountingCost' ? 'cbc' : 'cac'}:${name}`);
  }
  const item = node.first('Item');
  for (const name of ['Description', 'BuyersItemIdentification', 'OriginCountry', 'AdditionalItemProperty']) {
    if (item?.first(name) !== undefined) report.unmapped(`${item.path}/${name === 'Description' ? 'cbc' : 'cac'}:${name}`);
  }
  const index = node.textOf('Item', 'SellersItemIdentification', 'ID');
  const standardId = node.find('Item', 'StandardItemIdentification', 'ID');
  const gtin = standardId?.attr('schemeID') === '0160' ? standardId.text() : undefined;
  if (standardId !== undefined && gtin === undefined) report.unmapped(standardId.path);
  let cn: string | undefined;
  for (const code of item?.all('CommodityClassification').map((c) => c.first('ItemClassificationCode')) ?? []) {
    if (code === undefined) continue;
    if (code.attr('listID') === 'HS' && cn === undefined) cn = code.text();
    else report.unmapped(code.path);
  }
  if (failed || (report.hasErrors && !errorsBefore) || net === undefined) return undefined;
  return {
    ...(description === undefined ? {} : { description }),
    ...(unit === undefined ? {} : { unit }),
    ...(quantity === undefined ? {} : { quantity }),
    ...(unitPriceNet === undefined ? {} : { unitPriceNet }),
    ...(discount === undefined ? {} : { discount }),
    netValue: signed(net),
    ...(vatRate === undefined ? {} : { vatRate }),
    ...(index === undefined ? {} : { index }),
    ...(gtin === undefined ? {} : { gtin }),
    ...(cn === undefined ? {} : { cn }),
  };
}

function mapPayment(root: XmlNode, isCreditNote: boolean, report: DocumentReportBuilder, p: (local: string) => string): Payment | undefined {
  const means = root.all('PaymentMeans');
  const dueDateText = isCreditNote ? means.map((m) => m.textOf('PaymentDueDate')).find((d) => d !== undefined) : root.textOf('DueDate');
  const dueDate = ublDate(dueDateText, isCreditNote ? p('cac:PaymentMeans/cbc:PaymentDueDate') : p('cbc:DueDate'), report, false);
  const bankAccounts: BankAccount[] = [];
  let method: PaymentMethod | { other: string } | undefined;
  for (const m of means) {
    const code = m.textOf('PaymentMeansCode');
    if (code !== undefined && method === undefined) {
      method = paymentMethods[code];
      if (method === undefined) report.unmapped(`${m.path}/cbc:PaymentMeansCode (${code})`);
    }
    const account = m.first('PayeeFinancialAccount');
    const iban = account?.textOf('ID')?.replace(/\s/g, '');
    if (iban !== undefined) {
      if (iban.length < 10 || iban.length > 34) {
        report.warning(`account number "${iban}" is not 10–34 characters (FA's NrRB): left out`, `${account?.path ?? m.path}/cbc:ID`);
      } else {
        const swift = account?.textOf('FinancialInstitutionBranch', 'ID');
        const name = account?.textOf('Name');
        bankAccounts.push({ number: iban, ...(swift === undefined ? {} : { swift }), ...(name === undefined ? {} : { description: name }) });
      }
    }
    if (m.textOf('PaymentID') !== undefined) report.unmapped(`${m.path}/cbc:PaymentID`);
    if (m.first('CardAccount') !== undefined) report.unmapped(`${m.path}/cac:CardAccount`);
    if (m.first('PaymentMandate') !== undefined) report.unmapped(`${m.path}/cac:PaymentMandate`);
  }
  if (dueDate === undefined && method === undefined && bankAccounts.length === 0) return undefined;
  return {
    ...(dueDate === undefined ? {} : { dueDates: [{ date: dueDate }] }),
    ...(method === undefined ? {} : { method }),
    ...(bankAccounts.length > 0 ? { bankAccounts } : {}),
  };
}

/** The seller's NIP from BT-31 (`PL` + 10 digits) or a 9945 endpoint; undefined when neither is Polish. */
function sellerNipOf(party: ReturnType<typeof readUblParty> | undefined): string | undefined {
  if (party === undefined) return undefined;
  for (const candidate of [party.vatNumber, party.endpoint?.scheme === '9945' ? party.endpoint.id : undefined]) {
    if (candidate === undefined) continue;
    const id = partyIdFromTaxNumber(candidate, party.countryCode ?? 'PL');
    if ('nip' in id) return id.nip;
  }
  return undefined;
}

function buyerIdOf(party: ReturnType<typeof readUblParty>, report: DocumentReportBuilder): Buyer['id'] {
  if (party.vatNumber !== undefined) return partyIdFromTaxNumber(party.vatNumber, party.countryCode);
  if (party.legalId !== undefined) {
    const id = partyIdFromTaxNumber(party.legalId, party.countryCode);
    report.assume(`buyer identified by its legal registration id (BT-47) "${party.legalId}": no VAT number (BT-48)`);
    return id;
  }
  report.assume('the buyer has no VAT or registration identifier: BrakID (consumer or unidentified buyer)');
  return { none: true };
}

/** Exact sum of decimal texts. */
function addAmounts(...values: readonly string[]): string {
  return values.reduce((sum, v) => sum.add(Decimal.parse(v)), Decimal.zero).toString();
}

/** The amount with its sign flipped. */
function negateAmount(value: string): string {
  return Decimal.parse(value).neg().toString();
}

/** A UBL amount child (`xsd:decimal`) as plain decimal text; an error names the field when it is malformed or missing. */
function ublAmount(node: XmlNode, child: string, report: DocumentReportBuilder, required: boolean, line: number | null = null): string | undefined {
  const element = node.first(child);
  const text = element?.text();
  const field = `${node.path}/cbc:${child}`;
  if (text === undefined) {
    if (required) report.error(`${field} is missing`, field, line);
    return undefined;
  }
  const parsed = parseAmount(text, { decimalSeparator: '.', thousandsSeparator: '' });
  if (!parsed.ok) {
    report.error(`${field}: ${parsed.message}`, field, line);
    return undefined;
  }
  return parsed.value;
}

/** An `xsd:date` (optionally with a zone) as `YYYY-MM-DD`. */
function ublDate(text: string | undefined, field: string, report: DocumentReportBuilder, required: boolean): string | undefined {
  if (text === undefined) {
    if (required) report.error(`${field} is missing (YYYY-MM-DD)`, field);
    return undefined;
  }
  const match = /^(\d{4}-\d{2}-\d{2})(Z|[+-]\d{2}:\d{2})?$/.exec(text);
  if (!match?.[1]) {
    report.error(`${field}: "${text.slice(0, 40)}" is not a date (YYYY-MM-DD)`, field);
    return undefined;
  }
  return match[1];
}
