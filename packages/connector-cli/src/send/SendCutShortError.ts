/**
 * A `ksef send` run stopped before every file had an outcome (authentication failed, KSeF became
 * unreachable, a session could not be opened). `cause` is the error that stopped it.
 */
export class SendCutShortError extends Error {
  override readonly name = 'SendCutShortError';

  constructor(
    cause: unknown,
    /** Invoices KSeF had already taken when the run stopped, with their session references. */
    readonly sent: readonly { readonly file: string; readonly sessionReferenceNumber: string }[],
  ) {
    super('the send was cut short', { cause });
  }
}
