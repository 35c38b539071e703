import type { InvoiceOutcome } from '../sessions/InvoiceOutcome.js';
import type { SessionReader } from '../sessions/SessionReader.js';

/** How a 440 duplicate compares with the original KSeF names. */
export type DuplicateVerdict =
  /** The very same document (same SHA-256) is in KSeF: `original` is its entry in its session. */
  | { readonly kind: 'sameDocument'; readonly sessionReferenceNumber: string; readonly original: InvoiceOutcome }
  /** The invoice number is taken by a different document. */
  | { readonly kind: 'differentDocument'; readonly originalKsefNumber: string; readonly sessionReferenceNumber: string }
  /** Not a duplicate with a named original, or the original could not be read: `reason` says which. */
  | { readonly kind: 'uncompared'; readonly reason: string };

/**
 * Judges 440 duplicates by content. KSeF's duplicate key is seller NIP, invoice kind and number
 * (`faktury/weryfikacja-faktury.md`); its 440 names the original's KSeF number and session in the
 * status extensions. Reading that session's invoice list tells whether the original has the same
 * SHA-256 — a rerun after an interruption — or is another document reusing the number. Each original
 * session is listed once however many duplicates point to it (a rerun of a folder makes one per
 * invoice); a failed read is tried again for the next duplicate.
 */
export class DuplicateOriginals {
  readonly #listed = new Map<string, Promise<ReadonlyMap<string, InvoiceOutcome>>>();

  constructor(
    private readonly client: { session(referenceNumber: string): SessionReader },
    private readonly signal?: AbortSignal,
  ) {}

  /** The verdict for `duplicate` (KSeF's entry with status 440) whose own document hashes to `invoiceHash`. */
  async judge(duplicate: InvoiceOutcome, invoiceHash: string): Promise<DuplicateVerdict> {
    const originalKsefNumber = duplicate.status.extensions['originalKsefNumber'];
    const originalSession = duplicate.status.extensions['originalSessionReferenceNumber'];
    if (duplicate.status.code !== 440 || !originalKsefNumber) return { kind: 'uncompared', reason: 'KSeF named no original' };
    if (!originalSession) return { kind: 'uncompared', reason: 'KSeF did not name the original session' };
    let original: InvoiceOutcome | undefined;
    try {
      original = (await this.#list(originalSession)).get(originalKsefNumber);
    } catch (error) {
      return { kind: 'uncompared', reason: `session ${originalSession} could not be read: ${error instanceof Error ? error.message : String(error)}` };
    }
    if (original === undefined) return { kind: 'uncompared', reason: `session ${originalSession} does not list ${originalKsefNumber}` };
    return original.invoiceHash === invoiceHash
      ? { kind: 'sameDocument', sessionReferenceNumber: originalSession, original }
      : { kind: 'differentDocument', originalKsefNumber, sessionReferenceNumber: originalSession };
  }

  #list(sessionReferenceNumber: string): Promise<ReadonlyMap<string, InvoiceOutcome>> {
    let listed = this.#listed.get(sessionReferenceNumber);
    if (listed === undefined) {
      listed = (async () => {
        const byKsefNumber = new Map<string, InvoiceOutcome>();
        for await (const invoice of this.client.session(sessionReferenceNumber).invoices(this.signal)) {
          if (invoice.ksefNumber !== null) byKsefNumber.set(invoice.ksefNumber, invoice);
        }
        return byKsefNumber;
      })();
      listed.catch(() => this.#listed.delete(sessionReferenceNumber));
      this.#listed.set(sessionReferenceNumber, listed);
    }
    return listed;
  }
}
