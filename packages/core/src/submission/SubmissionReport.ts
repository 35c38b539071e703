import type { FormCodeName } from '../fa/validation/FormCodeName.js';
import type { SubmissionOutcome } from './SubmissionOutcome.js';

/** A session a submission opened. */
export interface SubmittedSession {
  readonly referenceNumber: string;
  readonly formCode: FormCodeName;
  /** The last status read; null if none could be read. */
  readonly status: { readonly code: number; readonly description: string } | null;
}

/** One input of a submission and its outcome. */
export interface SubmittedInvoice {
  readonly name: string;
  /** Base64 SHA-256 of the XML; null when it could not be read. */
  readonly invoiceHash: string | null;
  /** The form it was validated as; null when none could be detected. */
  readonly formCode: FormCodeName | null;
  readonly outcome: SubmissionOutcome;
}

/** The whole result of a submission, one entry per input in input order. */
export interface SubmissionReport {
  readonly sessions: readonly SubmittedSession[];
  readonly invoices: readonly SubmittedInvoice[];
  /** Why the run ended early: `interrupted` (its signal fired) or `error` (see `error`); null when it ran to the end. */
  readonly stopped: 'interrupted' | 'error' | null;
  /** The error that stopped the run, when `stopped` is `error`. */
  readonly error: unknown;
}
