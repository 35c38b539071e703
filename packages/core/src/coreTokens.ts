/**
 * Inversify service identifiers of the core services. Bind against these, never against classes,
 * so an ERP vendor can swap one implementation (e.g. an HSM-backed signer) in its own container.
 */
export const coreTokens = {
  Clock: Symbol.for('ksef-connect.Clock'),
  CryptographyService: Symbol.for('ksef-connect.CryptographyService'),
  XsdValidator: Symbol.for('ksef-connect.XsdValidator'),
  InvoiceValidator: Symbol.for('ksef-connect.InvoiceValidator'),
  InvoiceRenderer: Symbol.for('ksef-connect.InvoiceRenderer'),
  /** Bind the `KsefClientOptions` (target, context, credentials) to get a `KsefClient`. */
  KsefClientOptions: Symbol.for('ksef-connect.KsefClientOptions'),
  KsefClient: Symbol.for('ksef-connect.KsefClient'),
} as const;
