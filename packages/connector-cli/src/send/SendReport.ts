import type { ValidationIssue } from '@ksef-connect/core';

/** A session in the `ksef send --json` report. */
export interface SessionReport {
  readonly referenceNumber: string;
  readonly formCode: string;
  /** The last status read; null if it could not be read. */
  readonly status: { readonly code: number; readonly description: string } | null;
  /** Session UPO pages written to `--upo-dir`. */
  readonly upoFiles: readonly string[];
}

/** KSeF's status of one invoice, as reported. */
export interface InvoiceStatusReport {
  readonly code: number;
  readonly description: string;
  readonly details: readonly string[];
  /** E.g. `originalKsefNumber` and `originalSessionReferenceNumber` on a 440 duplicate; null when KSeF sent none. */
  readonly extensions: Readonly<Record<string, string | null>> | null;
}

/** A local problem that kept a file from being sent: a validation error, or a rule KSeF would refuse it by (`rule: "refused"`). */
export type LocalIssue = Omit<ValidationIssue, 'rule'> & { readonly rule: ValidationIssue['rule'] | 'refused' };

/** One input file in the `ksef send --json` report; null where a value does not exist. */
export interface InvoiceReport {
  readonly file: string;
  readonly sessionReferenceNumber: string | null;
  readonly referenceNumber: string | null;
  readonly ksefNumber: string | null;
  /** KSeF's last known status; null when the file was never sent or its send's outcome is unknown. */
  readonly status: InvoiceStatusReport | null;
  readonly validationErrors: readonly LocalIssue[];
  readonly upoFile: string | null;
}

/** The whole outcome of a `ksef send` run: exactly the `--json` shape. */
export interface SendReport {
  readonly sessions: readonly SessionReport[];
  readonly invoices: readonly InvoiceReport[];
}

/** What became of one file. */
export type InvoiceResult = 'accepted' | 'rejected' | 'unknown';

/** Accepted (has a KSeF number), rejected (locally or with a final KSeF status), or still unknown. */
export function invoiceResult(invoice: InvoiceReport): InvoiceResult {
  if (invoice.ksefNumber !== null) return 'accepted';
  if (invoice.validationErrors.length > 0) return 'rejected';
  if (invoice.status !== null && invoice.status.code !== 100 && invoice.status.code !== 150) return 'rejected';
  return 'unknown';
}

/**
 * The exit code of a run that finished: 0 every file got a KSeF number; 3 some outcome is still
 * unknown (it takes precedence: those need looking up); 2 some file was rejected.
 */
export function sendExitCode(report: SendReport): 0 | 2 | 3 {
  const results = report.invoices.map(invoiceResult);
  if (results.includes('unknown')) return 3;
  if (results.includes('rejected')) return 2;
  return 0;
}
