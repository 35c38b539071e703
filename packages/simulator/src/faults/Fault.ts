/** The one operation a `processingError` fault may name: closing a batch session starts its processing. */
export const batchCloseOperation = 'POST /sessions/batch/{referenceNumber}/close';

/**
 * The pre-signed upload of a batch part (outside `/v2`): `status`, `delay` and `drop` faults apply
 * to it, and it is the one operation a `corruptPart` fault may name.
 */
export const batchPartUploadOperation = 'PUT /storage/batch/{referenceNumber}/parts/{ordinalNumber}';

/**
 * One injected failure. `operation` is `METHOD /path-template` without `/v2`
 * (e.g. `POST /sessions/online/{referenceNumber}/invoices`) or `*` for every API call.
 * - `status`: answer the next `times` calls with 429 (+ Retry-After), 500 or 503 without processing them;
 * - `delay`: process them `delayMs` later;
 * - `drop`: process them, then reset the connection instead of answering (the "lost response");
 * - `processingError`: only for {@link batchCloseOperation}; the close is accepted (204), but the
 *   batch session's processing then ends with 500 "Nieznany błąd ({statusCode})" — no invoices,
 *   no UPO (open-api.json `SessionStatusResponse.status`). `statusCode` defaults to 500.
 * - `corruptPart`: only for {@link batchPartUploadOperation}; the upload answers 201 but the part is
 *   stored with its first byte flipped (damaged in storage), so the session's processing ends with
 *   405 (the part does not match its declared hash).
 */
export type Fault =
  | { readonly operation: string; readonly kind: 'status'; readonly status: 429 | 500 | 503; readonly retryAfterSeconds?: number; times: number }
  | { readonly operation: string; readonly kind: 'delay'; readonly delayMs: number; times: number }
  | { readonly operation: string; readonly kind: 'drop'; times: number }
  | { readonly operation: string; readonly kind: 'processingError'; readonly statusCode?: number; times: number }
  | { readonly operation: string; readonly kind: 'corruptPart'; times: number };

/** A fault the HTTP layer applies around a call (everything but `processingError` and `corruptPart`). */
export type TransportFault = Exclude<Fault, { kind: 'processingError' | 'corruptPart' }>;

/** A fault the part upload applies to the bytes it stores. */
export type CorruptPartFault = Extract<Fault, { kind: 'corruptPart' }>;

/** A fault the batch processing applies after an accepted close. */
export type ProcessingErrorFault = Extract<Fault, { kind: 'processingError' }>;

/** A fault as callers queue it: like {@link Fault}, with `times` optional (default 1). */
export type FaultRequest = Fault extends infer F ? (F extends Fault ? Omit<F, 'times'> & { times?: number } : never) : never;
