import type { InvoiceStatus } from '../sessions/InvoiceOutcome.js';
import type { SubmissionIssue } from './SubmissionIssue.js';

/**
 * How one submitted invoice ended. Exactly one per input, matched by the invoice's hash:
 * - `accepted`: KSeF gave it a KSeF number in this run;
 * - `alreadyInKsef`: KSeF already had this very document (a 440 duplicate whose original has the
 *   same SHA-256): `ksefNumber` is the original's — a rerun after an interruption ends here;
 * - `rejected`: KSeF refused it (status ≥ 400, or a 400 on upload), or its number is already used
 *   by a different document;
 * - `invalid`: refused by local validation; never sent;
 * - `notSent`: never reached KSeF (the run stopped first, or KSeF provably does not have it);
 *   sending it again is safe;
 * - `unknown`: KSeF took it or may have taken it, and its status is not final yet: look it up
 *   later by the references given, never send it blindly again.
 */
export type SubmissionOutcomeKind = 'accepted' | 'alreadyInKsef' | 'rejected' | 'invalid' | 'notSent' | 'unknown';

/** One invoice's outcome; null where a value does not exist. */
export interface SubmissionOutcome {
  readonly kind: SubmissionOutcomeKind;
  /** Accepted: its KSeF number; alreadyInKsef: the original's. */
  readonly ksefNumber: string | null;
  /** The session it was sent in (the last one, after a resend). */
  readonly sessionReferenceNumber: string | null;
  /** Its invoice reference (`…-EE-…`) in that session. */
  readonly invoiceReferenceNumber: string | null;
  /** KSeF's last known status of it. */
  readonly status: InvoiceStatus | null;
  /** Why it was not sent (`invalid`). */
  readonly issues: readonly SubmissionIssue[];
  /** One sentence on what happened and, unless accepted, what to do next. */
  readonly message: string;
}
