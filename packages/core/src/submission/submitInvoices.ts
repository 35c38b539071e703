import { InvoiceSubmission, type InvoiceSubmissionOptions, type SubmissionClient } from './InvoiceSubmission.js';
import type { SubmissionItem } from './SubmissionItem.js';
import type { SubmissionReport } from './SubmissionReport.js';

/**
 * Sends invoices to KSeF and resolves with one outcome per input (see {@link InvoiceSubmission}):
 * `await submitInvoices(client, [invoiceFromFile('fv-1.xml')], { onUpo })`.
 */
export function submitInvoices(
  client: SubmissionClient,
  items: Iterable<SubmissionItem> | AsyncIterable<SubmissionItem>,
  options: InvoiceSubmissionOptions = {},
): Promise<SubmissionReport> {
  return new InvoiceSubmission(client, options).run(items);
}
