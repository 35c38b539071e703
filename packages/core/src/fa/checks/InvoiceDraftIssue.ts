/**
 * A problem found in an `InvoiceDraft` before rendering. `path` names the draft field the way code
 * reaches it (`lines[2].vatRate`, `buyer.id.nip`); `message` says what is wrong and what to do.
 * Errors stop rendering; warnings are reported and rendering goes on.
 */
export interface InvoiceDraftIssue {
  readonly path: string;
  readonly severity: 'error' | 'warning';
  readonly message: string;
}
