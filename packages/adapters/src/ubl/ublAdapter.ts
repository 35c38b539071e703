import type { InvoiceDraft } from '@ksef-connect/core';
import type { Adapter, AdapterInput, AdapterOptions, AdapterResult } from '../Adapter.js';
import type { DocumentReport } from '../MappingReport.js';
import { DocumentReportBuilder } from '../report/DocumentReportBuilder.js';
import { decodeText } from '../text/decodeText.js';
import { elementLines } from '../xml/elementLines.js';
import { parseXml } from '../xml/parseXml.js';
import { mapUblDocument } from './mapUblDocument.js';

/** The encoding an XML declaration names (`<?xml version="1.0" encoding="windows-1250"?>`), if any. */
function declaredEncoding(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  return /^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1];
}

/** UBL 2.1 Invoice and CreditNote (EN 16931, PEPPOL BIS Billing 3) → FA(3). One document per file. */
export const ublAdapter: Adapter = {
  name: 'ubl',
  description: 'UBL 2.1 / PEPPOL BIS Billing 3 Invoice and CreditNote (EN 16931)',
  fileExtensions: ['.xml'],
  map(input: AdapterInput, options: AdapterOptions = {}): AdapterResult {
    // XML names its own encoding; a forced --encoding still wins, UTF-8 is XML's default.
    const declared = declaredEncoding(input.bytes);
    const decoded = decodeText(input.bytes, { ...(options.encoding ?? declared) === undefined ? {} : { encoding: options.encoding ?? declared } });
    const issues = [...decoded.issues];
    const drafts: InvoiceDraft[] = [];
    const documents: DocumentReport[] = [];
    // UBL's aggregates are cac:, its leaves cbc: — paths in the report read like the source.
    const parsed = parseXml(decoded.text, (name, hasChildren) => `${hasChildren ? 'cac' : 'cbc'}:${name}`);
    if (!parsed.ok) {
      issues.push({ severity: 'error', message: `${input.name}: ${parsed.message}`, field: null, line: parsed.line });
    } else if (parsed.rootName !== 'Invoice' && parsed.rootName !== 'CreditNote') {
      issues.push({ severity: 'error', message: `${input.name}: the document element is <${parsed.rootName}>, not a UBL <Invoice> or <CreditNote>`, field: parsed.rootName, line: null });
    } else {
      const report = new DocumentReportBuilder();
      const { draft, lineNumbers } = mapUblDocument(parsed.root, parsed.rootName, {
        report,
        sellerNip: options.sellerNip,
        lineNumbers: elementLines(decoded.text, parsed.rootName === 'Invoice' ? 'InvoiceLine' : 'CreditNoteLine'),
      });
      documents.push(report.finish(draft, drafts, lineNumbers));
    }
    return { drafts, report: { input: input.name, encoding: decoded.encoding, issues, documents } };
  },
};
