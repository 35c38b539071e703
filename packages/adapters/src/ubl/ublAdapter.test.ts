import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { renderInvoice, validateInvoice } from '@ksef-connect/core';
import { runAdapterContract } from '../contract/runAdapterContract.js';
import { invoiceXsdPath, xmllintErrors } from '../../../../test/support/xmllint.js';
import type { AdapterResult } from '../Adapter.js';
import { ublAdapter } from './ublAdapter.js';
import { ublTaxCategoryRate } from './ublTaxCategory.js';

const fixtures = fileURLToPath(new URL('./__fixtures__/', import.meta.url));
const golden = fileURLToPath(new URL('./__golden__/', import.meta.url));
const now = new Date('2026-02-01T00:00:00Z');
const read = (name: string): Uint8Array => new Uint8Array(readFileSync(path.join(fixtures, name)));
const fixture = (name: string) => ({ name, bytes: read(name) });
const valid = readdirSync(fixtures).filter((f) => !f.startsWith('hostile-')).sort();
const hostile = readdirSync(fixtures).filter((f) => f.startsWith('hostile-')).sort();

runAdapterContract(ublAdapter, { valid: valid.map(fixture), hostile: hostile.map(fixture), now });

const map = (name: string, options = {}): AdapterResult => ublAdapter.map(fixture(name), options);
const issuesOf = (result: AdapterResult) => [...result.report.issues, ...result.report.documents.flatMap((d) => d.issues)];

describe('UBL golden FA(3) files', () => {
  it.each(valid)('%s renders to its golden file, valid for core and for xmllint', (name) => {
    const { drafts } = map(name);
    expect(drafts).toHaveLength(1);
    const { xml } = renderInvoice(drafts[0]!, { now });
    const file = path.join(golden, name.replace(/\.xml$/, '.fa3.xml'));
    if (process.env['UPDATE_GOLDEN'] === '1' || !existsSync(file)) writeFileSync(file, xml);
    expect(xml).toBe(readFileSync(file, 'utf8'));
    expect(validateInvoice(new TextEncoder().encode(xml), { form: 'FA (3)', now }).errors).toEqual([]);
    expect(xmllintErrors(readFileSync(file), invoiceXsdPath('FA (3)'))).toBe('');
  });
});

describe('UBL mapping', () => {
  it('reads parties, lines, allowances, exemption and payment of a domestic invoice', () => {
    const { drafts, report } = map('invoice-domestic-mixed-rates.xml');
    const draft = drafts[0]!;
    expect(draft.seller).toMatchObject({ nip: '7271002457', name: 'Hurtownia Papiernicza „Kartka” Sp. z o.o.' });
    expect(draft.buyer).toMatchObject({ id: { nip: '9512345675' }, address: { countryCode: 'PL', line1: 'al. Jerozolimskie 65/79, lok. 12', line2: '00-697 Warszawa' } });
    expect(draft.lines.map((l) => l.vatRate)).toEqual(['23', '8', '5', 'zw', '23']);
    expect(draft.lines[0]).toMatchObject({ quantity: '20', unitPriceNet: '75.00', discount: '100', netValue: '1400.00', gtin: '5901234123457', cn: '48025620', unit: 'karton' });
    expect(draft.lines[4]).toEqual({ description: 'Transport', netValue: '50.00', vatRate: '23' });
    expect(draft.annotations?.exemption).toEqual({ source: 'act', text: 'art. 43 ust. 1 pkt 29 lit. c ustawy o VAT' });
    expect(draft.payment).toEqual({
      dueDates: [{ date: '2025-03-28' }],
      method: 'transfer',
      bankAccounts: [{ number: 'PL61109010140000071219812874', swift: 'WBKPPLPP', description: 'Rachunek główny' }],
    });
    expect(draft.saleDate).toBe('2025-03-12');
    expect(draft.sourceTotals).toEqual({
      netByRate: { '1': '1450', '2': '260.4', '3': '140.8', '7': '300' },
      vatByRate: { '1': '333.5', '2': '20.83', '3': '7.04' },
      grossTotal: '2512.57',
    });
    expect(report.documents[0]?.unmappedFields).toEqual(expect.arrayContaining(['Invoice/cac:OrderReference', 'Invoice/cbc:BuyerReference', 'Invoice/cac:PaymentMeans/cbc:PaymentID']));
  });

  it('maps a CreditNote to KOR with the corrected invoice and negated amounts', () => {
    const draft = map('creditnote-partial-return.xml').drafts[0]!;
    expect(draft.kind).toBe('KOR');
    expect(draft.correction).toEqual({
      corrected: [{ number: 'FV/2025/03/0117', issueDate: '2025-03-14', ksefNumber: '7271002457-20250303-4A1B2C3D4E5F-D2' }],
      reason: 'Zwrot uszkodzonego towaru',
    });
    expect(draft.lines[0]).toMatchObject({ quantity: '-3', netValue: '-210', unitPriceNet: '70.00' });
    expect(draft.sourceTotals?.grossTotal).toBe('-258.3');
  });

  it('maps a foreign-currency EU invoice: EU VAT buyer, exchange rate, period, PL prefix for WDT', () => {
    const draft = map('invoice-eu-buyer-eur.xml').drafts[0]!;
    expect(draft).toMatchObject({ currency: 'EUR', exchangeRate: '4.2537', salePeriod: { from: '2025-03-01', to: '2025-03-31' } });
    expect(draft.buyer.id).toEqual({ euVat: { countryCode: 'DE', number: '298765431' } });
    expect(draft.seller.euVatPrefix).toBe(true);
    expect(draft.lines.map((l) => l.vatRate)).toEqual(['0 WDT', 'np II', '23']);
    expect(draft.sourceTotals?.vatByRatePln).toEqual({ '1': '117.40' });
  });

  it('lets --seller-nip replace the document seller NIP, with a warning', () => {
    const result = map('invoice-domestic-mixed-rates.xml', { sellerNip: '1132047855' });
    expect(result.drafts[0]?.seller.nip).toBe('1132047855');
    expect(issuesOf(result)).toEqual([expect.objectContaining({ severity: 'warning', message: expect.stringContaining('1132047855') })]);
  });

  it('without a Polish seller VAT number, asks for --seller-nip; with it, the document maps further', () => {
    const bare = map('hostile-missing-fields.xml');
    expect(bare.drafts).toEqual([]);
    const messages = issuesOf(bare).map((i) => `${i.field ?? ''} @${i.line ?? '-'}: ${i.message}`);
    expect(messages).toEqual(expect.arrayContaining([
      expect.stringMatching(/PartyTaxScheme\/cbc:CompanyID .*--seller-nip/),
      expect.stringMatching(/^Invoice\/cbc:IssueDate @-: .*"14\.03\.2025" is not a date/),
      expect.stringMatching(/InvoiceLine\[2\]\/cac:Item\/cbc:Name @\d+: line 2 has no item name/),
      expect.stringMatching(/InvoiceLine\[3\]\/cac:Item\/cac:ClassifiedTaxCategory @\d+: line 3: standard rate 19% is not a Polish VAT rate/),
    ]));
  });

  it('reports extreme and malformed amounts by field and line', () => {
    const result = map('hostile-extreme-amounts.xml');
    expect(result.drafts).toEqual([]);
    const text = issuesOf(result).map((i) => `${i.field ?? ''} @${i.line ?? '-'}: ${i.message}`).join('\n');
    expect(text).toMatch(/InvoiceLine\[2\]\/cac:Price\/cbc:PriceAmount @\d+: .*"2\.17e1" is not an amount/);
    expect(text).toMatch(/InvoiceLine\[3\]\/cbc:LineExtensionAmount @\d+: .*"1 40,80" is not an amount/);
  });

  it('reports over-long numbers and forbidden characters through the draft checks', () => {
    const result = map('hostile-unicode.xml');
    expect(result.drafts).toEqual([]);
    const fields = issuesOf(result).filter((i) => i.severity === 'error').map((i) => i.field);
    expect(fields).toEqual(expect.arrayContaining(['number', 'lines[1].description']));
  });

  it('refuses a DOCTYPE (no XXE, no entity expansion)', () => {
    const result = map('hostile-doctype-xxe.xml');
    expect(result.drafts).toEqual([]);
    expect(result.report.issues).toEqual([expect.objectContaining({ severity: 'error', line: 2, message: expect.stringContaining('DOCTYPE') })]);
    expect(JSON.stringify(result)).not.toContain('root:');
  });

  it('reads undeclared windows-1250 with a warning and maps it', () => {
    const result = map('hostile-windows-1250-undeclared.xml');
    expect(result.report.encoding).toBe('windows-1250');
    expect(result.report.issues).toEqual([expect.objectContaining({ severity: 'warning', message: expect.stringContaining('windows-1250') })]);
    expect(result.drafts[0]?.buyer.name).toBe('Biuro Rachunkowe Żuraw S.A.');
  });

  it('says so when the document is not UBL', () => {
    const result = map('hostile-not-ubl.xml');
    expect(result.report.issues).toEqual([expect.objectContaining({ field: 'Faktura', message: expect.stringContaining('not a UBL <Invoice> or <CreditNote>') })]);
  });
});

describe('ublTaxCategoryRate', () => {
  it.each([
    ['S', '23', true, '23'], ['S', '8.00', true, '8'], ['S', '5', true, '5'], ['Z', '0', true, '0 KR'], ['E', '0', true, 'zw'],
    ['AE', '0', true, 'oo'], ['AE', '0', false, 'np II'], ['K', '0', false, '0 WDT'], ['G', '0', false, '0 EX'], ['O', undefined, false, 'np I'],
  ] as const)('%s %s (Polish buyer: %s) → %s', (category, percent, polish, rate) => {
    expect(ublTaxCategoryRate(category, percent, polish)).toMatchObject({ ok: true, rate });
  });

  it.each([['S', '19'], ['S', undefined], ['L', '0'], ['B', '22']])('%s %s has no FA rate', (category, percent) => {
    expect(ublTaxCategoryRate(category, percent, true).ok).toBe(false);
  });
});
