import { KsefError } from '../errors/KsefError.js';
import type { Clock } from '../time/Clock.js';
import type { ApiCall, ApiInterceptor } from './ApiCall.js';
import type { RetryPolicy } from './RetryPolicy.js';

/**
 * Repeats an attempt only when that cannot create anything twice (ARCHITECTURE.md §3):
 * - 429: always, after `Retry-After` (KSeF did not process the request), up to the policy's cap;
 * - the request was provably not sent (connect failure): always, with jittered backoff;
 * - 5xx, timeout or lost response: only for idempotent operations. A creating POST fails instead,
 *   and its caller establishes the outcome by querying (e.g. the session invoice list by hash).
 */
export function retryInterceptor(policy: RetryPolicy, clock: Clock): ApiInterceptor {
  return (next) => async (call) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await next(call);
      } catch (error) {
        if (!(error instanceof KsefError) || attempt >= policy.maxAttempts) throw error;
        const wait = waitBeforeRepeating(error, call, attempt, policy);
        if (wait === undefined) throw error;
        await clock.sleep(wait, call.signal);
      }
    }
  };
}

function waitBeforeRepeating(error: KsefError, call: ApiCall, attempt: number, policy: RetryPolicy): number | undefined {
  if (error.code === 'http.tooManyRequests') {
    const wait = error.retryAfterMs ?? policy.defaultRetryAfterMs;
    return wait <= policy.maxRetryAfterMs ? wait : undefined;
  }
  const repeatable =
    error.code === 'network.notSent' ||
    (call.operation.idempotent &&
      (error.code === 'http.serverError' || error.code === 'network.timeout' || error.code === 'network.responseLost'));
  if (!repeatable) return undefined;
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(policy.random() * ceiling);
}
