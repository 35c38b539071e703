import type { SubmissionEvent } from '@ksef-connect/core';

/** The progress line `ksef send` prints on stderr for a submission event; undefined for events it does not show. */
export function describeSubmissionEvent(event: SubmissionEvent): string | undefined {
  switch (event.type) {
    case 'validated': {
      const invalid = event.total - event.valid;
      return `Validated ${event.total} file(s): ${event.valid} valid${invalid > 0 ? `, ${invalid} invalid (not sent)` : ''}.`;
    }
    case 'sessionOpening':
      return event.transport === 'batch'
        ? `Packing ${event.invoices} ${event.formCode} invoice(s) for a batch session…`
        : `Opening an online session for ${event.formCode} (${event.invoices} invoice(s))…`;
    case 'packageBuilt':
      return `Package of ${event.invoices} invoice(s): ${megabytes(event.bytes)} in ${event.parts} part(s); opening the batch session…`;
    case 'partUploaded':
      return `  uploaded part ${event.uploadedParts}/${event.parts} (${megabytes(event.uploadedBytes)} of ${megabytes(event.totalBytes)})`;
    case 'batchProcessed':
      return `Batch session ${event.sessionReferenceNumber} processed: ${event.invoices} invoice(s), ${event.accepted} accepted, ${event.failed} failed.`;
    case 'sessionOpened':
      return `Session ${event.sessionReferenceNumber} open.`;
    case 'sending':
      return `[${event.position}/${event.total}] sending ${event.name}…`;
    case 'sent':
      return `  → ${event.name}: invoice reference ${event.invoiceReferenceNumber}${event.recoveredByQuery ? ' (the response was lost; KSeF had it — found by its hash, not resent)' : ''}`;
    case 'sendUnknown':
      return `  → ${event.name}: outcome unknown, not resent — ${event.message}`;
    case 'sessionClosed':
      return `Session ${event.sessionReferenceNumber} closed.`;
    case 'waiting':
      return `Waiting up to ${Math.round(event.timeoutMs / 1000)} s for KSeF to process the invoices…`;
    case 'resending':
      return `${event.invoices} invoice(s) provably never reached KSeF; sending them again in a new session…`;
    case 'downloadingUpos':
      return `Downloading the UPOs of ${event.invoices} invoice(s) and their sessions…`;
    case 'stopping':
      return event.message;
    case 'problem':
      return event.message;
    case 'outcome':
      // Invalid files are listed as they are found; the other outcomes are in the final table.
      return event.outcome.kind === 'invalid' ? `  ${event.name}: not sent — ${firstIssue(event.outcome.issues)}` : undefined;
  }
}

/** Bytes in SI megabytes, as KSeF counts them. */
function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(bytes < 10_000_000 ? 2 : 1)} MB`;
}

function firstIssue(issues: readonly { readonly line: number | null; readonly message: string }[]): string {
  const first = issues[0];
  return first ? `${first.line !== null ? `line ${first.line}: ` : ''}${first.message}` : 'invalid';
}
