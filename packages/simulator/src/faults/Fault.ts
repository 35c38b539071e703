/**
 * One injected failure. `operation` is `METHOD /path-template` without `/v2`
 * (e.g. `POST /sessions/online/{referenceNumber}/invoices`) or `*` for every API call.
 * - `status`: answer the next `times` calls with 429 (+ Retry-After), 500 or 503 without processing them;
 * - `delay`: process them `delayMs` later;
 * - `drop`: process them, then reset the connection instead of answering (the "lost response").
 */
export type Fault =
  | { readonly operation: string; readonly kind: 'status'; readonly status: 429 | 500 | 503; readonly retryAfterSeconds?: number; times: number }
  | { readonly operation: string; readonly kind: 'delay'; readonly delayMs: number; times: number }
  | { readonly operation: string; readonly kind: 'drop'; times: number };

/** A fault as callers queue it: like {@link Fault}, with `times` optional (default 1). */
export type FaultRequest = Fault extends infer F ? (F extends Fault ? Omit<F, 'times'> & { times?: number } : never) : never;
