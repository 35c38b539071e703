import type { ApiSchema } from '@ksef-connect/spec';

/** An invoice's status in KSeF (`InvoiceStatusInfo`): 100/150 in progress, 200 accepted, ≥ 400 rejected. */
export interface InvoiceStatus {
  readonly code: number;
  readonly description: string;
  readonly details: readonly string[];
  /** E.g. `originalKsefNumber`/`originalSessionReferenceNumber` on a 440 duplicate. */
  readonly extensions: Readonly<Record<string, string | null>>;
}

/** What KSeF knows about one invoice of a session. */
export interface InvoiceOutcome {
  readonly sessionReferenceNumber: string;
  /** The invoice's own reference (`…-EE-…`). */
  readonly referenceNumber: string;
  readonly ordinalNumber: number;
  readonly invoiceNumber: string | null;
  readonly invoiceHash: string;
  /** Set once the invoice is accepted (status 200). */
  readonly ksefNumber: string | null;
  readonly status: InvoiceStatus;
  /** True when the status will not change any more (not 100/150). */
  readonly final: boolean;
  /** Pre-signed UPO link (no Authorization), when KSeF offered one. */
  readonly upoDownloadUrl: string | null;
}

/** Maps KSeF's `SessionInvoiceStatusResponse` to an outcome. */
export function invoiceOutcome(sessionReferenceNumber: string, body: ApiSchema<'SessionInvoiceStatusResponse'>): InvoiceOutcome {
  const { code, description, details, extensions } = body.status;
  return {
    sessionReferenceNumber,
    referenceNumber: body.referenceNumber,
    ordinalNumber: body.ordinalNumber,
    invoiceNumber: body.invoiceNumber ?? null,
    invoiceHash: body.invoiceHash,
    ksefNumber: body.ksefNumber ?? null,
    status: { code, description, details: details ?? [], extensions: extensions ?? {} },
    final: code !== 100 && code !== 150,
    upoDownloadUrl: body.upoDownloadUrl ?? null,
  };
}
