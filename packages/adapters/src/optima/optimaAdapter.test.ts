import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderInvoice, validateInvoice, type InvoiceDraft } from '@ksef-connect/core';
import type { AdapterResult } from '../Adapter.js';
import { runAdapterContract } from '../contract/runAdapterContract.js';
import { invoiceXsdPath, xmllintErrors } from '../../../../test/support/xmllint.js';
import { optimaAdapter } from './optimaAdapter.js';
import { optimaVatRate } from './optimaVatRate.js';

// Golden files: each draft rendered as FA(3). Regenerate with UPDATE_GOLDEN=1 and review the diff.
const update = process.env.UPDATE_GOLDEN === '1';
const now = new Date('2026-02-02T10:00:00Z');
const fixtures = fileURLToPath(new URL('./__fixtures__/', import.meta.url));
const golden = fileURLToPath(new URL('./__golden__/', import.meta.url));
const read = (file: string): Uint8Array => new Uint8Array(readFileSync(path.join(fixtures, file)));
const map = (file: string, options = {}): AdapterResult => optimaAdapter.map({ bytes: read(file), name: file }, options);
const exemptionBasis = 'art. 43 ust. 1 pkt 19 ustawy o VAT';

runAdapterContract(optimaAdapter, {
  valid: [{ name: 'optima-sales-may-2025.xml', bytes: read('optima-sales-may-2025.xml') }],
  hostile: [{ name: 'hostile-optima.xml', bytes: read('hostile-optima.xml'), options: { exemptionBasis } }],
  now,
});

function errorsOf(result: AdapterResult, number: string): { message: string; field: string | null; line: number | null }[] {
  const doc = result.report.documents.find((d) => d.number === number);
  if (!doc) throw new Error(`no document ${number}`);
  return doc.issues.filter((i) => i.severity === 'error').map(({ message, field, line }) => ({ message, field, line }));
}

describe('optimaVatRate', () => {
  it.each([
    ['23.00', '0', false, '23'], ['8.00', '0', false, '8'], ['0.00', '0', false, '0 KR'], ['0.00', '1', false, 'zw'],
    ['0.00', '2', true, '0 WDT'], ['0.00', '2', false, '0 EX'], ['23.00', '3', false, 'oo'], ['0.00', '3', true, 'np II'],
  ] as const)('STAWKA %s FLAGA %s (EU buyer %s) → %s', (stawka, flaga, eu, rate) => {
    expect(optimaVatRate(stawka, flaga, eu)).toMatchObject({ ok: true, rate });
  });

  it('rejects unknown rates and flags, naming them', () => {
    expect(optimaVatRate('17.00', '0', false)).toEqual({ ok: false, message: expect.stringContaining('"17.00"') });
    expect(optimaVatRate('23.00', '9', false)).toEqual({ ok: false, message: expect.stringContaining('"9"') });
  });
});

describe('optima adapter', () => {
  const result = map('optima-sales-may-2025.xml');

  it('maps the sales invoices and the correction, skipping the purchase invoice', () => {
    expect(result.drafts.map((d) => [d.kind, d.number])).toEqual([['VAT', 'FS/112/2025'], ['VAT', 'FS/113/2025'], ['KOR', 'FSK/7/2025']]);
    expect(result.report.issues).toEqual([expect.objectContaining({ severity: 'warning', line: 134, message: expect.stringContaining('TYP_DOKUMENTU 303') })]);
  });

  it('reads SPRZEDAWCA, PLATNIK and a different ODBIORCA (Podmiot3), payment and bank account', () => {
    const fs = result.drafts[0] as InvoiceDraft;
    expect(fs.seller).toEqual({ nip: '5250001316', name: 'Laboratorium Farmaceutyczne Źródło Sp. z o.o.', address: { countryCode: 'PL', line1: 'ul. Chemików 14', line2: '09-411 Płock' } });
    expect(fs.buyer).toEqual({ id: { nip: '6340011224' }, name: 'Apteka Zdrowie Sp. z o.o.', address: { countryCode: 'PL', line1: 'ul. Wrocławska 22/3', line2: '45-001 Opole' }, customerNumber: 'APT-ZDROWIE' });
    expect(fs.thirdParties).toEqual([{ id: { none: true }, name: 'Apteka Zdrowie — filia Nysa', role: 'recipient', address: { countryCode: 'PL', line1: 'ul. Rynek 5', line2: '48-300 Nysa' } }]);
    expect(fs.payment).toEqual({ dueDates: [{ date: '2025-05-20' }], method: 'transfer', bankAccounts: [{ number: '61109010140000071219812874', bankName: 'Santander Bank Polska S.A.' }] });
    expect(fs.sourceTotals).toEqual({ netByRate: { 1: '600.00', 2: '740.00' }, vatByRate: { 1: '138.00', 2: '59.20' }, grossTotal: '1537.20' });
  });

  it('maps an EUR intra-Community supply with the rate from KURS_L / KURS_M and the *_WAL values', () => {
    expect(result.drafts[1]).toMatchObject({
      currency: 'EUR', exchangeRate: '4.2231', buyer: { id: { euVat: { countryCode: 'DE', number: '123456789' } } },
      lines: [{ netValue: '1000.00', vatRate: '0 WDT' }], sourceTotals: { netByRate: { '6_2': '1000.00' }, grossTotal: '1000.00' },
    });
  });

  it('maps a correction from the assumed KOREKTA_NUMER / KOREKTA_DATA / KOREKTA_PRZYCZYNA', () => {
    expect(result.drafts[2]?.correction).toEqual({ reason: 'Zwrot wadliwego termometru', corrected: [{ issueDate: '2025-05-06', number: 'FS/112/2025' }] });
  });

  it('reports hostile documents by field and line, and maps the good one', () => {
    const hostile = map('hostile-optima.xml');
    expect(errorsOf(hostile, 'H/1')).toEqual([{ message: expect.stringContaining('"2025-13-01" is not a date'), field: 'ROOT/DOKUMENT[1]/NAGLOWEK/DATA_WYSTAWIENIA', line: 3 }]);
    expect(errorsOf(hostile, 'H/2').map((e) => e.field)).toEqual(['ROOT/DOKUMENT[2]/POZYCJE/POZYCJA[1]/STAWKA_VAT', 'ROOT/DOKUMENT[2]/POZYCJE/POZYCJA[2]/WARTOSC_NETTO']);
    expect(errorsOf(hostile, 'H/3').map((e) => e.message)).toEqual([
      'NIP "1234567890" is not a valid NIP', 'the address is missing', expect.stringContaining('pass exemptionBasis'),
    ]);
    expect(errorsOf(hostile, 'H/4').map((e) => e.message)).toEqual([
      expect.stringContaining('FLAGA "9"'), expect.stringContaining('KOREKTA_NUMER'), expect.stringContaining('KOREKTA_DATA'),
    ]);
    expect(hostile.drafts.map((d) => d.lines[0]?.description)).toEqual(['Sernik 🍰 „domowy” 𝔘𝔫𝔦𝔠𝔬𝔡𝔢']);
    expect(optimaAdapter.map({ bytes: new TextEncoder().encode('<Faktura/>'), name: 'x.xml' }).report.issues[0]?.message).toContain('not an Optima document export');
  });
});

describe('golden FA(3) of optima-sales-may-2025.xml', () => {
  const drafts = map('optima-sales-may-2025.xml').drafts;
  it.each(drafts.map((draft, i) => [`optima-sales-may-2025-${i + 1}.xml`, draft] as const))('%s matches, and validates with xmllint and core', (file, draft) => {
    const goldenPath = path.join(golden, file);
    const { xml } = renderInvoice(draft, { form: 'FA (3)', now });
    if (update || !existsSync(goldenPath)) writeFileSync(goldenPath, xml);
    expect(xml).toBe(readFileSync(goldenPath, 'utf8'));
    expect(xmllintErrors(readFileSync(goldenPath), invoiceXsdPath('FA (3)'))).toBe('');
    expect(validateInvoice(readFileSync(goldenPath), { form: 'FA (3)', env: 'prod', now }).errors).toEqual([]);
  });
});
