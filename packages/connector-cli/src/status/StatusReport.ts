import type { InvoiceStatusReport } from '../send/SendReport.js';

/** How one invoice stands: in KSeF (`accepted`, or `alreadyInKsef` from an earlier session), `rejected`, still `processing`, or `notFound` in the session. */
export type InvoiceLookupOutcome = 'accepted' | 'alreadyInKsef' | 'rejected' | 'processing' | 'notFound';

/** The session in the `ksef status --json` report. */
export interface SessionStatusReport {
  readonly referenceNumber: string;
  readonly status: { readonly code: number; readonly description: string; readonly details: readonly string[] };
  readonly invoiceCount: number | null;
  readonly successfulInvoiceCount: number | null;
  readonly failedInvoiceCount: number | null;
  /** Session UPO pages written to `--upo-dir`. */
  readonly upoFiles: readonly string[];
}

/** One invoice in the `ksef status --json` report; null where a value does not exist. */
export interface InvoiceLookupReport {
  readonly referenceNumber: string;
  readonly invoiceHash: string | null;
  readonly invoiceNumber: string | null;
  /** The KSeF number: its own when accepted, the original's when `alreadyInKsef`. */
  readonly ksefNumber: string | null;
  /** KSeF's last status of the invoice; null when the session does not list it. */
  readonly status: InvoiceStatusReport | null;
  readonly upoFile: string | null;
  readonly outcome: InvoiceLookupOutcome;
  /** What the outcome means and, unless accepted, what to do next. */
  readonly message: string;
}

/** The whole outcome of `ksef status`: exactly the `--json` shape. */
export interface StatusReport {
  readonly session: SessionStatusReport;
  readonly invoices: readonly InvoiceLookupReport[];
}

/**
 * The exit code, as `ksef send`'s: 1 some `--invoice` reference is not in the session (a wrong
 * argument); 3 some invoice is still processing; 2 some was rejected; 0 every listed invoice is in
 * KSeF (accepted, or alreadyInKsef). A session that lists no invoice goes by its own status: a batch
 * session lists its invoices only once processed (3 until then), and a failed or cancelled session
 * (≥ 400) took none of them (2).
 */
export function statusExitCode(report: StatusReport): 0 | 1 | 2 | 3 {
  if (report.invoices.length === 0) {
    const { code } = report.session.status;
    if (code === 100 || code === 150 || code === 170) return 3;
    if (code >= 400) return 2;
    return 0;
  }
  const kinds = new Set(report.invoices.map((i) => i.outcome));
  if (kinds.has('notFound')) return 1;
  if (kinds.has('processing')) return 3;
  if (kinds.has('rejected')) return 2;
  return 0;
}
