import type { BatchFileDeclaration } from '../domain/index.js';
import type { SessionRecord } from '../state/SessionRecord.js';

/**
 * What a batch session keeps besides the common session record (`SessionRecord.batch`): the
 * declaration, the upload window and the uploaded parts (Base64, so a `dataDir` snapshot keeps them
 * until the package is processed).
 */
export interface BatchSessionData {
  readonly declaration: BatchFileDeclaration;
  readonly offlineMode: boolean;
  /** End of the upload window: parts × 20 min from opening (`sesja-wsadowa.md`). */
  readonly uploadWindowEndsAtMs: number;
  /** Uploaded encrypted parts by ordinal number. Dropped once the package is processed. */
  partsBase64: Record<string, string>;
  /** Sizes of the uploaded parts, kept after the bytes are dropped. */
  partSizes: Record<string, number>;
  /** Set at close by an injected `processingError` fault: processing then ends with 500 "Nieznany błąd (statusCode)". */
  failWithStatusCode?: number;
  /** Set once the package is verified and unpacked: its invoices are listed and go through their own stages. */
  unpacked?: boolean;
}

/** The batch data of `session`; throws for an online session (a programming error). */
export function batchData(session: SessionRecord): BatchSessionData {
  if (session.kind !== 'Batch' || session.batch === undefined) throw new Error(`session ${session.referenceNumber} is not a batch session`);
  return session.batch as unknown as BatchSessionData;
}
