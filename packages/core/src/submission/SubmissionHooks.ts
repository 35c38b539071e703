import type { UpoFile } from '../sessions/SessionReader.js';
import type { SubmissionItem } from './SubmissionItem.js';
import type { SubmissionOutcome } from './SubmissionOutcome.js';

/** What is known just before an invoice's POST: enough for a ledger to record the intent. */
export interface SendIntent {
  readonly item: SubmissionItem;
  readonly sessionReferenceNumber: string;
  /** Base64 SHA-256 of the XML: KSeF's `invoiceHash`, the key to find it by after a crash. */
  readonly invoiceHash: string;
  readonly invoiceSize: number;
}

/** What is known after the POST: the invoice reference, or null when the response was lost. */
export interface SendResult extends SendIntent {
  readonly invoiceReferenceNumber: string | null;
}

/** A UPO downloaded for an accepted invoice (`invoice`) or a page of a session UPO (`session`). */
export type UpoDelivery =
  | { readonly kind: 'invoice'; readonly item: SubmissionItem; readonly ksefNumber: string; readonly sessionReferenceNumber: string; readonly file: UpoFile }
  | { readonly kind: 'session'; readonly sessionReferenceNumber: string; readonly page: number; readonly file: UpoFile };

/**
 * Callbacks a durable caller plugs in (a ledger records each step before the next network call,
 * ARCHITECTURE.md §3). Each is awaited; an error thrown by one stops the run like a network failure
 * would (the invoice concerned is reported as it stands), so nothing goes unrecorded.
 */
export interface SubmissionHooks {
  /** Before the POST: the session and hash are known, nothing has gone out. */
  readonly beforeSend?: (intent: SendIntent) => void | Promise<void>;
  /** After the POST, with the invoice reference (null: the response was lost, KSeF may have it). */
  readonly afterSend?: (result: SendResult) => void | Promise<void>;
  /** Once per input, when its outcome is final for this run. */
  readonly onOutcome?: (item: SubmissionItem, outcome: SubmissionOutcome) => void | Promise<void>;
  /** Receives each UPO; UPOs are downloaded only when this is set. */
  readonly onUpo?: (upo: UpoDelivery) => void | Promise<void>;
}
