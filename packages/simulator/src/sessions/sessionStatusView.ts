import type { ApiSchema } from '@ksef-connect/spec';
import { formatKsefDateTime } from '../domain/index.js';
import type { SimulatorServices } from '../SimulatorServices.js';
import type { SessionRecord } from '../state/SessionRecord.js';
import { isInvoiceFinal } from './SessionProcessing.js';

/** Invoice counts of a session: all, accepted, and finally rejected. */
export function invoiceCounts(session: SessionRecord): { total: number; successful: number; failed: number } {
  const successful = session.invoices.filter((i) => i.status.code === 200).length;
  const failed = session.invoices.filter((i) => isInvoiceFinal(i) && i.status.code !== 200).length;
  return { total: session.invoices.length, successful, failed };
}

/**
 * `SessionStatusResponse`: status, dates, counts, and once the session UPO exists its pages with
 * pre-signed `downloadUrl`s regenerated on every call (ksef-api.md §6.2).
 */
export function sessionStatusView(sim: SimulatorServices, origin: string, session: SessionRecord): ApiSchema<'SessionStatusResponse'> {
  const counts = invoiceCounts(session);
  const view: ApiSchema<'SessionStatusResponse'> = {
    status: session.status,
    dateCreated: formatKsefDateTime(new Date(session.createdAtMs)),
    dateUpdated: formatKsefDateTime(new Date(session.updatedAtMs)),
    validUntil: formatKsefDateTime(new Date(session.validUntilMs)),
    invoiceCount: counts.total,
    successfulInvoiceCount: counts.successful,
    failedInvoiceCount: counts.failed,
  };
  if (session.upoPages.length > 0) {
    const expires = sim.clock.nowMs() + sim.config.presignedUrlTtlSeconds * 1000;
    view.upo = {
      pages: session.upoPages.map((page) => ({
        referenceNumber: page.referenceNumber,
        downloadUrl: sim.presigned.sign(origin, `/storage/upo/${session.referenceNumber}/pages/${page.referenceNumber}`, expires),
        downloadUrlExpirationDate: formatKsefDateTime(new Date(expires)),
      })),
    };
  }
  return view;
}
