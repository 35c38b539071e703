import type { ApiSchema } from '@ksef-connect/spec';
import { formatKsefDateTime } from '../domain/index.js';
import type { SimulatorServices } from '../SimulatorServices.js';
import type { InvoiceRecord } from '../state/InvoiceRecord.js';
import type { SessionRecord } from '../state/SessionRecord.js';

const at = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : formatKsefDateTime(new Date(ms)));

/**
 * `SessionInvoiceStatusResponse` for one invoice; an accepted invoice carries a fresh pre-signed
 * `upoDownloadUrl` (no Bearer token needed, expires — ksef-api.md §6.3).
 */
export function invoiceStatusView(sim: SimulatorServices, origin: string, session: SessionRecord, invoice: InvoiceRecord): ApiSchema<'SessionInvoiceStatusResponse'> {
  const view: ApiSchema<'SessionInvoiceStatusResponse'> = {
    ordinalNumber: invoice.ordinalNumber,
    referenceNumber: invoice.referenceNumber,
    invoiceHash: invoice.invoiceHash,
    invoicingDate: formatKsefDateTime(new Date(invoice.invoicingDateMs)),
    status: invoice.status,
  };
  if (invoice.invoiceNumber !== undefined && invoice.invoiceNumber !== '') view.invoiceNumber = invoice.invoiceNumber;
  if (invoice.invoiceFileName !== undefined) view.invoiceFileName = invoice.invoiceFileName;
  if (invoice.ksefNumber !== undefined) view.ksefNumber = invoice.ksefNumber;
  const acquisition = at(invoice.acquisitionDateMs);
  if (acquisition !== undefined) view.acquisitionDate = acquisition;
  const storage = at(invoice.permanentStorageDateMs);
  if (storage !== undefined) view.permanentStorageDate = storage;
  if (invoice.invoicingMode !== undefined) view.invoicingMode = invoice.invoicingMode;
  if (invoice.upoXml !== undefined) {
    const expires = sim.clock.nowMs() + sim.config.presignedUrlTtlSeconds * 1000;
    view.upoDownloadUrl = sim.presigned.sign(origin, `/storage/upo/${session.referenceNumber}/invoices/${invoice.referenceNumber}`, expires);
    view.upoDownloadUrlExpirationDate = formatKsefDateTime(new Date(expires));
  }
  return view;
}
