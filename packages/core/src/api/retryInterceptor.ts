import { KsefError } from '../errors/KsefError.js';
import type { Clock } from '../time/Clock.js';
import type { ApiCall, ApiInterceptor } from './ApiCall.js';
import { announcedWaitMs, type RateLimitWait, type RateLimitWindow } from './RateLimitWait.js';
import type { RetryPolicy } from './RetryPolicy.js';

/**
 * Repeats an attempt only when that cannot create anything twice (ARCHITECTURE.md §3):
 * - 429: always, after `Retry-After` (KSeF did not process the request), up to the policy's cap;
 * - the request was provably not sent (connect failure): always, with jittered backoff;
 * - 5xx, timeout or lost response: only for idempotent operations. A creating POST fails instead,
 *   and its caller establishes the outcome by querying (e.g. the session invoice list by hash).
 * A 429's wait over two seconds is announced to `onWait` first: never a silent stall.
 */
export function retryInterceptor(policy: RetryPolicy, clock: Clock, onWait?: (wait: RateLimitWait) => void): ApiInterceptor {
  return (next) => async (call) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await next(call);
      } catch (error) {
        if (!(error instanceof KsefError) || attempt >= policy.maxAttempts) throw error;
        const wait = waitBeforeRepeating(error, call, attempt, policy);
        if (wait === undefined) throw error;
        if (error.code === 'http.tooManyRequests' && wait > announcedWaitMs) onWait?.(tooManyRequestsWait(error, call, wait, clock.now()));
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

const windowNames: Readonly<Record<string, RateLimitWindow>> = { sekundę: 'second', minutę: 'minute', godzinę: 'hour' };

function tooManyRequestsWait(error: KsefError, call: ApiCall, waitMs: number, now: Date): RateLimitWait {
  // KSeF names the limit it applied in the 429 text: "Przekroczono limit 20 żądań na minutę." (limity/limity-api.md §2).
  const named = /limit (\d+) żądań na (sekundę|minutę|godzinę)/.exec(error.message);
  const window = named ? windowNames[named[2] as string] : undefined;
  return {
    reason: 'tooManyRequests',
    group: call.operation.rateLimitGroup,
    operation: call.operation.id,
    waitMs,
    until: new Date(now.getTime() + waitMs),
    ...(named && window && { limit: Number(named[1]), window }),
  };
}
