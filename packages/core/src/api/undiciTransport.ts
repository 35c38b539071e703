import { request, type Dispatcher } from 'undici';
import type { ApiHandler } from './ApiCall.js';

/**
 * The innermost handler: one HTTP request over undici with the injected dispatcher (an `Agent`
 * that pools connections) and a per-call timeout combined with the caller's `AbortSignal`.
 */
export function undiciTransport(dispatcher: Dispatcher, timeoutMs: number): ApiHandler {
  return async (call) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = call.signal ? AbortSignal.any([call.signal, timeout]) : timeout;
    try {
      const response = await request(call.url, {
        method: call.operation.method,
        headers: call.headers,
        body: call.body,
        signal,
        dispatcher,
      });
      const body = new Uint8Array(await response.body.arrayBuffer());
      return { status: response.statusCode, headers: flattenHeaders(response.headers), body };
    } catch (error) {
      // undici reports our own deadline as a plain abort; name it so it is told apart from the caller's.
      if (timeout.aborted && !call.signal?.aborted) {
        throw Object.assign(new Error(`no response within ${timeoutMs} ms`, { cause: error }), { name: 'TimeoutError' });
      }
      throw error;
    }
  };
}

/** Lower-cased headers with repeated values joined by `, ` (RFC 9110 §5.3). */
export function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  const flat: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers)) {
    flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}
