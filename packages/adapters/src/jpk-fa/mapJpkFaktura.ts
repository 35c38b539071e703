import {
  Decimal, isValidNip, vatBucketOf,
  type AdvanceAmounts, type Annotations, type InvoiceDraft, type InvoiceKind, type InvoiceLine, type MarginScheme,
  type OrderLine, type Seller, type SourceTotals, type VatBucket, type VatRate,
} from '@ksef-connect/core';
import type { DocumentReportBuilder } from '../report/DocumentReportBuilder.js';
import { partyIdFromTaxNumber } from '../parties/partyIdFromTaxNumber.js';
import type { XmlNode } from '../xml/XmlNode.js';
import type { JpkFaVersion } from './jpkFaVersion.js';
import { jpkVatRate, type JpkRateContext } from './jpkVatRate.js';

/** A `FakturaWiersz` (or `ZamowienieWiersz`) with its line in the source text. */
export interface JpkRow {
  readonly node: XmlNode;
  readonly line: number | null;
}

/** What `mapJpkFaktura` needs from the rest of the file. */
export interface JpkFileContext {
  readonly version: JpkFaVersion;
  /** `Podmiot1`: the filer, i.e. the seller of a sales JPK_FA. */
  readonly seller: Seller | undefined;
  /** The file's invoices by number (`P_2A`): kind and issue date, to complete corrections. */
  readonly invoices: ReadonlyMap<string, { readonly kind: string; readonly issueDate: string | undefined }>;
  /** `FakturaWiersz` rows by invoice number (`P_2B`). */
  readonly rowsByInvoice: ReadonlyMap<string, readonly JpkRow[]>;
  /** `Zamowienie` by invoice number (`P_2AZ`). */
  readonly ordersByInvoice: ReadonlyMap<string, XmlNode>;
}

// JPK_FA buckets → FA(3) buckets (XSD annotations): 1–3 are the same; JPK's P_13_4 holds both the
// domestic reverse charge (FA bucket 10) and the taxi flat rate (FA bucket 4); P_13_5 is "outside
// the country" (FA 8 or 9); P_13_6 is every 0% (FA 6_1/6_2/6_3); P_13_7 is exempt.
const directBuckets: readonly [string, VatBucket][] = [['1', '1'], ['2', '2'], ['3', '3']];

/** Maps one `Faktura` to a draft; `report` collects what was assumed and what went wrong. */
export function mapJpkFaktura(
  faktura: XmlNode, line: number | null, file: JpkFileContext, report: DocumentReportBuilder,
): { draft: InvoiceDraft | undefined; lineNumbers: (number | null)[] } {
  const text = (name: string): string | undefined => faktura.textOf(name);
  const field = (name: string): string => `${faktura.path}/${name}`;
  const number = text('P_2A');
  report.number = number ?? null;
  if (number === undefined) report.error('the invoice number is missing (it becomes P_2)', field('P_2A'), line);
  const issueDate = date(text('P_1'), field('P_1'), line, report, true);
  const saleDate = date(text('P_6'), field('P_6'), line, report, false);
  const bool = (name: string): boolean => (text(name) ?? 'false').toLowerCase() === 'true' || text(name) === '1';
  const money = (name: string, node: XmlNode = faktura, at: number | null = line): string | undefined => {
    const value = node.textOf(name);
    if (value === undefined) return undefined;
    if (!Decimal.isDecimal(value) || (value.split('.')[1] ?? '').length > 2) {
      report.error(`"${value.slice(0, 30)}" is not an amount with at most 2 decimals`, `${node.path}/${name}`, at);
      return undefined;
    }
    if ((value.replace(/^[+-]/, '').split('.')[0] ?? '').replace(/^0+(?=\d)/, '').length > 16) {
      report.error(`${value.slice(0, 30)} is beyond the largest amount FA(3) accepts (16 digits before the point)`, `${node.path}/${name}`, at);
      return undefined;
    }
    return Decimal.parse(value).toFixed(2);
  };

  // Kind.
  const rodzaj = text('RodzajFaktury');
  let kind: InvoiceKind;
  const advanceNumbers = text('NrFaZaliczkowej');
  if (rodzaj === 'VAT') kind = advanceNumbers === undefined ? 'VAT' : 'ROZ';
  else if (rodzaj === 'ZAL') kind = 'ZAL';
  else if (rodzaj === 'KOREKTA') {
    const corrected = file.invoices.get(text('NrFaKorygowanej') ?? '');
    kind = corrected?.kind === 'ZAL' ? 'KOR_ZAL' : 'KOR';
    if (kind === 'KOR_ZAL') report.assume('the corrected invoice in this file is an advance invoice (ZAL): written as KOR_ZAL');
  } else {
    report.error(`RodzajFaktury "${(rodzaj ?? '').slice(0, 20)}" is not VAT, KOREKTA or ZAL`, field('RodzajFaktury'), line);
    kind = 'VAT';
  }
  if (kind === 'ROZ') report.assume('RodzajFaktury VAT with NrFaZaliczkowej: a settlement of advances (art. 106f ust. 3), written as ROZ');

  // Seller: Podmiot1 gives the structured address; the invoice's own P_3C/P_4B win for name and NIP.
  let seller = file.seller;
  if (seller) {
    const invoiceNip = text('P_4B')?.replace(/[\s-]/g, '');
    if (invoiceNip !== undefined && invoiceNip !== seller.nip) {
      report.warning(`the invoice's seller NIP ${invoiceNip} differs from Podmiot1's ${seller.nip}: the invoice's was used`, field('P_4B'), line);
      if (!/^\d{10}$/.test(invoiceNip) || !isValidNip(invoiceNip)) report.error(`the seller's NIP ${invoiceNip.slice(0, 20)} is not a valid NIP`, field('P_4B'), line);
      seller = { ...seller, nip: invoiceNip };
    }
    const name = text('P_3C');
    if (name !== undefined && name !== seller.name) seller = { ...seller, name };
    if (text('P_4A') === 'PL') seller = { ...seller, euVatPrefix: true };
  } else {
    report.error("the seller is unknown: Podmiot1 has no valid NIP or address", 'Podmiot1', null);
  }
  if (text('P_3D') !== undefined) report.assume("seller's address taken from Podmiot1 (structured); the invoice's P_3D text was not used");

  // Buyer.
  const buyerPrefix = text('P_5A')?.toUpperCase();
  const buyerNumber = text('P_5B');
  const buyerName = text('P_3A');
  const buyerAddress = text('P_3B');
  let buyerCountry = buyerPrefix !== undefined && buyerPrefix !== 'PL' ? (buyerPrefix === 'EL' ? 'GR' : buyerPrefix) : 'PL';
  if (buyerPrefix === undefined) report.assume("the buyer's country is not in JPK_FA (no P_5A): taken as PL");
  const id = buyerNumber === undefined
    ? { none: true as const }
    : partyIdFromTaxNumber(buyerPrefix !== undefined && !/^[A-Z]{2}/.test(buyerNumber) ? `${buyerPrefix}${buyerNumber}` : buyerNumber, buyerCountry);
  if ('nip' in id && (!/^\d{10}$/.test(id.nip) || !isValidNip(id.nip))) report.error(`the buyer's NIP "${id.nip.slice(0, 20)}" is not a valid NIP`, field('P_5B'), line);
  if ('foreignId' in id && id.foreignId.countryCode !== undefined) buyerCountry = id.foreignId.countryCode;
  if (buyerNumber === undefined) report.assume('the buyer has no tax number (no P_5B): written as BrakID');
  // P_3A/P_3B may be left out only on a simplified invoice (art. 106e ust. 5 pkt 3): that is UPR in FA(3).
  if (buyerName === undefined && kind === 'VAT') {
    kind = 'UPR';
    report.assume('no buyer name (P_3A) on a VAT invoice: a simplified invoice (art. 106e ust. 5 pkt 3), written as UPR');
  }
  if (buyerName === undefined && kind !== 'UPR') report.error("the buyer's name is missing", field('P_3A'), line);
  if (buyerAddress === undefined && kind !== 'UPR') report.error("the buyer's address is missing", field('P_3B'), line);
  else if (buyerAddress !== undefined) report.assume("the buyer's address is one text in JPK_FA (P_3B): written as AdresL1");

  // Annotations (P_16 … P_23, P_106E_2/3).
  const reverseCharge = bool('P_18');
  const rateContext: JpkRateContext = { buyerEuPrefix: buyerPrefix, reverseCharge };
  const annotations: { -readonly [K in keyof Annotations]: Annotations[K] } = {};
  if (bool('P_16')) annotations.cashAccounting = true;
  if (bool('P_17')) annotations.selfBilling = true;
  if (reverseCharge) annotations.reverseCharge = true;
  if (bool('P_23')) annotations.triangularProcedure = true;
  if (bool('P_19')) {
    const basis = text('P_19A') !== undefined ? { source: 'act' as const, text: text('P_19A') ?? '' }
      : text('P_19B') !== undefined ? { source: 'directive' as const, text: text('P_19B') ?? '' }
        : text('P_19C') !== undefined ? { source: 'other' as const, text: text('P_19C') ?? '' } : undefined;
    if (basis) annotations.exemption = basis;
    else report.error('P_19 is true but none of P_19A, P_19B, P_19C gives the legal basis of the exemption', field('P_19'), line);
  }
  let margin: MarginScheme | undefined;
  if (bool('P_106E_2')) margin = 'travel-agency';
  if (bool('P_106E_3')) {
    const what = (text('P_106E_3A') ?? '').toLowerCase();
    margin = what.includes('dzieła') || what.includes('dziela') ? 'works-of-art' : what.includes('kolekcjoner') || what.includes('antyk') ? 'antiques' : 'used-goods';
    if (what === '') report.assume('P_106E_3 without P_106E_3A: taken as used goods');
  }
  if (margin) annotations.margin = margin;
  if (bool('P_20')) report.unmapped('P_20/P_20A/P_20B (enforcement authority: FA(3) needs its NIP as PodmiotUpowazniony, JPK_FA has none)');
  if (bool('P_21')) report.unmapped('P_21/P_21A/P_21B/P_21C (tax representative: FA(3) needs its NIP and address as PodmiotUpowazniony)');
  if (bool('P_22')) report.error('P_22 (intra-Community supply of new means of transport) is not supported by the invoice model', field('P_22'), line);
  if (money('P_14_5') !== undefined) report.error('P_14_5 (OSS / special procedures tax) is not supported: its lines carry P_12_XII', field('P_14_5'), line);

  // Lines.
  const rows = number === undefined ? [] : (file.rowsByInvoice.get(number) ?? []);
  const lines: InvoiceLine[] = [];
  const lineNumbers: (number | null)[] = [];
  const rates = new Set<VatRate>();
  for (const row of rows) {
    const n = row.node;
    const at = (name: string): string => `${n.path}/${name}`;
    if (n.textOf('P_12_XII') !== undefined) {
      report.error('P_12_XII (OSS rate of another member state) is not supported', at('P_12_XII'), row.line);
      continue;
    }
    let vatRate: VatRate | undefined;
    const p12 = n.textOf('P_12');
    if (p12 !== undefined) {
      const rate = jpkVatRate(p12, rateContext);
      if (!rate.ok) {
        report.error(rate.message, at('P_12'), row.line);
        continue;
      }
      if (rate.assumption) report.assume(rate.assumption);
      vatRate = rate.rate;
      rates.add(rate.rate);
    } else if (!margin) {
      report.error('the line has no rate (P_12)', at('P_12'), row.line);
      continue;
    }
    const quantity = n.textOf('P_8B');
    if (quantity !== undefined && !Decimal.isDecimal(quantity)) report.error(`quantity "${quantity.slice(0, 20)}" is not a number`, at('P_8B'), row.line);
    const unitNet = n.textOf('P_9A');
    const unitGross = n.textOf('P_9B');
    for (const [name, value] of [['P_9A', unitNet], ['P_9B', unitGross]] as const) {
      if (value !== undefined && !Decimal.isDecimal(value)) report.error(`unit price "${value.slice(0, 20)}" is not a number`, at(name), row.line);
    }
    const value = {
      description: n.textOf('P_7'), unit: n.textOf('P_8A'), quantity,
      unitPriceNet: unitNet, unitPriceGross: unitGross, discount: money('P_10', n, row.line),
      netValue: money('P_11', n, row.line), grossValue: money('P_11A', n, row.line), vatRate,
    };
    lines.push(Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as InvoiceLine);
    lineNumbers.push(row.line);
  }
  if (kind !== 'ZAL' && rows.length === 0 && number !== undefined) {
    report.error(`no FakturaWiersz has P_2B "${number}"`, field('P_2A'), line);
  }
  if (rates.has('zw') && !annotations.exemption) {
    report.error('the invoice has exempt (zw) lines but P_19 is not true with a legal basis (P_19A/B/C)', field('P_19'), line);
  }
  if (isCorrection(kind) && lines.length > 0) report.assume('the lines of a JPK_FA correction are taken as the differences it makes (JPK_FA has no before/after state)');

  // Totals: JPK buckets → FA buckets.
  const netByRate: Partial<Record<VatBucket, string>> = {};
  const vatByRate: Partial<Record<VatBucket, string>> = {};
  const vatByRatePln: Partial<Record<VatBucket, string>> = {};
  const put = (bucket: VatBucket, jpk: string, taxed: boolean): void => {
    const net = money(`P_13_${jpk}`);
    if (net !== undefined) netByRate[bucket] = net;
    if (!taxed) return;
    const vat = money(`P_14_${jpk}`);
    if (vat !== undefined) vatByRate[bucket] = vat;
    const pln = money(`P_14_${jpk}W`);
    if (pln !== undefined) vatByRatePln[bucket] = pln;
  };
  for (const [jpk, bucket] of directBuckets) put(bucket, jpk, true);
  if (text('P_13_4') !== undefined) {
    const taxi = rates.has('4') || rates.has('3');
    if (taxi && rates.has('oo')) report.warning('P_13_4 holds both the taxi flat rate and reverse charge: not checked against the lines', field('P_13_4'), line);
    else put(taxi ? '4' : '10', '4', taxi);
  }
  if (text('P_13_5') !== undefined) put(rates.has('np II') ? '9' : '8', '5', false);
  if (text('P_13_6') !== undefined) {
    const zeroRates = ['0 KR', '0 WDT', '0 EX'].filter((r) => rates.has(r as VatRate)) as VatRate[];
    if (zeroRates.length === 1 && zeroRates[0] !== undefined) put(vatBucketOf(zeroRates[0]), '6', false);
    else report.warning('P_13_6 could not be matched to one FA(3) 0% bucket: not checked against the lines', field('P_13_6'), line);
  }
  put('7', '7', false);
  const gross = money('P_15');
  if (gross === undefined && text('P_15') === undefined) report.error('the total (P_15) is missing', field('P_15'), line);

  // Currency and exchange rate: JPK_FA has no rate, but P_14_xW / P_14_x gives it back.
  const currency = (text('KodWaluty') ?? 'PLN').toUpperCase();
  let exchangeRate: string | undefined;
  if (currency !== 'PLN') {
    const pair = (['1', '2', '3', '4', '5'] as const)
      .map((b) => [vatByRate[b], vatByRatePln[b]] as const)
      .find(([vat, pln]) => vat !== undefined && pln !== undefined && !Decimal.parse(vat).isZero());
    if (pair && pair[0] !== undefined && pair[1] !== undefined) {
      exchangeRate = Decimal.parse(pair[1]).div(Decimal.parse(pair[0]), 6).toString();
      report.assume(`exchange rate not in JPK_FA: derived as P_14_xW / P_14_x = ${exchangeRate} PLN per ${currency}`);
    } else if (Object.keys(vatByRate).length > 0) {
      report.error(`the invoice is in ${currency} with VAT, but no P_14_xW gives the PLN tax to derive the exchange rate from`, field('KodWaluty'), line);
    }
  }

  // Kind-specific parts.
  let correction: InvoiceDraft['correction'];
  if (isCorrection(kind)) {
    const correctedNumber = text('NrFaKorygowanej');
    const corrected = file.invoices.get(correctedNumber ?? '');
    if (correctedNumber === undefined) report.error('the number of the corrected invoice is missing', field('NrFaKorygowanej'), line);
    else if (corrected?.issueDate === undefined) {
      report.error(`the issue date of the corrected invoice ${correctedNumber} is not in JPK_FA, and that invoice is not in this file (FA(3) requires DataWystFaKorygowanej)`, field('NrFaKorygowanej'), line);
    } else {
      const reason = text('PrzyczynaKorekty');
      const period = text('OkresFaKorygowanej');
      correction = { ...(reason ? { reason } : {}), ...(period ? { period } : {}), corrected: [{ issueDate: corrected.issueDate, number: correctedNumber }] };
      report.assume(`the corrected invoice's issue date (${corrected.issueDate}) was taken from the same file; it is taken as issued outside KSeF`);
    }
  }
  let advance: InvoiceDraft['advance'];
  if (kind === 'ZAL') {
    const order = number === undefined ? undefined : file.ordersByInvoice.get(number);
    if (!order) report.error(`advance invoice ${number ?? ''}: no Zamowienie has P_2AZ equal to its number`, field('P_2A'), line);
    else if (gross !== undefined) {
      const orderLines: OrderLine[] = [];
      for (const row of order.all('ZamowienieWiersz')) {
        const p12 = row.textOf('P_12Z');
        const rate = p12 === undefined ? undefined : jpkVatRate(p12, rateContext);
        const net = money('P_11NettoZ', row, line);
        if (!rate?.ok || net === undefined) {
          report.error(rate && !rate.ok ? rate.message : 'an order line needs P_11NettoZ and P_12Z', row.path, line);
          continue;
        }
        const vat = money('P_11VatZ', row, line);
        const values = { description: row.textOf('P_7Z'), unit: row.textOf('P_8AZ'), quantity: row.textOf('P_8BZ'), unitPriceNet: row.textOf('P_9AZ'), netValue: net, vatAmount: vat, vatRate: rate.rate };
        orderLines.push(Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as unknown as OrderLine);
      }
      const orderValue = money('WartoscZamowienia', order, line);
      advance = { amount: gross, ...(saleDate ? { receivedOn: saleDate } : {}), order: { ...(orderValue ? { value: orderValue } : {}), lines: orderLines } };
    }
  }
  let settlement: InvoiceDraft['settlement'];
  if (kind === 'ROZ') settlement = settlementOf(advanceNumbers ?? '', lines, netByRate, vatByRate, report, field('NrFaZaliczkowej'), line);

  const sourceTotals: SourceTotals = {
    ...(Object.keys(netByRate).length > 0 && !margin && kind !== 'ZAL' ? { netByRate } : {}),
    ...(Object.keys(vatByRate).length > 0 && !margin && kind !== 'ZAL' ? { vatByRate } : {}),
    ...(Object.keys(vatByRatePln).length > 0 && kind !== 'ZAL' ? { vatByRatePln } : {}),
    ...(gross === undefined || kind === 'ZAL' ? {} : { grossTotal: gross }),
  };
  if (report.hasErrors || number === undefined || issueDate === undefined || !seller) return { draft: undefined, lineNumbers };
  const draft: InvoiceDraft = {
    kind,
    number,
    issueDate,
    ...(saleDate !== undefined && saleDate !== issueDate && kind !== 'ZAL' ? { saleDate } : {}),
    ...(currency === 'PLN' ? {} : { currency, ...(exchangeRate ? { exchangeRate } : {}) }),
    seller,
    buyer: {
      id,
      ...(buyerName === undefined ? {} : { name: buyerName }),
      ...(buyerAddress === undefined ? {} : { address: { countryCode: buyerCountry, line1: buyerAddress } }),
    },
    lines: kind === 'ZAL' ? [] : lines,
    ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
    ...(bool('P_18A') ? { payment: { splitPayment: true } } : {}),
    ...(correction ? { correction } : {}),
    ...(advance ? { advance } : {}),
    ...(settlement ? { settlement } : {}),
    ...(Object.keys(sourceTotals).length > 0 ? { sourceTotals } : {}),
  };
  return { draft, lineNumbers };
}

function isCorrection(kind: InvoiceKind): boolean {
  return kind === 'KOR' || kind === 'KOR_ZAL' || kind === 'KOR_ROZ';
}

function date(value: string | undefined, field: string, line: number | null, report: DocumentReportBuilder, required: boolean): string | undefined {
  if (value === undefined) {
    if (required) report.error('the issue date is missing (it becomes P_1)', field, line);
    return undefined;
  }
  const parsed = new Date(`${value}T00:00:00Z`);
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value);
  if (!valid) {
    report.error(`"${value.slice(0, 20)}" is not a date (YYYY-MM-DD)`, field, line);
    return undefined;
  }
  return value;
}

/**
 * ROZ: JPK_FA lists the advance invoices' numbers (`NrFaZaliczkowej`) but not their amounts; per rate
 * they are what the lines give minus what remains (`P_13_x`, `P_14_x`).
 */
function settlementOf(
  numbers: string, lines: readonly InvoiceLine[], netByRate: Partial<Record<VatBucket, string>>,
  vatByRate: Partial<Record<VatBucket, string>>, report: DocumentReportBuilder, field: string, line: number | null,
): InvoiceDraft['settlement'] {
  const advanceInvoices = numbers.split(/[,;]\s*/).map((n) => n.trim()).filter((n) => n !== '').map((n) => ({ number: n }));
  const sums = new Map<VatRate, Decimal>();
  for (const l of lines) {
    if (l.vatRate === undefined || l.netValue === undefined) continue;
    sums.set(l.vatRate, (sums.get(l.vatRate) ?? Decimal.zero).add(Decimal.parse(l.netValue)));
  }
  const advances: AdvanceAmounts[] = [];
  for (const [rate, sum] of sums) {
    const bucket = vatBucketOf(rate);
    const remaining = netByRate[bucket];
    if (remaining === undefined) continue;
    const percent = /^\d+$/.test(rate) ? Decimal.parse(rate) : undefined;
    const vat = percent === undefined ? Decimal.zero : sum.mul(percent).div(Decimal.of(100n), 2);
    const net = sum.sub(Decimal.parse(remaining));
    const advanceVat = vat.sub(Decimal.parse(vatByRate[bucket] ?? '0'));
    if (!net.isZero()) advances.push({ vatRate: rate, net: net.toFixed(2), vat: advanceVat.toFixed(2) });
  }
  report.assume(`settlement invoice: the advances per rate (${advances.map((a) => `${a.vatRate}: ${a.net} + ${a.vat}`).join(', ') || 'none'}) are the lines' totals minus P_13_x/P_14_x; the advance invoices are taken as issued outside KSeF`);
  if (advanceInvoices.length === 0) report.error('NrFaZaliczkowej names no advance invoice', field, line);
  return { advanceInvoices, advances };
}
