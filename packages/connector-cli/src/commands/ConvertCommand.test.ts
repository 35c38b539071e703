import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, copyFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateInvoice } from '@ksef-connect/core';
import { main } from '../main.js';
import { bufferIo } from '../__fixtures__/bufferIo.js';

// The adapters' own scenario fixtures.
const ubl = fileURLToPath(new URL('../../../adapters/src/ubl/__fixtures__/', import.meta.url));
const csv = fileURLToPath(new URL('../../../adapters/src/csv/__fixtures__/', import.meta.url));

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'ksef-convert-'));
  for (const f of ['invoice-domestic-mixed-rates.xml', 'creditnote-partial-return.xml', 'hostile-missing-fields.xml']) copyFileSync(path.join(ubl, f), path.join(dir, f));
  for (const f of ['spreadsheet-pl-windows-1250.csv', 'spreadsheet-pl.profile.json']) copyFileSync(path.join(csv, f), path.join(dir, f));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('ksef convert', () => {
  it('writes one valid FA(3) per document and a report per input, exit 0', async () => {
    const io = bufferIo(dir);
    expect(await main(['convert', '--from', 'ubl', 'invoice-domestic-mixed-rates.xml', 'creditnote-partial-return.xml', '--out', 'out'], io)).toBe(0);
    expect(readdirSync(path.join(dir, 'out')).sort()).toEqual([
      'creditnote-partial-return-1.xml', 'creditnote-partial-return.report.json',
      'invoice-domestic-mixed-rates-1.xml', 'invoice-domestic-mixed-rates.report.json',
    ]);
    for (const f of ['creditnote-partial-return-1.xml', 'invoice-domestic-mixed-rates-1.xml']) {
      expect(validateInvoice(readFileSync(path.join(dir, 'out', f))).errors).toEqual([]);
    }
    const report = JSON.parse(readFileSync(path.join(dir, 'out', 'invoice-domestic-mixed-rates.report.json'), 'utf8')) as { adapter: string; encoding: string; documents: Array<{ number: string; unmappedFields: string[]; assumptions: string[] }> };
    expect(report).toMatchObject({ adapter: 'ubl', encoding: 'utf-8', documents: [{ number: 'FV/2025/03/0117' }] });
    expect(report.documents[0]?.unmappedFields).toContain('Invoice/cac:OrderReference');
    expect(io.out()).toContain(`FV/2025/03/0117: ${path.join('out', 'invoice-domestic-mixed-rates-1.xml')}`);
    expect(io.out()).toContain('2 of 2 document(s) converted.');
  });

  it('--json prints the documents with file, number, valid and issues; a document that cannot be mapped gives exit 2', async () => {
    const io = bufferIo(dir);
    expect(await main(['convert', '--json', '--from', 'ubl', '--out', 'out', 'hostile-missing-fields.xml', 'invoice-domestic-mixed-rates.xml'], io)).toBe(2);
    const printed = JSON.parse(io.out()) as Array<{ input: string; documents: Array<{ file: string | null; number: string | null; valid: boolean; issues: Array<{ severity: string; field: string | null; message: string }> }> }>;
    expect(printed.map((p) => p.input)).toEqual(['hostile-missing-fields.xml', 'invoice-domestic-mixed-rates.xml']);
    expect(Object.keys(printed[0]!)).toEqual(['input', 'documents']);
    expect(printed[0]?.documents[0]).toMatchObject({ file: null, number: 'FV/2025/03/0117', valid: false });
    expect(printed[0]?.documents[0]?.issues).toEqual(expect.arrayContaining([expect.objectContaining({ severity: 'error', field: expect.stringContaining('cbc:Name') })]));
    expect(printed[1]?.documents[0]).toMatchObject({ file: path.join('out', 'invoice-domestic-mixed-rates-1.xml'), valid: true, issues: [] });
    expect(readdirSync(path.join(dir, 'out'))).toContain('hostile-missing-fields.report.json');
  });

  it('converts a windows-1250 spreadsheet with a profile and --seller-nip', async () => {
    const io = bufferIo(dir);
    expect(await main(['convert', '--from', 'csv', '--profile', 'spreadsheet-pl.profile.json', '--seller-nip', '727-100-24-57', 'spreadsheet-pl-windows-1250.csv', '--out', 'fa'], io)).toBe(0);
    const second = readFileSync(path.join(dir, 'fa', 'spreadsheet-pl-windows-1250-2.xml'), 'utf8');
    expect(second).toContain('<NIP>7271002457</NIP>');
    expect(second).toContain('<P_7>Reprodukcje obrazów, nakład kolekcjonerski</P_7>');
  });

  it('an input-level problem (a CSV row that belongs to no invoice) is printed and gives exit 2, not a silent 0', async () => {
    const source = readFileSync(path.join(dir, 'spreadsheet-pl-windows-1250.csv'));
    const orphan = Buffer.from(';14.03.2025;14.03.2025;;Jan Kowalski;ul. Polna 1;31-147 Krakow;3;Oprawa;szt.;1;50,00;50,00;23%;;61,50;przelew;;;;\r\n', 'latin1');
    writeFileSync(path.join(dir, 'orphan-row.csv'), Buffer.concat([source, orphan]));
    const io = bufferIo(dir);
    expect(await main(['convert', '--from', 'csv', '--profile', 'spreadsheet-pl.profile.json', 'orphan-row.csv', '--out', 'fa'], io)).toBe(2);
    expect(io.out()).toMatch(/error \[line 7 Nr faktury\]: line 7: no invoice number/);
    const json = bufferIo(dir);
    expect(await main(['convert', '--json', '--from', 'csv', '--profile', 'spreadsheet-pl.profile.json', 'orphan-row.csv', '--out', 'fa'], json)).toBe(2);
    const printed = JSON.parse(json.out()) as Array<{ documents: Array<{ valid: boolean }>; issues?: Array<{ severity: string; line: number | null }> }>;
    expect(printed[0]?.documents.map((d) => d.valid)).toEqual([true, true]);
    expect(printed[0]?.issues).toEqual([expect.objectContaining({ severity: 'error', line: 7 })]);
  });

  it('exit 1: unreadable input (others are still converted), unknown format, missing --out, bad NIP, no profile for csv', async () => {
    const io = bufferIo(dir);
    expect(await main(['convert', '--json', '--from', 'ubl', 'missing.xml', 'invoice-domestic-mixed-rates.xml', '--out', 'out'], io)).toBe(1);
    const printed = JSON.parse(io.out()) as Array<{ documents: Array<{ valid: boolean; issues: Array<{ message: string }> }> }>;
    expect(printed[0]?.documents[0]?.issues[0]?.message).toBe('Cannot read the input: no such file.');
    expect(printed[1]?.documents[0]?.valid).toBe(true);

    for (const args of [
      ['--from', 'docx', 'a.xml', '--out', 'o'],
      ['--from', 'ubl', 'a.xml'],
      ['--from', 'ubl', '--seller-nip', '1234567890', 'a.xml', '--out', 'o'],
      ['--from', 'csv', 'a.csv', '--out', 'o'],
      ['--from', 'ubl', '--encoding', 'klingon', 'a.xml', '--out', 'o'],
    ]) {
      const bad = bufferIo(dir);
      expect(await main(['convert', ...args], bad)).toBe(1);
      expect(bad.err()).toMatch(/^ksef convert: /);
    }
  });

  it('a broken profile file is exit 1; a profile that fails validation is a report (exit 2)', async () => {
    writeFileSync(path.join(dir, 'broken.json'), '{ "columns": ');
    const io = bufferIo(dir);
    expect(await main(['convert', '--from', 'csv', '--profile', 'broken.json', 'spreadsheet-pl-windows-1250.csv', '--out', 'o'], io)).toBe(1);
    writeFileSync(path.join(dir, 'wrong.json'), '{ "columns": { "Nr faktury": "numer" } }');
    const json = bufferIo(dir);
    expect(await main(['convert', '--json', '--from', 'csv', '--profile', 'wrong.json', 'spreadsheet-pl-windows-1250.csv', '--out', 'o'], json)).toBe(2);
    expect(json.out()).toContain('\\"numer\\" is not a field');
  });

  it('exit 1 before writing anything when two inputs would write the same output files, or an output would land on an input', async () => {
    mkdirSync(path.join(dir, 'march'));
    mkdirSync(path.join(dir, 'april'));
    copyFileSync(path.join(ubl, 'invoice-domestic-mixed-rates.xml'), path.join(dir, 'march', 'invoices.xml'));
    copyFileSync(path.join(ubl, 'creditnote-partial-return.xml'), path.join(dir, 'april', 'INVOICES.xml'));
    for (const [inputs, message] of [
      [['march/invoices.xml', 'april/INVOICES.xml'], 'march/invoices.xml and april/INVOICES.xml have the same name stem'],
      [['march/invoices.xml', './march/invoices.xml'], 'is given twice'],
    ] as const) {
      const io = bufferIo(dir);
      expect(await main(['convert', '--from', 'ubl', ...inputs, '--out', 'out'], io)).toBe(1);
      expect(io.err()).toContain(message);
      expect(existsSync(path.join(dir, 'out'))).toBe(false);
    }
    // ksef convert --out . invoice-domestic-mixed-rates.xml invoice-domestic-mixed-rates-1.xml: the
    // first input's first document would replace the second input.
    copyFileSync(path.join(dir, 'invoice-domestic-mixed-rates.xml'), path.join(dir, 'invoice-domestic-mixed-rates-1.xml'));
    const before = readFileSync(path.join(dir, 'invoice-domestic-mixed-rates-1.xml'));
    const io = bufferIo(dir);
    expect(await main(['convert', '--from', 'ubl', 'invoice-domestic-mixed-rates.xml', 'invoice-domestic-mixed-rates-1.xml', '--out', '.'], io)).toBe(1);
    expect(io.err()).toContain('could overwrite the input invoice-domestic-mixed-rates-1.xml');
    expect(readFileSync(path.join(dir, 'invoice-domestic-mixed-rates-1.xml'))).toEqual(before);
    // Same stems in different runs with different --out folders are fine.
    expect(await main(['convert', '--from', 'ubl', 'march/invoices.xml', '--out', 'out-march'], bufferIo(dir))).toBe(0);
    expect(await main(['convert', '--from', 'ubl', 'april/INVOICES.xml', '--out', 'out-april'], bufferIo(dir))).toBe(0);
  });

  it('lists the registered formats in its help', async () => {
    const io = bufferIo(dir);
    expect(await main(['convert', '--help'], io)).toBe(0);
    expect(io.out()).toMatch(/--from [a-z|-]*ubl[a-z|-]*csv/);
  });

  it('--out naming a file (or a path inside one) is a one-line error, and nothing is written', async () => {
    writeFileSync(path.join(dir, 'taken'), 'not a folder');
    for (const out of ['taken', path.join('taken', 'sub')]) {
      const io = bufferIo(dir);
      expect(await main(['convert', '--from', 'ubl', 'invoice-domestic-mixed-rates.xml', '--out', out], io)).toBe(1);
      expect(io.err()).toBe(`ksef convert: --out ${out} is ${out === 'taken' ? 'a file' : 'inside a file'}, not a folder; give a folder (it is created if missing)\n`);
      expect(io.out()).toBe('');
    }
    expect(readFileSync(path.join(dir, 'taken'), 'utf8')).toBe('not a folder');
    expect(existsSync(path.join(dir, 'invoice-domestic-mixed-rates.report.json'))).toBe(false);
  });
});
