import type { SubmissionIssue, SubmissionOutcomeKind } from '@ksef-connect/core';

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

/** A local problem that kept a file from being sent: a validation error, a rule KSeF would refuse it by (`refused`), a file changed meanwhile (`changed`). */
export type LocalIssue = SubmissionIssue;

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
  /** How it ended: accepted, alreadyInKsef, rejected, invalid, notSent or unknown (core's `SubmissionOutcome`). */
  readonly outcome: SubmissionOutcomeKind;
  /** What happened and, unless accepted, what to do next. */
  readonly message: string;
}

/** The whole outcome of a `ksef send` run: exactly the `--json` shape. */
export interface SendReport {
  readonly sessions: readonly SessionReport[];
  readonly invoices: readonly InvoiceReport[];
  /** Why the run ended early (not part of the JSON: the exit code says it); null when it ran to the end. */
  readonly stopped?: 'interrupted' | 'error' | null;
  /** The error that stopped it, when `stopped` is `error`. */
  readonly error?: unknown;
}

/**
 * The exit code of a run that was not cut short: 1 some file was not sent (run again to send it);
 * 3 some outcome is still unknown (it takes precedence over rejections: those need looking up);
 * 2 some file was rejected or invalid; 0 every file is in KSeF (accepted now or already).
 */
export function sendExitCode(report: SendReport): 0 | 1 | 2 | 3 {
  const kinds = new Set(report.invoices.map((i) => i.outcome));
  if (kinds.has('notSent')) return 1;
  if (kinds.has('unknown')) return 3;
  if (kinds.has('rejected') || kinds.has('invalid')) return 2;
  return 0;
}
