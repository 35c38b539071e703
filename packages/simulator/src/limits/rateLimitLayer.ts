import type { RateLimiter } from '../domain/limits/RateLimiter.js';
import { findOperationRateLimit } from '../domain/limits/operationRateLimits.js';
import { ApiError } from '../http/ApiError.js';
import type { Layer } from '../http/Layer.js';
import { operationName } from '../http/Route.js';

const windowNames = { second: 'sekundę', minute: 'minutę', hour: 'godzinę' } as const;

/**
 * Sliding-window limits per open-api.json group (ksef-api.md §10): protected endpoints count per
 * (context, IP), public ones per IP; each endpoint of the `other` group has its own counter.
 * Pre-signed storage and control routes are not documented operations and are never limited.
 */
export function rateLimitLayer(limiter: RateLimiter): Layer {
  return async (ctx, route, next) => {
    if (!route.path.startsWith('/v2/')) return next();
    const operation = findOperationRateLimit(route.method, route.path.slice(3));
    if (operation === undefined) return next();
    const context = ctx.principal?.context;
    const subjectKey = operation.group === 'public' || context === undefined ? `ip:${ctx.clientIp}` : `${context.type}:${context.value}|ip:${ctx.clientIp}`;
    const key = operation.group === 'other' ? `${subjectKey}|${operationName(route)}` : subjectKey;
    const decision = limiter.check(key, operation.group);
    if (!decision.allowed) {
      throw ApiError.tooManyRequests(
        decision.retryAfterSeconds,
        `Przekroczono limit ${decision.limit} żądań na ${windowNames[decision.window]}. Spróbuj ponownie po ${decision.retryAfterSeconds} sekundach.`,
      );
    }
    return next();
  };
}
