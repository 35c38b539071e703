import type { ApiOperation } from './ApiOperation.js';

/** One HTTP attempt of an operation, as interceptors see it. Interceptors copy it, never mutate it. */
export interface ApiCall {
  readonly operation: ApiOperation;
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | undefined;
  readonly signal: AbortSignal | undefined;
  /** An explicit bearer token (operation or refresh token); access tokens come from the token source. */
  readonly bearer: string | undefined;
  /** The reference number in the path, for error messages. */
  readonly referenceNumber: string | undefined;
}

/** A raw HTTP response: status, lower-cased headers, body bytes. */
export interface ApiResult {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: Uint8Array;
}

/** Sends one call and resolves with its response. */
export type ApiHandler = (call: ApiCall) => Promise<ApiResult>;

/** Wraps a handler with one concern (auth, retry, errors…): undici's interceptor idea, one level up. */
export type ApiInterceptor = (next: ApiHandler) => ApiHandler;
