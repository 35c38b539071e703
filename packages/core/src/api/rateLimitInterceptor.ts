import type { ApiInterceptor } from './ApiCall.js';
import type { RateLimiter } from './RateLimiter.js';

/** Spends one unit of the operation's group budget per attempt (waiting if it is used up). */
export function rateLimitInterceptor(limiter: RateLimiter): ApiInterceptor {
  return (next) => async (call) => {
    const { rateLimitGroup, id } = call.operation;
    // The default group counts every endpoint separately (`limity/limity-api.md`).
    await limiter.acquire(rateLimitGroup, rateLimitGroup === 'other' ? id : rateLimitGroup, call.signal);
    return next(call);
  };
}
