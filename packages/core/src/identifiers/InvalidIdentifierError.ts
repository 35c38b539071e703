/** The identifier kinds our parsers know, as named in the KSeF glossary. */
export type IdentifierKind =
  | 'Nip'
  | 'Pesel'
  | 'InternalId'
  | 'NipVatUe'
  | 'PeppolId'
  | 'KsefNumber'
  | 'ReferenceNumber';

/** What was wrong with the value: its type or length, its shape, or its check digits. */
export type IdentifierProblem = 'type' | 'length' | 'pattern' | 'checksum';

/**
 * Thrown by the `parse…` identifier functions. The message says what is wrong in plain words but
 * never repeats the value itself: callers sometimes pass the wrong secret-bearing string (a KSeF
 * token instead of a reference number), and such messages end up in logs.
 */
export class InvalidIdentifierError extends RangeError {
  override readonly name = 'InvalidIdentifierError';

  constructor(
    /** Which identifier was being parsed. */
    readonly identifier: IdentifierKind,
    /** The kind of defect, for callers that report pattern and checksum failures separately. */
    readonly problem: IdentifierProblem,
    message: string,
  ) {
    super(message);
  }
}
