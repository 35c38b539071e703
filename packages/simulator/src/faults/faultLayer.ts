import { ApiError } from '../http/ApiError.js';
import type { Layer } from '../http/Layer.js';
import { operationName } from '../http/Route.js';
import type { FaultPlan } from './FaultPlan.js';

/** Applies queued faults to `/v2` calls (never to the control routes, which must stay reachable). */
export function faultLayer(plan: FaultPlan): Layer {
  return async (_ctx, route, next) => {
    if (!route.path.startsWith('/v2/')) return next();
    const fault = plan.take(operationName(route));
    if (fault === undefined) return next();
    switch (fault.kind) {
      case 'status':
        if (fault.status === 429) {
          const seconds = fault.retryAfterSeconds ?? 1;
          throw ApiError.tooManyRequests(seconds, `Przekroczono limit żądań. Spróbuj ponownie po ${seconds} sekundach.`);
        }
        throw new ApiError(fault.status, [], fault.status === 503 ? 'Usługa chwilowo niedostępna.' : 'Nieznany błąd.');
      case 'delay':
        await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
        return next();
      case 'drop':
        return { ...(await next()), dropConnection: true };
    }
  };
}
