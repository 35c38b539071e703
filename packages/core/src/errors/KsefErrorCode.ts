/**
 * Stable machine-readable error codes. Callers branch on these, never on message text; the list
 * only grows.
 */
export type KsefErrorCode =
  /** The connection failed before the request reached KSeF (refused, DNS, connect timeout). */
  | 'network.notSent'
  /** The connection broke after the request was sent: KSeF may or may not have acted on it. */
  | 'network.responseLost'
  /** No response within the configured timeout. */
  | 'network.timeout'
  /** The caller's `AbortSignal` fired. */
  | 'aborted'
  /** HTTP 429; `retryAfterMs` says how long KSeF asked us to wait. */
  | 'http.tooManyRequests'
  /** HTTP 400 with KSeF exception codes (`exceptionCodes`). */
  | 'http.badRequest'
  /** HTTP 401: the access token is missing, expired or revoked. */
  | 'http.unauthorized'
  /** HTTP 403: the authenticated subject lacks a permission (`reasonCode`). */
  | 'http.forbidden'
  /** HTTP 404. */
  | 'http.notFound'
  /** HTTP 410: the status is past its retention period. */
  | 'http.gone'
  /** HTTP 5xx. */
  | 'http.serverError'
  /** Any other unexpected status, or a body we could not read. */
  | 'http.unexpected'
  /** Authentication ended in a failure status (`GET /auth/{ref}` code ≥ 400). */
  | 'auth.failed'
  /** Authentication stayed "in progress" longer than we wait. */
  | 'auth.timeout'
  /** No usable MF public key certificate for the needed usage. */
  | 'publicKey.unavailable'
  /** The invoice failed local validation; it was not sent. */
  | 'invoice.invalid'
  /** KSeF would refuse the invoice in this session (form, attachment, size); it was not sent. */
  | 'invoice.refused'
  /** The outcome of a send could not be established (lost response, not found by hash). */
  | 'invoice.outcomeUnknown'
  /** A downloaded document's SHA-256 does not match `x-ms-meta-hash`. */
  | 'download.hashMismatch'
  /** The session ended in a failure status or is not usable for the operation. */
  | 'session.failed'
  /** We waited for a final status longer than the caller allowed. */
  | 'status.timeout';
