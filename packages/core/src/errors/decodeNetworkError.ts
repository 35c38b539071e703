import { KsefError } from './KsefError.js';

// Errors raised before a single byte of the request left this machine: the server cannot have
// acted on it, so even a creating POST may be repeated.
const notSentCodes = new Set([
  'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT',
  'ERR_TLS_CERT_ALTNAME_INVALID', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'DEPTH_ZERO_SELF_SIGNED_CERT',
]);

/** Context of a failed attempt. */
export interface NetworkFailure {
  readonly operation: string;
  readonly referenceNumber?: string | undefined;
  /** The caller's signal: when it aborted, the failure is a cancellation, not a network error. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * Classifies an exception thrown by the HTTP layer: cancelled by the caller, not sent at all (safe
 * to repeat), timed out, or lost after sending (KSeF may have acted: query before repeating).
 */
export function decodeNetworkError(error: unknown, failure: NetworkFailure): KsefError {
  if (error instanceof KsefError) return error;
  const ref = failure.referenceNumber ? ` (reference ${failure.referenceNumber})` : '';
  const base = { operation: failure.operation, cause: error, ...(failure.referenceNumber !== undefined && { referenceNumber: failure.referenceNumber }) };
  if (failure.signal?.aborted) {
    return new KsefError(`${failure.operation}${ref} was cancelled by the caller.`, { ...base, code: 'aborted', recovery: 'fatal' });
  }
  const code = errorCode(error);
  if (code !== undefined && notSentCodes.has(code)) {
    return new KsefError(
      `Could not connect to KSeF for ${failure.operation}${ref} (${code}); the request was not sent and can be repeated safely.`,
      { ...base, code: 'network.notSent', recovery: 'retry' },
    );
  }
  if (isTimeout(error, code)) {
    return new KsefError(
      `KSeF did not answer ${failure.operation}${ref} in time; if it created something, query its outcome before repeating.`,
      { ...base, code: 'network.timeout', recovery: 'retry' },
    );
  }
  return new KsefError(
    `The connection broke during ${failure.operation}${ref} (${code ?? describe(error)}); KSeF may have acted on it — query the outcome before repeating.`,
    { ...base, code: 'network.responseLost', recovery: 'retry' },
  );
}

function errorCode(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    if (typeof current !== 'object') break;
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function isTimeout(error: unknown, code: string | undefined): boolean {
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') return true;
  return error instanceof Error && (error.name === 'TimeoutError' || (error.name === 'AbortError' && /timeout/i.test(String(error.message))));
}

function describe(error: unknown): string {
  return error instanceof Error ? error.name : 'unknown error';
}
