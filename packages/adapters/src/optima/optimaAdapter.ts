import type { InvoiceDraft } from '@ksef-connect/core';
import type { Adapter, AdapterInput, AdapterOptions, AdapterResult } from '../Adapter.js';
import type { DocumentReport, ReportIssue } from '../MappingReport.js';
import { DocumentReportBuilder } from '../report/DocumentReportBuilder.js';
import { decodeText } from '../text/decodeText.js';
import { elementLines } from '../xml/elementLines.js';
import { parseXml } from '../xml/parseXml.js';
import { mapOptimaDocument } from './mapOptimaDocument.js';

/** Options of the Optima adapter. */
export interface OptimaAdapterOptions extends AdapterOptions {
  /** The legal basis written for exempt lines (FLAGA 1), e.g. `art. 43 ust. 1 pkt 37 ustawy o VAT`. */
  readonly exemptionBasis?: string;
}

const optimaNamespace = 'http://www.cdn.com.pl/optima/dokument';

/**
 * Comarch ERP Optima XML document export (`ROOT` → `DOKUMENT` → `NAGLOWEK`/`POZYCJE`/`TABELKA_VAT`,
 * namespace http://www.cdn.com.pl/optima/dokument). Comarch publishes no schema: the element names
 * come from public descriptions, and the adapter README lists every assumption.
 */
export const optimaAdapter: Adapter<OptimaAdapterOptions> = {
  name: 'optima',
  description: 'Comarch ERP Optima XML document export (sales invoices and corrections; no public schema, see README)',
  fileExtensions: ['.xml'],
  map(input: AdapterInput, options: OptimaAdapterOptions = {}): AdapterResult {
    const decoded = decodeText(input.bytes, options.encoding === undefined ? {} : { encoding: options.encoding });
    const issues: ReportIssue[] = [...decoded.issues];
    const drafts: InvoiceDraft[] = [];
    const documents: DocumentReport[] = [];
    const result = (): AdapterResult => ({ drafts, report: { input: input.name, encoding: decoded.encoding, issues, documents } });
    const parsed = parseXml(decoded.text);
    if (!parsed.ok) {
      issues.push({ severity: 'error', message: parsed.message, field: null, line: parsed.line });
      return result();
    }
    if (parsed.rootName !== 'ROOT') {
      issues.push({ severity: 'error', message: `the document element is <${parsed.rootName.slice(0, 40)}>, not <ROOT>: not an Optima document export`, field: parsed.rootName.slice(0, 40), line: null });
      return result();
    }
    if (!decoded.text.includes(optimaNamespace)) {
      issues.push({ severity: 'warning', message: `the namespace ${optimaNamespace} is not declared: read as an Optima export anyway`, field: 'ROOT', line: null });
    }
    const lines = elementLines(decoded.text, 'DOKUMENT');
    const docs = parsed.root.all('DOKUMENT');
    if (docs.length === 0) issues.push({ severity: 'warning', message: 'the file holds no DOKUMENT', field: 'ROOT/DOKUMENT', line: null });
    docs.forEach((doc, i) => {
      const report = new DocumentReportBuilder();
      const line = lines[i] ?? null;
      const mapped = mapOptimaDocument(doc, line, options, report);
      if (mapped.skipped) {
        issues.push({ severity: 'warning', message: `document ${report.number ?? `#${i + 1}`} skipped: ${mapped.reason}`, field: `${doc.path}/NAGLOWEK/TYP_DOKUMENTU`, line });
        return;
      }
      documents.push(report.finish(mapped.draft, drafts));
    });
    return result();
  },
};
