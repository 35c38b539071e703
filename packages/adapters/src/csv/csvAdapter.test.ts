import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderInvoice, validateInvoice } from '@ksef-connect/core';
import type { AdapterResult } from '../Adapter.js';
import { runAdapterContract, type ContractFixture } from '../contract/runAdapterContract.js';
import { invoiceXsdPath, xmllintErrors } from '../../../../test/support/xmllint.js';
import { csvAdapter } from './csvAdapter.js';

const fixtures = fileURLToPath(new URL('./__fixtures__/', import.meta.url));
const golden = fileURLToPath(new URL('./__golden__/', import.meta.url));
const now = new Date('2026-02-01T00:00:00Z');
const read = (name: string): Uint8Array => new Uint8Array(readFileSync(path.join(fixtures, name)));
const spreadsheet: unknown = JSON.parse(readFileSync(path.join(fixtures, 'spreadsheet-pl.profile.json'), 'utf8'));
const erpDump: unknown = JSON.parse(readFileSync(path.join(fixtures, 'erp-dump.profile.json'), 'utf8'));
const fixture = (name: string, profile: unknown): ContractFixture => ({ name, bytes: read(name), options: { profile } });

const valid = [fixture('spreadsheet-pl-windows-1250.csv', spreadsheet), fixture('erp-dump.json', erpDump)];
const hostile = [
  fixture('hostile-missing-fields.csv', spreadsheet),
  fixture('hostile-extreme-unicode.utf8.csv', spreadsheet),
  fixture('hostile-malformed.json', erpDump),
  { name: 'bad-profile.csv', bytes: read('spreadsheet-pl-windows-1250.csv'), options: { profile: { columns: { 'Nr faktury': 'numer', Kwota: 'line.netValue' }, delimiter: ';;', dateFormat: 'dd/mm' } } },
  { name: 'no-profile.csv', bytes: read('spreadsheet-pl-windows-1250.csv') },
];

runAdapterContract(csvAdapter, { valid, hostile, now });

const map = (f: ContractFixture, extra = {}): AdapterResult => csvAdapter.map({ name: f.name, bytes: f.bytes }, { ...f.options, ...extra });
const issuesOf = (r: AdapterResult) => [...r.report.issues, ...r.report.documents.flatMap((d) => d.issues)];
const describeIssue = (i: { field: string | null; line: number | null; message: string }) => `${i.field ?? ''} @${i.line ?? '-'}: ${i.message}`;

describe('CSV/JSON golden FA(3) files', () => {
  it.each(valid.map((f) => [f.name, f] as const))('%s renders to golden files, valid for core and xmllint', (name, f) => {
    const { drafts } = map(f);
    drafts.forEach((draft, i) => {
      const { xml } = renderInvoice(draft, { now });
      const file = path.join(golden, `${name.replace(/\.[a-z]+$/, '')}-${i + 1}.fa3.xml`);
      if (process.env['UPDATE_GOLDEN'] === '1' || !existsSync(file)) writeFileSync(file, xml);
      expect(xml).toBe(readFileSync(file, 'utf8'));
      expect(validateInvoice(new TextEncoder().encode(xml), { form: 'FA (3)', now }).errors).toEqual([]);
      expect(xmllintErrors(readFileSync(file), invoiceXsdPath('FA (3)'))).toBe('');
    });
  });
});

describe('csv adapter', () => {
  it('reads a windows-1250 spreadsheet: groups rows by number, parses "1 234,56" (also with no-break spaces) and DD.MM.YYYY', () => {
    const result = map(valid[0]!);
    expect(result.report.encoding).toBe('windows-1250');
    expect(result.drafts.map((d) => d.number)).toEqual(['FS 12/2025', 'FS 13/2025']);
    const [first, second] = result.drafts;
    expect(first?.lines.map((l) => [l.description, l.quantity, l.unitPriceNet, l.netValue, l.vatRate])).toEqual([
      ['Ulotki A5; kolor 4+4, papier "kreda" 130 g', '5000', '0.18', '900.00', '23'],
      ['Broszura informacyjna (ISBN 978-83-00000-00-0)', '250', '12.40', '3100.00', '5'],
      ['Projekt graficzny', '1', '1234.56', '1234.56', '23'],
    ]);
    expect(first).toMatchObject({ issueDate: '2025-03-14', saleDate: '2025-03-12', buyer: { id: { nip: '9512345675' } }, seller: { nip: '1132047855', name: 'Drukarnia Pod Lipą Sp. z o.o.' } });
    expect(first?.payment).toEqual({ dueDates: [{ date: '2025-03-28' }], method: 'transfer', bankAccounts: [{ number: 'PL61109010140000071219812874' }] });
    expect(second).toMatchObject({ buyer: { id: { none: true }, name: 'Jan Kowalski' }, annotations: { exemption: { source: 'act' } }, sourceTotals: { grossTotal: '15485.18' } });
    expect(second?.lines[0]?.netValue).toBe('12345.67');
    expect(result.report.documents[0]?.unmappedFields).toEqual(['Handlowiec']);
  });

  it('keeps a source gross total 0.01 off (line rounding) and the renderer notes it', () => {
    const draft = map(valid[0]!).drafts[1]!;
    const rendered = renderInvoice(draft, { now });
    expect(rendered.xml).toContain('<P_15>15485.18</P_15>');
    expect(rendered.report.notes.join('\n')).toMatch(/15485\.1[78]/);
  });

  it('reads JSON rows with nested objects, EU reverse charge via the profile rates, and a foreign currency', () => {
    const draft = map(valid[1]!).drafts[0]!;
    expect(draft).toMatchObject({ currency: 'EUR', exchangeRate: '4.2810', buyer: { id: { euVat: { countryCode: 'CZ', number: '27082440' } }, address: { countryCode: 'CZ' } } });
    expect(draft.lines.map((l) => [l.vatRate, l.quantity, l.netValue])).toEqual([['np II', '10', '850.00'], ['23', '1', '400.5']]);
  });

  it('names the column and line of each problem in a broken spreadsheet', () => {
    const result = map(hostile[0]!);
    const messages = issuesOf(result).map(describeIssue);
    expect(messages).toEqual(expect.arrayContaining([
      expect.stringMatching(/^Data wystawienia @2: .*"31\.02\.2025" is not a calendar date/),
      expect.stringMatching(/^Stawka VAT @2: line 2: VAT rate "19%" .* is not an FA rate/),
      expect.stringMatching(/^Nr faktury @3: line 3: no invoice number/),
      expect.stringMatching(/^Cena netto @4: line 4: column "Cena netto" \(line.unitPriceNet\): "12,34,56" is not an amount/),
      expect.stringMatching(/@5: a quoted field opened on line 5 is never closed/),
    ]));
    expect(result.drafts).toEqual([]);
  });

  it('warns about UTF-8 read as windows-1250, and reports extreme amounts and bad characters by field', () => {
    const result = map(hostile[1]!);
    expect(result.report.issues[0]?.message).toContain('looks like UTF-8');
    const forcedUtf8 = map(hostile[1]!, { encoding: 'utf-8' });
    const text = issuesOf(forcedUtf8).map(describeIssue).join('\n');
    expect(text).toMatch(/lines\[0\]\.netValue @2: .*more than 16 digits/);
    expect(text).toMatch(/lines\[0\]\.quantity @3: .*7 decimal places/);
    expect(text).toMatch(/lines\[0\]\.description @3: .*control character or Unicode non-character/);
    expect(text).toMatch(/^number @-: number: is longer than 256 characters/m);
    expect(forcedUtf8.drafts).toEqual([]);
  });

  it('explains every problem of an invalid profile', () => {
    const result = map(hostile[3]!);
    const message = result.report.issues[0]?.message ?? '';
    expect(message).toContain('columns."Nr faktury": "numer" is not a field');
    expect(message).toContain('"delimiter": must be exactly one character');
    expect(message).toContain('"dateFormat": must contain YYYY, MM and DD');
    expect(message).toContain('no column is mapped to "issueDate" (required)');
    expect(map(hostile[4]!).report.issues[0]).toMatchObject({ field: 'profile', message: expect.stringContaining('--profile FILE') });
  });
});
