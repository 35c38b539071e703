/** What a route handler answers: a status, a body (JSON value or raw bytes) and extra headers. */
export interface RouteResult {
  readonly status: number;
  /** A JSON value (serialised with `application/json`) or raw bytes with `contentType`. */
  readonly body?: unknown;
  readonly raw?: { readonly bytes: Buffer; readonly contentType: string };
  readonly headers?: Readonly<Record<string, string>>;
  /** Fault injection: the server did the work but the client never gets the answer ("lost response"). */
  readonly dropConnection?: boolean;
}

/** A JSON answer. */
export function json(status: number, body: unknown, headers?: Record<string, string>): RouteResult {
  return { status, body, ...(headers === undefined ? {} : { headers }) };
}

/** An answer without a body (204, 201 uploads). */
export function empty(status: number, headers?: Record<string, string>): RouteResult {
  return { status, ...(headers === undefined ? {} : { headers }) };
}

/** Raw bytes with a content type (UPO XML). */
export function raw(status: number, bytes: Buffer, contentType: string, headers?: Record<string, string>): RouteResult {
  return { status, raw: { bytes, contentType }, ...(headers === undefined ? {} : { headers }) };
}
