import type { FormCodeName } from '../fa/validation/FormCodeName.js';
import type { SubmissionOutcome } from './SubmissionOutcome.js';

/**
 * Progress of a submission, for a progress display or a log. Nothing depends on them being
 * handled; the outcomes come through `onOutcome` and the report.
 */
export type SubmissionEvent =
  | { readonly type: 'validated'; readonly total: number; readonly valid: number }
  | { readonly type: 'sessionOpening'; readonly formCode: FormCodeName; readonly invoices: number; readonly transport: 'online' | 'batch' }
  /** Batch: the package of a session is built (archive bytes before encryption, encrypted parts). */
  | { readonly type: 'packageBuilt'; readonly formCode: FormCodeName; readonly invoices: number; readonly bytes: number; readonly parts: number }
  /** Batch: one more part of a session's package is stored; counts so far. */
  | { readonly type: 'partUploaded'; readonly sessionReferenceNumber: string; readonly uploadedParts: number; readonly parts: number; readonly uploadedBytes: number; readonly totalBytes: number }
  | { readonly type: 'sessionOpened'; readonly formCode: FormCodeName; readonly sessionReferenceNumber: string }
  | { readonly type: 'sending'; readonly name: string; readonly position: number; readonly total: number }
  | { readonly type: 'sent'; readonly name: string; readonly invoiceReferenceNumber: string; readonly recoveredByQuery: boolean }
  | { readonly type: 'sendUnknown'; readonly name: string; readonly sessionReferenceNumber: string; readonly message: string }
  | { readonly type: 'sessionClosed'; readonly sessionReferenceNumber: string }
  /** Batch: KSeF finished processing a session's package (counts from its status). */
  | { readonly type: 'batchProcessed'; readonly sessionReferenceNumber: string; readonly invoices: number; readonly accepted: number; readonly failed: number }
  | { readonly type: 'waiting'; readonly sessions: number; readonly timeoutMs: number }
  | { readonly type: 'resending'; readonly invoices: number }
  | { readonly type: 'downloadingUpos'; readonly invoices: number }
  | { readonly type: 'stopping'; readonly reason: 'interrupted' | 'error'; readonly message: string }
  | { readonly type: 'problem'; readonly message: string }
  | { readonly type: 'outcome'; readonly name: string; readonly outcome: SubmissionOutcome };
