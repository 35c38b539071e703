import type { InvoiceReport, SendReport } from './SendReport.js';

/**
 * A `ksef send` run stopped before every file had an outcome (authentication failed, KSeF became
 * unreachable, a session could not be opened). `cause` is the error that stopped it; `report` has
 * one entry per input file with what was known when it stopped (no final statuses were awaited).
 */
export class SendCutShortError extends Error {
  override readonly name = 'SendCutShortError';

  constructor(
    cause: unknown,
    readonly report: SendReport,
  ) {
    super('the send was cut short', { cause });
  }

  /** Files KSeF took (an invoice reference) or may have taken (the send's outcome is unknown). */
  get sent(): readonly InvoiceReport[] {
    return this.report.invoices.filter((i) => i.sessionReferenceNumber !== null && (i.referenceNumber !== null || i.status === null));
  }
}
