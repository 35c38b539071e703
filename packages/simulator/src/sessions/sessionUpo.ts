import type { UpoContext, UpoDocument, UpoSessionInfo } from '../domain/index.js';
import type { SimulatorServices } from '../SimulatorServices.js';
import type { InvoiceRecord } from '../state/InvoiceRecord.js';
import type { SessionRecord } from '../state/SessionRecord.js';

/** The UPO header data of a session. */
export function upoSession(session: SessionRecord): UpoSessionInfo {
  return {
    sessionReferenceNumber: session.referenceNumber,
    context: session.context as UpoContext,
    authentication: session.ksefTokenReference !== undefined ? { ksefTokenReferenceNumber: session.ksefTokenReference } : { signedDocumentHash: session.signedDocumentHash ?? '' },
    formCode: { systemCode: session.formCode.systemCode, schemaVersion: session.formCode.schemaVersion },
  };
}

/** The UPO entry of an accepted invoice. */
export function upoDocument(invoice: InvoiceRecord): UpoDocument {
  return {
    sellerNip: invoice.sellerNip ?? '',
    ksefNumber: invoice.ksefNumber ?? '',
    invoiceNumber: invoice.invoiceNumber ?? '',
    issueDate: invoice.issueDate ?? '',
    sentAt: new Date(invoice.invoicingDateMs),
    ksefNumberAssignedAt: new Date(invoice.acquisitionDateMs ?? invoice.invoicingDateMs),
    invoiceHash: invoice.invoiceHash,
    mode: invoice.invoicingMode ?? 'Online',
  };
}

/**
 * Issues the session UPO once a session (online or batch) is settled: its pages list every accepted
 * invoice, each page with its own reference number; records the change.
 */
export function issueSessionUpo(sim: SimulatorServices, session: SessionRecord): void {
  const accepted = session.invoices.filter((i) => i.status.code === 200);
  const pages = sim.upo.sessionUpoPages(upoSession(session), accepted.map(upoDocument));
  session.upoPages = pages.map((page) => ({ referenceNumber: sim.references.next('sessionUpo'), xml: page.xml }));
  session.updatedAtMs = sim.clock.nowMs();
  sim.changed();
}
