import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderInvoice, validateInvoice, type InvoiceDraft } from '@ksef-connect/core';
import type { AdapterResult } from '../Adapter.js';
import { runAdapterContract } from '../contract/runAdapterContract.js';
import { invoiceXsdPath, xmllintErrors } from '../../../../test/support/xmllint.js';
import { eppAdapter, type EppAdapterOptions } from './eppAdapter.js';
import { eppVatRate } from './eppVatRate.js';
import { parseEppSections } from './parseEppSections.js';

// Golden files: each draft rendered as FA(3). Regenerate after an intended change with
// UPDATE_GOLDEN=1 and review the diff.
const update = process.env.UPDATE_GOLDEN === '1';
const now = new Date('2026-02-02T10:00:00Z');
const exemptionBasis = 'art. 43 ust. 1 pkt 29 lit. c ustawy o VAT';

const fixtures = fileURLToPath(new URL('./__fixtures__/', import.meta.url));
const golden = fileURLToPath(new URL('./__golden__/', import.meta.url));
const read = (file: string): Uint8Array => new Uint8Array(readFileSync(path.join(fixtures, file)));

function mapFixture(file: string, options: EppAdapterOptions = {}): AdapterResult {
  return eppAdapter.map({ bytes: read(file), name: file }, options);
}

runAdapterContract(eppAdapter, {
  valid: [
    { name: 'subiekt-items.epp', bytes: read('subiekt-items.epp') },
    { name: 'accounting-office.epp', bytes: read('accounting-office.epp'), options: { exemptionBasis } },
    { name: 'accounting-office-cp852.epp', bytes: read('accounting-office-cp852.epp'), options: { exemptionBasis } },
  ],
  hostile: [
    { name: 'hostile-utf8-declared-1250.epp', bytes: read('hostile-utf8-declared-1250.epp') },
    { name: 'accounting-office.epp without exemptionBasis', bytes: read('accounting-office.epp') },
  ],
  now,
});

function errorsOf(result: AdapterResult, number: string): { message: string; field: string | null; line: number | null }[] {
  const doc = result.report.documents.find((d) => d.number === number);
  if (!doc) throw new Error(`no document ${number}`);
  return doc.issues.filter((i) => i.severity === 'error').map(({ message, field, line }) => ({ message, field, line }));
}

describe('parseEppSections', () => {
  it('reads labels, quoted fields with commas, doubled quotes and line breaks, and CRLF/LF/CR', () => {
    const text = '[INFO]\r\n"1.11",3,1250,"A, B","He said ""hi"""\r\n\r\n[NAGLOWEK]\n"FS",,"two\r\nlines"\r[ZAWARTOSC]\r\n1,2.5000,\r\n';
    const parsed = parseEppSections(text);
    expect(parsed.issues).toEqual([]);
    expect(parsed.sections.map((s) => [s.name, s.line, s.rows.map((r) => [r.line, r.fields])])).toEqual([
      ['INFO', 1, [[2, ['1.11', '3', '1250', 'A, B', 'He said "hi"']]]],
      ['NAGLOWEK', 4, [[5, ['FS', '', 'two\nlines']]]],
      ['ZAWARTOSC', 7, [[8, ['1', '2.5000', '']]]],
    ]);
  });

  it('reports an unterminated quote with its line instead of throwing', () => {
    const parsed = parseEppSections('[INFO]\n"1.11",3\n[NAGLOWEK]\n"FS","open\n');
    expect(parsed.issues).toEqual([expect.objectContaining({ severity: 'error', line: 4 })]);
    expect(parsed.sections[1]?.rows[0]?.fields).toEqual(['FS', 'open\n']);
  });
});

describe('eppVatRate', () => {
  const domestic = { transactionKind: 0, buyerInEu: false };
  it.each([
    ['23', '23.0000', domestic, '23'],
    [undefined, '8.0000', domestic, '8'],
    ['zw', '-1.0000', domestic, 'zw'],
    [undefined, '-2.0000', domestic, '0 EX'],
    ['ue', '-3.0000', domestic, '0 WDT'],
    ['oo', '-5.0000', domestic, 'oo'],
    ['npo', '-4.0000', domestic, 'np I'],
    ['npo', '-4.0000', { transactionKind: 4, buyerInEu: true }, 'np II'],
    ['0', '0.0000', domestic, '0 KR'],
    [undefined, '0.0000', { transactionKind: 1, buyerInEu: false }, '0 EX'],
    [undefined, '0.0000', { transactionKind: 2, buyerInEu: true }, '0 WDT'],
    [undefined, '23.0000', { transactionKind: 6, buyerInEu: false }, 'oo'],
  ] as const)('symbol %s, percent %s → %s', (symbol, percent, context, expected) => {
    expect(eppVatRate(symbol, percent, context)).toMatchObject({ ok: true, rate: expected });
  });

  it('rejects rates FA(3) does not know, naming them', () => {
    expect(eppVatRate(undefined, '17.0000', domestic)).toEqual({ ok: false, message: expect.stringContaining('"17.0000"') });
  });
});

describe('epp adapter: Subiekt GT item export (windows-1250, CRLF)', () => {
  const result = mapFixture('subiekt-items.epp');

  it('maps the four sales documents and reports every skipped one with its line', () => {
    expect(result.report.encoding).toBe('windows-1250');
    expect(result.drafts.map((d) => [d.kind, d.number])).toEqual([
      ['VAT', 'FS 1/2025'], ['VAT', 'FS 2/2025'], ['KOR', 'KFS 1/2025'], ['VAT', 'FS 3/2025'],
    ]);
    expect(result.report.documents.every((d) => d.issues.length === 0)).toBe(true);
    expect(result.report.issues.map((i) => [i.field, i.line, i.message.split(':')[0]])).toEqual([
      ['NAGLOWEK CECHYTOWAROW', null, 'register CECHYTOWAROW has no FA(3) counterpart and was not read'],
      ['NAGLOWEK.1', 20, 'document FZ 15/2025 skipped'],
      ['NAGLOWEK.1', 40, 'document PA 88/2025 skipped'],
      ['NAGLOWEK.2', 46, 'document FS 4/2025 skipped'],
    ]);
  });

  it('reads the seller from [INFO], the buyer from the header, names from TOWARY, CN codes from TOWARYKODYCN', () => {
    const fs1 = result.drafts[0] as InvoiceDraft;
    expect(fs1.seller).toEqual({
      nip: '9512345675',
      name: 'Hurtownia Papiernicza Żuraw Sp. z o.o.',
      address: { countryCode: 'PL', line1: 'ul. Świętokrzyska 12', line2: '00-916 Warszawa' },
    });
    expect(fs1.buyer).toMatchObject({ id: { nip: '6340011224' }, name: 'Drukarnia Łąkowa S.A.', contacts: [{ email: 'biuro@drukarnia-lakowa.example' }] });
    expect(fs1.lines[0]).toEqual({
      description: 'Papier ksero A4 80 g/m2, ryza 500 ark.', unit: 'ryza', quantity: '40.0000', unitPriceNet: '14.5000',
      netValue: '580.00', vatRate: '23', index: 'PAP-A4-80', pkwiu: '17.12.14.0', cn: '48025620',
    });
    expect(fs1.payment).toEqual({ dueDates: [{ date: '2025-03-17' }], method: 'transfer', splitPayment: false });
    expect(fs1.sourceTotals).toEqual({ grossTotal: '1505.31' });
  });

  it('keeps gross pricing, the sale date and a cash payment on receipt', () => {
    const fs2 = result.drafts[1] as InvoiceDraft;
    expect(fs2).toMatchObject({ pricing: 'gross', issueDate: '2025-03-05', saleDate: '2025-03-04', payment: { paidOn: '2025-03-05', method: 'cash' } });
    expect(fs2.lines[1]).toMatchObject({ description: 'Woda mineralna 1,5 l', grossValue: '50.40', unitPriceGross: '2.1000', vatRate: '5' });
  });

  it('maps a correction with before/after lines, its reason and its effect date', () => {
    const kfs = result.drafts[2] as InvoiceDraft;
    expect(kfs.correction).toEqual({
      reason: 'Zwrot uszkodzonego tonera', effect: 'correction-date',
      corrected: [{ issueDate: '2025-03-03', number: 'FS 1/2025' }],
    });
    expect(kfs.lines.filter((l) => l.description?.startsWith('Toner')).map((l) => [l.before ?? false, l.quantity, l.netValue])).toEqual([
      [true, '3.0000', '567.00'], [false, '2.0000', '378.00'],
    ]);
  });

  it('maps an intra-Community supply in EUR to 0 WDT with the buyer\'s EU VAT number', () => {
    const fs3 = result.drafts[3] as InvoiceDraft;
    expect(fs3).toMatchObject({ currency: 'EUR', exchangeRate: '4.1823', buyer: { id: { euVat: { countryCode: 'DE', number: '123456789' } }, address: { countryCode: 'DE' } } });
    expect(fs3.lines.map((l) => l.vatRate)).toEqual(['0 WDT']);
  });
});

describe('epp adapter: accounting-office export (VAT-rate rows)', () => {
  it('maps one line per rate, an advance, a settlement and a correction; zw needs a legal basis', () => {
    const withoutBasis = mapFixture('accounting-office.epp');
    expect(errorsOf(withoutBasis, 'FS 11/2025')).toEqual([
      { message: expect.stringContaining('exemptionBasis'), field: 'ZAWARTOSC', line: 15 },
    ]);
    const result = mapFixture('accounting-office.epp', { exemptionBasis });
    expect(result.drafts.map((d) => [d.kind, d.number])).toEqual([
      ['VAT', 'FS 10/2025'], ['VAT', 'FS 11/2025'], ['ZAL', 'FS 12/2025'], ['ROZ', 'FS 13/2025'], ['KOR', 'KFS 5/2025'],
    ]);
    const fs10 = result.drafts[0] as InvoiceDraft;
    expect(fs10.lines).toEqual([
      { description: 'Sprzedaż wg stawki 23%', netValue: '1000.00', vatRate: '23' },
      { description: 'Sprzedaż wg stawki 8%', netValue: '200.00', vatRate: '8' },
    ]);
    expect(fs10.sourceTotals).toEqual({ netByRate: { 1: '1000', 2: '200' }, vatByRate: { 1: '230', 2: '16' }, grossTotal: '1446.00' });
    expect(result.report.documents[0]?.assumptions).toContain('accounting-office export ([INFO] purpose 0): the rows are VAT-rate summaries, mapped to one line per rate');
    expect(result.drafts[2]?.advance).toEqual({
      amount: '1000.00', receivedOn: '2025-04-09',
      order: { lines: [{ description: 'Sprzedaż wg stawki 23%', netValue: '813.01', vatAmount: '186.99', vatRate: '23' }] },
    });
    expect(result.drafts[3]?.settlement).toEqual({
      advanceInvoices: [{ number: 'FS 12/2025' }], advances: [{ vatRate: '23', net: '813.01', vat: '186.99' }],
    });
  });

  it('reads a file that declares code page 852 the same as its windows-1250 twin', () => {
    const cp852 = mapFixture('accounting-office-cp852.epp', { exemptionBasis });
    expect(cp852.report.encoding).toBe('ibm852');
    expect(cp852.drafts).toEqual(mapFixture('accounting-office.epp', { exemptionBasis }).drafts);
  });
});

describe('epp adapter: hostile input', () => {
  const result = mapFixture('hostile-utf8-declared-1250.epp');

  it('reports each broken document by field and line, and still maps the good one', () => {
    expect(result.report.encoding).toBe('utf-8');
    expect(result.report.issues).toEqual(expect.arrayContaining([
      expect.objectContaining({ severity: 'warning', field: 'INFO.3', message: expect.stringContaining('valid UTF-8') }),
      expect.objectContaining({ severity: 'error', line: 36, message: expect.stringContaining('quoted field is not closed') }),
    ]));
    expect(errorsOf(result, 'FS 1/H/2025')).toEqual([{ message: 'the issue date is missing (it becomes P_1)', field: 'NAGLOWEK.22', line: 5 }]);
    expect(errorsOf(result, 'FS 2/H/2025')).toEqual(expect.arrayContaining([
      { message: expect.stringContaining('"1 234.00" is not an amount'), field: 'ZAWARTOSC.14', line: 14 },
      { message: expect.stringContaining('beyond the largest amount FA(3) accepts'), field: 'ZAWARTOSC.17', line: 15 },
    ]));
    expect(errorsOf(result, 'FS 3/H/2025')).toEqual([
      { message: "the buyer's NIP 1234567890 has a wrong checksum", field: 'NAGLOWEK.18', line: 18 },
      { message: expect.stringContaining('"17.0000" has no FA(3) counterpart'), field: 'ZAWARTOSC.16', line: 21 },
    ]);
    expect(errorsOf(result, 'FS 4/H/2025')).toEqual([{ message: expect.stringContaining('"20259999000000" is not a date'), field: 'NAGLOWEK.22', line: 24 }]);
    expect(errorsOf(result, 'FS 6/H/2025').map((e) => e.field)).toEqual(['NAGLOWEK.14', 'NAGLOWEK.17', 'NAGLOWEK.22', 'ZAWARTOSC']);
    expect(result.drafts.map((d) => d.number)).toEqual(['FS 5/H/2025']);
    expect(result.drafts[0]?.lines[0]?.description).toBe('Sernik 🍰 „domowy”');
    expect(result.drafts[0]?.seller.name).toBe('Kawiarnia „Zażółć” ☕ Sp. z o.o.');
  });

  it('survives a wrong forced encoding, saying which line is not UTF-8', () => {
    const forced = mapFixture('subiekt-items.epp', { encoding: 'utf-8' });
    expect(forced.report.encoding).toBe('utf-8');
    expect(forced.report.issues[0]).toMatchObject({ severity: 'warning', line: 2, message: expect.stringContaining('not valid UTF-8') });
    expect(forced.drafts[0]?.seller.name).toContain('\uFFFD');
  });

  it('never throws on arbitrary bytes', () => {
    for (const bytes of [new Uint8Array(), new Uint8Array([0xff, 0xfe, 0x00]), new TextEncoder().encode('[NAGLOWEK]\n"FS"\n[ZAWARTOSC]\n,,,,\n')]) {
      const mapped = eppAdapter.map({ bytes, name: 'junk.epp' });
      expect(mapped.drafts).toEqual([]);
      expect(mapped.report.issues.some((i) => i.severity === 'error')).toBe(true);
    }
  });
});

const goldenCases: [string, EppAdapterOptions][] = [['subiekt-items.epp', {}], ['accounting-office.epp', { exemptionBasis }]];
describe.each(goldenCases)('golden FA(3) of %s', (fixture, options) => {
  const drafts = mapFixture(fixture, options).drafts;
  const stem = fixture.replace(/\.epp$/, '');
  it.each(drafts.map((draft, i) => [`${stem}-${i + 1}.xml`, draft] as const))('%s matches, and validates with xmllint and core', (file, draft) => {
    const goldenPath = path.join(golden, file);
    const { xml } = renderInvoice(draft, { form: 'FA (3)', now });
    if (update || !existsSync(goldenPath)) writeFileSync(goldenPath, xml);
    expect(xml).toBe(readFileSync(goldenPath, 'utf8'));
    expect(xmllintErrors(readFileSync(goldenPath), invoiceXsdPath('FA (3)'))).toBe('');
    expect(validateInvoice(readFileSync(goldenPath), { form: 'FA (3)', env: 'prod', now }).errors).toEqual([]);
  });
});
