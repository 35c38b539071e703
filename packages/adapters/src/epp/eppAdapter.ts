import type { InvoiceDraft } from '@ksef-connect/core';
import type { Adapter, AdapterInput, AdapterOptions, AdapterResult } from '../Adapter.js';
import type { DocumentReport, ReportIssue } from '../MappingReport.js';
import { DocumentReportBuilder } from '../report/DocumentReportBuilder.js';
import { EppRegisters } from './EppRegisters.js';
import { mapEppDocument } from './mapEppDocument.js';
import { readEppFile } from './readEppFile.js';

/** Options of the EDI++ adapter. */
export interface EppAdapterOptions extends AdapterOptions {
  /** The legal basis written for exempt (`zw`) lines, e.g. `art. 43 ust. 1 pkt 37 ustawy o VAT`: EDI++ carries none. */
  readonly exemptionBasis?: string;
}

/**
 * InsERT EDI++ (`.epp`, format 1.05–1.11, "Komunikacja EDI++"): sales invoices and their corrections
 * from Subiekt GT, Navireo, Rewizor and the web invoicing apps that export it — item exports and
 * accounting-office exports with VAT-rate rows. One file, many documents.
 */
export const eppAdapter: Adapter<EppAdapterOptions> = {
  name: 'epp',
  description: 'InsERT EDI++ (.epp 1.11) sales invoices and corrections, item or accounting-office exports',
  fileExtensions: ['.epp'],
  map(input: AdapterInput, options: EppAdapterOptions = {}): AdapterResult {
    const file = readEppFile(input.bytes, options.encoding);
    const issues: ReportIssue[] = [...file.issues];
    const drafts: InvoiceDraft[] = [];
    const documents: DocumentReport[] = [];
    if (file.info) {
      const purpose = (file.info.fields[1] ?? '').trim();
      const registers = new EppRegisters(file.registers);
      for (const keyword of registers.unused) {
        issues.push({ severity: 'warning', message: `register ${keyword.slice(0, 40)} has no FA(3) counterpart and was not read`, field: `NAGLOWEK ${keyword.slice(0, 40)}`, line: null });
      }
      const version = (file.info.fields[0] ?? '').trim();
      if (version !== '' && !/^1\.(0[5-9]|1[01])/.test(version)) {
        issues.push({ severity: 'warning', message: `EDI++ version "${version.slice(0, 10)}" is not one of 1.05–1.11 described by InsERT: read as 1.11`, field: 'INFO.1', line: file.info.line });
      }
      // A settlement invoice names the advance invoices it settles; EDI++ links them only through the
      // order number (NAGLOWEK.10), so collect the advance invoices of this file by order first.
      const advanceInvoicesByOrder = new Map<string, string[]>();
      for (const doc of file.documents) {
        const type = (doc.header.fields[0] ?? '').trim().toUpperCase();
        const status = Number((doc.header.fields[40] ?? '').trim()) % 100;
        const order = (doc.header.fields[9] ?? '').trim();
        const number = (doc.header.fields[6] ?? '').trim();
        if (type === 'FS' && (status === 1 || status === 37) && order !== '' && number !== '') {
          advanceInvoicesByOrder.set(order, [...(advanceInvoicesByOrder.get(order) ?? []), number]);
        }
      }
      for (const doc of file.documents) {
        const report = new DocumentReportBuilder();
        const result = mapEppDocument(doc, {
          info: file.info,
          registers,
          advanceInvoicesByOrder,
          accountingOffice: purpose === '0',
          ...(options.sellerNip === undefined ? {} : { sellerNip: options.sellerNip }),
          ...(options.exemptionBasis === undefined ? {} : { exemptionBasis: options.exemptionBasis }),
        }, report);
        if (result.skipped) {
          issues.push(result.issue);
          continue;
        }
        documents.push(report.finish(result.draft, drafts, result.lineNumbers));
      }
      if (file.documents.length === 0) issues.push({ severity: 'warning', message: 'the file holds no documents', field: null, line: null });
    }
    return { drafts, report: { input: input.name, encoding: file.encoding, issues, documents } };
  },
};
