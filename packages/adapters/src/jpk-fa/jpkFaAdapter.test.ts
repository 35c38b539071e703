import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderInvoice, validateInvoice, type InvoiceDraft } from '@ksef-connect/core';
import type { AdapterResult } from '../Adapter.js';
import { runAdapterContract } from '../contract/runAdapterContract.js';
import { invoiceXsdPath, xmllintErrors } from '../../../../test/support/xmllint.js';
import { jpkFaAdapter } from './jpkFaAdapter.js';
import { jpkFaVersion } from './jpkFaVersion.js';
import { jpkVatRate } from './jpkVatRate.js';

// Golden files: each draft rendered as FA(3). Regenerate with UPDATE_GOLDEN=1 and review the diff.
const update = process.env.UPDATE_GOLDEN === '1';
const now = new Date('2026-02-02T10:00:00Z');
const fixtures = fileURLToPath(new URL('./__fixtures__/', import.meta.url));
const golden = fileURLToPath(new URL('./__golden__/', import.meta.url));
const read = (file: string): Uint8Array => new Uint8Array(readFileSync(path.join(fixtures, file)));
const map = (file: string): AdapterResult => jpkFaAdapter.map({ bytes: read(file), name: file });
const valid = ['jpk-fa-4-march-2025.xml', 'jpk-fa-3-bom-crlf-november-2021.xml'];

runAdapterContract(jpkFaAdapter, {
  valid: valid.map((name) => ({ name, bytes: read(name) })),
  hostile: [{ name: 'hostile-jpk-fa-4.xml', bytes: read('hostile-jpk-fa-4.xml') }],
  now,
});

function errorsOf(result: AdapterResult, number: string): { message: string; field: string | null; line: number | null }[] {
  const doc = result.report.documents.find((d) => d.number === number);
  if (!doc) throw new Error(`no document ${number}`);
  return doc.issues.filter((i) => i.severity === 'error').map(({ message, field, line }) => ({ message, field, line }));
}

// The fixtures follow the official schemas (vendored in __fixtures__/schemas, see SOURCE.md there):
// xmllint checks them, with the schemas' crd.gov.pl imports mapped to the vendored copies.
const jpkXsdDir = fileURLToPath(new URL('./__fixtures__/schemas/', import.meta.url));
describe('JPK_FA fixtures against the official XSDs', () => {
  const rewrites = [
    'http://crd.gov.pl/xml/schematy/dziedzinowe/mf/2018/08/24/eD/DefinicjeTypy/',
    'http://crd.gov.pl/xml/schematy/dziedzinowe/mf/2013/05/23/eD/KodyCECHKRAJOW/',
  ].map((uriPrefix) => ({ uriPrefix, localDir: jpkXsdDir }));
  it.each([
    ['jpk-fa-4-march-2025.xml', 'Schemat_JPK_FA(4)_v1-0.xsd'],
    ['jpk-fa-3-bom-crlf-november-2021.xml', 'Schemat_JPK_FA(3)_v1-0.xsd'],
  ])('%s validates against %s', (fixture, xsd) => {
    expect(xmllintErrors(read(fixture), path.join(jpkXsdDir, xsd), rewrites)).toBe('');
  });
});

describe('jpkFaVersion and jpkVatRate', () => {
  it('tells the variants apart by namespace, else by kodSystemowy', () => {
    expect(jpkFaVersion('<JPK xmlns="http://jpk.mf.gov.pl/wzor/2022/02/17/02171/">', undefined)).toBe('JPK_FA (4)');
    expect(jpkFaVersion("<tns:JPK xmlns:tns='http://jpk.mf.gov.pl/wzor/2019/09/27/09271/'>", undefined)).toBe('JPK_FA (3)');
    expect(jpkFaVersion('<JPK xmlns="urn:other">', 'JPK_FA (4)')).toBe('JPK_FA (4)');
    expect(jpkFaVersion('<JPK xmlns="http://jpk.mf.gov.pl/wzor/2016/03/09/03095/">', 'JPK_FA (1)')).toBeUndefined();
  });

  it.each([
    ['23', undefined, false, '23'], ['0', undefined, false, '0 KR'], ['0', 'DE', false, '0 WDT'], ['0', 'PL', false, '0 KR'],
    ['np', undefined, false, 'np I'], ['np', 'FR', true, 'np II'], ['zw', undefined, false, 'zw'], ['oo', undefined, true, 'oo'],
  ] as const)('P_12 %s (P_5A %s, P_18 %s) → %s', (value, prefix, reverseCharge, rate) => {
    expect(jpkVatRate(value, { buyerEuPrefix: prefix, reverseCharge })).toMatchObject({ ok: true, rate });
  });
});

describe('jpk-fa adapter: JPK_FA(4)', () => {
  const result = map('jpk-fa-4-march-2025.xml');

  it('maps every Faktura to one draft, with its lines joined by P_2B', () => {
    expect(result.drafts.map((d) => [d.kind, d.number, d.lines.length])).toEqual([
      ['VAT', 'FV/1/03/2025', 3], ['VAT', 'FV/2/03/2025', 1], ['VAT', 'FV/3/03/2025', 1], ['ZAL', 'ZAL/1/03/2025', 0],
      ['KOR', 'KOR/1/03/2025', 1], ['VAT', 'FV/4/03/2025', 1], ['VAT', 'FV/5/03/2025', 1],
    ]);
    expect(result.report.issues).toEqual([]);
  });

  it('reads the seller from Podmiot1, the buyer from P_3A/P_3B/P_5A/P_5B, and keeps the source totals', () => {
    const fv1 = result.drafts[0] as InvoiceDraft;
    expect(fv1.seller).toEqual({
      nip: '1122334458', name: 'Meblarnia Dębowy Stół Sp. z o.o.',
      address: { countryCode: 'PL', line1: 'Stolarska 5', line2: '33-300 Nowy Sącz' },
    });
    expect(fv1.buyer).toEqual({ id: { nip: '6340011224' }, name: 'Hotel Pod Jodłą Sp. z o.o.', address: { countryCode: 'PL', line1: 'ul. Jodłowa 3, 34-500 Zakopane' } });
    expect(fv1.sourceTotals).toEqual({ netByRate: { 1: '8400.00', 2: '400.00' }, vatByRate: { 1: '1932.00', 2: '32.00' }, grossTotal: '10764.00' });
    expect(result.drafts[1]?.buyer.id).toEqual({ euVat: { countryCode: 'DE', number: '123456789' } });
  });

  it('derives the exchange rate from P_14_1W / P_14_1 and checks P_14_1W', () => {
    const fv3 = result.drafts[2] as InvoiceDraft;
    expect(fv3).toMatchObject({ currency: 'EUR', exchangeRate: '4.185609', sourceTotals: { vatByRatePln: { 1: '962.69' } } });
    expect(renderInvoice(fv3, { now }).xml).toContain('<P_14_1W>962.69</P_14_1W>');
  });

  it('maps the advance with its order, the correction with the corrected invoice found in the file, the exemption and np II', () => {
    expect(result.drafts[3]?.advance).toEqual({
      amount: '2460.00', receivedOn: '2025-03-11',
      order: { value: '12300.00', lines: [{ description: 'Szafa dębowa na wymiar z montażem', unit: 'szt.', quantity: '1', unitPriceNet: '10000.00', netValue: '10000.00', vatAmount: '2300.00', vatRate: '23' }] },
    });
    expect(result.drafts[4]?.correction).toEqual({
      reason: 'Zwrot jednego krzesła (uszkodzenie w transporcie)', corrected: [{ issueDate: '2025-03-04', number: 'FV/1/03/2025' }],
    });
    expect(result.drafts[5]?.annotations).toEqual({ exemption: { source: 'act', text: 'art. 43 ust. 1 pkt 29 lit. b ustawy o VAT' } });
    expect(result.drafts[6]).toMatchObject({ annotations: { reverseCharge: true }, lines: [{ vatRate: 'np II' }], sourceTotals: { netByRate: { 9: '2000.00' } } });
  });
});

describe('jpk-fa adapter: JPK_FA(3) with a BOM and CRLF', () => {
  it('maps the advance and derives the settled advances of a VAT invoice with NrFaZaliczkowej (ROZ)', () => {
    const result = map('jpk-fa-3-bom-crlf-november-2021.xml');
    expect(result.drafts.map((d) => [d.kind, d.number])).toEqual([['ZAL', 'ZAL/7/2021'], ['ROZ', 'FV/30/2021'], ['VAT', 'FV/31/2021']]);
    expect(result.drafts[1]?.settlement).toEqual({ advanceInvoices: [{ number: 'ZAL/7/2021' }], advances: [{ vatRate: '23', net: '1000.00', vat: '230.00' }] });
    expect(result.drafts[2]?.lines.map((l) => [l.grossValue, l.vatRate])).toEqual([['100.00', '23'], ['100.00', '5']]);
  });
});

describe('jpk-fa adapter: hostile input', () => {
  const result = map('hostile-jpk-fa-4.xml');

  it('names the field and the line of every problem, and maps the good invoice', () => {
    expect(errorsOf(result, 'H/1')).toEqual([{ message: 'the issue date is missing (it becomes P_1)', field: 'JPK/Faktura[1]/P_1', line: 28 }]);
    expect(errorsOf(result, 'H/2')).toEqual([
      { message: '"10,00" is not an amount with at most 2 decimals', field: 'JPK/FakturaWiersz[2]/P_11', line: 192 },
      { message: '"1 000,00" is not an amount with at most 2 decimals', field: 'JPK/Faktura[2]/P_13_1', line: 53 },
      { message: expect.stringContaining('beyond the largest amount'), field: 'JPK/Faktura[2]/P_15', line: 53 },
    ]);
    expect(errorsOf(result, 'H/3')).toEqual([{ message: expect.stringContaining('FV/99/2024 is not in JPK_FA'), field: 'JPK/Faktura[3]/NrFaKorygowanej', line: 79 }]);
    expect(errorsOf(result, 'H/4').map((e) => [e.field, e.line])).toEqual([['JPK/FakturaWiersz[4]/P_12', 206], ['JPK/FakturaWiersz[5]/P_12_XII', 212]]);
    expect(errorsOf(result, 'H/5').map((e) => e.field)).toEqual(['JPK/Faktura[5]/P_1', 'JPK/Faktura[5]/P_19']);
    expect(result.report.issues).toEqual([expect.objectContaining({ severity: 'warning', field: 'JPK/FakturaWiersz[8]/P_2B', line: 233 })]);
    expect(result.drafts.map((d) => [d.number, d.buyer.name, d.lines[0]?.description])).toEqual([['H/6 ☕', 'Kawiarnia „Zażółć” 🍰 𝔘𝔫𝔦𝔠𝔬𝔡𝔢', 'Sernik 🍰 „domowy”']]);
  });

  it('reports windows-1250 bytes, other roots and unknown variants instead of throwing', () => {
    const cp1250 = new Uint8Array([...new TextEncoder().encode('<?xml version="1.0"?><JPK xmlns="urn:x"><Naglowek/><Podmiot1/>'), 0xb9, ...new TextEncoder().encode('</JPK>')]);
    const wrong = jpkFaAdapter.map({ bytes: cp1250, name: 'cp1250.xml' });
    expect(wrong.report.issues.map((i) => i.severity)).toEqual(['warning', 'error']);
    expect(wrong.report.issues[1]?.message).toContain('JPK_FA (4) or JPK_FA (3)');
    const invoice = jpkFaAdapter.map({ bytes: new TextEncoder().encode('<Faktura xmlns="http://crd.gov.pl/wzor/2025/06/25/13775/"/>'), name: 'fa3.xml' });
    expect(invoice.report.issues[0]).toMatchObject({ severity: 'error', message: expect.stringContaining('not a JPK_FA file') });
  });
});

describe.each(valid)('golden FA(3) of %s', (fixture) => {
  const drafts = map(fixture).drafts;
  const stem = fixture.replace(/\.xml$/, '');
  it.each(drafts.map((draft, i) => [`${stem}-${i + 1}.xml`, draft] as const))('%s matches, and validates with xmllint and core', (file, draft) => {
    const goldenPath = path.join(golden, file);
    const { xml } = renderInvoice(draft, { form: 'FA (3)', now });
    if (update || !existsSync(goldenPath)) writeFileSync(goldenPath, xml);
    expect(xml).toBe(readFileSync(goldenPath, 'utf8'));
    expect(xmllintErrors(readFileSync(goldenPath), invoiceXsdPath('FA (3)'))).toBe('');
    expect(validateInvoice(readFileSync(goldenPath), { form: 'FA (3)', env: 'prod', now }).errors).toEqual([]);
  });
});
