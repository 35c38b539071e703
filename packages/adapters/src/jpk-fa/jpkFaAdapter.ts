import { isValidNip, type InvoiceDraft, type Seller } from '@ksef-connect/core';
import type { Adapter, AdapterInput, AdapterOptions, AdapterResult } from '../Adapter.js';
import type { DocumentReport, ReportIssue } from '../MappingReport.js';
import { DocumentReportBuilder } from '../report/DocumentReportBuilder.js';
import { decodeText } from '../text/decodeText.js';
import { elementLines } from '../xml/elementLines.js';
import { parseXml } from '../xml/parseXml.js';
import type { XmlNode } from '../xml/XmlNode.js';
import { jpkFaVersion } from './jpkFaVersion.js';
import { mapJpkFaktura, type JpkRow } from './mapJpkFaktura.js';

/**
 * JPK_FA(4) and JPK_FA(3), the Polish SAF-T invoice file (Schemat_JPK_FA(4)_v1-0.xsd,
 * Schemat_JPK_FA(3)_v1-0.xsd): every `Faktura` becomes one draft, its lines joined by `P_2B`.
 */
export const jpkFaAdapter: Adapter = {
  name: 'jpk-fa',
  description: 'JPK_FA(4) and JPK_FA(3) (SAF-T invoice file): one FA(3) per Faktura',
  fileExtensions: ['.xml'],
  map(input: AdapterInput, options: AdapterOptions = {}): AdapterResult {
    const decoded = decodeText(input.bytes, options.encoding === undefined ? { fallback: 'utf-8' } : { encoding: options.encoding });
    const issues: ReportIssue[] = [...decoded.issues];
    const drafts: InvoiceDraft[] = [];
    const documents: DocumentReport[] = [];
    const result = (): AdapterResult => ({ drafts, report: { input: input.name, encoding: decoded.encoding, issues, documents } });

    const parsed = parseXml(decoded.text);
    if (!parsed.ok) {
      issues.push({ severity: 'error', message: parsed.message, field: null, line: parsed.line });
      return result();
    }
    const root = parsed.root;
    if (parsed.rootName !== 'JPK') {
      issues.push({ severity: 'error', message: `the document element is <${parsed.rootName.slice(0, 40)}>, not <JPK>: not a JPK_FA file`, field: parsed.rootName.slice(0, 40), line: null });
      return result();
    }
    const version = jpkFaVersion(decoded.text, root.find('Naglowek', 'KodFormularza')?.attr('kodSystemowy'));
    if (version === undefined) {
      issues.push({ severity: 'error', message: 'neither the namespace nor KodFormularza/@kodSystemowy names JPK_FA (4) or JPK_FA (3)', field: 'JPK/Naglowek/KodFormularza', line: null });
      return result();
    }

    const seller = sellerOf(root, options.sellerNip, issues);
    const fakturaLines = elementLines(decoded.text, 'Faktura');
    const rowLines = elementLines(decoded.text, 'FakturaWiersz');
    const faktury = root.all('Faktura');
    const invoices = new Map<string, { kind: string; issueDate: string | undefined }>();
    for (const f of faktury) {
      const number = f.textOf('P_2A');
      if (number !== undefined) invoices.set(number, { kind: f.textOf('RodzajFaktury') ?? '', issueDate: f.textOf('P_1') });
    }
    const rowsByInvoice = new Map<string, JpkRow[]>();
    root.all('FakturaWiersz').forEach((node, i) => {
      const number = node.textOf('P_2B') ?? '';
      if (!invoices.has(number)) {
        issues.push({ severity: 'warning', message: `FakturaWiersz with P_2B "${number.slice(0, 40)}" belongs to no Faktura in this file: ignored`, field: `${node.path}/P_2B`, line: rowLines[i] ?? null });
        return;
      }
      rowsByInvoice.set(number, [...(rowsByInvoice.get(number) ?? []), { node, line: rowLines[i] ?? null }]);
    });
    const ordersByInvoice = new Map<string, XmlNode>();
    for (const order of root.all('Zamowienie')) {
      const number = order.textOf('P_2AZ');
      if (number !== undefined) ordersByInvoice.set(number, order);
    }
    if (faktury.length === 0) issues.push({ severity: 'warning', message: 'the file holds no Faktura', field: 'JPK/Faktura', line: null });
    const declared = root.textOf('FakturaCtrl', 'LiczbaFaktur');
    if (declared !== undefined && declared !== String(faktury.length)) {
      issues.push({ severity: 'warning', message: `FakturaCtrl/LiczbaFaktur says ${declared.slice(0, 10)} invoices, the file holds ${faktury.length}`, field: 'JPK/FakturaCtrl/LiczbaFaktur', line: null });
    }

    const context = { version, seller, invoices, rowsByInvoice, ordersByInvoice };
    faktury.forEach((faktura, i) => {
      const report = new DocumentReportBuilder(faktura.textOf('P_2A') ?? null);
      report.assume(`read as ${version}`);
      const { draft, lineNumbers } = mapJpkFaktura(faktura, fakturaLines[i] ?? null, context, report);
      documents.push(report.finish(draft, drafts, lineNumbers));
    });
    return result();
  },
};

/** `Podmiot1`: NIP (or the `sellerNip` option), full name and the Polish or foreign address. */
function sellerOf(root: XmlNode, sellerNip: string | undefined, issues: ReportIssue[]): Seller | undefined {
  const podmiot = root.first('Podmiot1');
  const nip = (sellerNip ?? podmiot?.textOf('IdentyfikatorPodmiotu', 'NIP') ?? '').replace(/[\s-]/g, '');
  const name = podmiot?.textOf('IdentyfikatorPodmiotu', 'PelnaNazwa');
  let ok = true;
  if (!/^\d{10}$/.test(nip) || !isValidNip(nip)) {
    issues.push({ severity: 'error', message: nip === '' ? "the seller's NIP is missing (Podmiot1/IdentyfikatorPodmiotu/NIP; or pass sellerNip)" : `the seller's NIP "${nip.slice(0, 20)}" is not a valid NIP`, field: 'JPK/Podmiot1/IdentyfikatorPodmiotu/NIP', line: null });
    ok = false;
  }
  const polish = podmiot?.first('AdresPodmiotu');
  const foreign = podmiot?.first('AdresPodmiotu2');
  const address = polish ?? foreign;
  if (!address) {
    issues.push({ severity: 'error', message: "the seller's address is missing (Podmiot1/AdresPodmiotu)", field: 'JPK/Podmiot1/AdresPodmiotu', line: null });
    ok = false;
  }
  if (name === undefined) {
    issues.push({ severity: 'error', message: "the seller's name is missing (Podmiot1/IdentyfikatorPodmiotu/PelnaNazwa)", field: 'JPK/Podmiot1/IdentyfikatorPodmiotu/PelnaNazwa', line: null });
    ok = false;
  }
  if (!ok || !address || name === undefined) return undefined;
  const street = address.textOf('Ulica');
  const city = address.textOf('Miejscowosc') ?? '';
  const building = [address.textOf('NrDomu'), address.textOf('NrLokalu')].filter((v) => v !== undefined).join('/');
  // Villages without streets: "Zalesie 12" (the town stands where the street would be).
  const line1 = [street ?? city, building].filter((v) => v !== '').join(' ');
  const line2 = [address.textOf('KodPocztowy'), city].filter((v) => v !== undefined && v !== '').join(' ');
  const countryCode = polish ? 'PL' : (address.textOf('KodKraju') ?? 'PL');
  return { nip, name, address: { countryCode, line1, ...(line2 === '' ? {} : { line2 }) } };
}
