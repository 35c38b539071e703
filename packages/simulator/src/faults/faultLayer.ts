import { ApiError } from '../http/ApiError.js';
import type { Layer } from '../http/Layer.js';
import type { RouteResult } from '../http/RouteResult.js';
import { operationName } from '../http/Route.js';
import type { TransportFault } from './Fault.js';
import type { FaultPlan } from './FaultPlan.js';

/**
 * Applies queued faults to `/v2` calls, and to the pre-signed batch part uploads (`/storage/batch`)
 * when a fault names that operation exactly (a `*` fault stays with the API calls); never to the
 * control routes, which must stay reachable.
 */
export function faultLayer(plan: FaultPlan): Layer {
  return async (_ctx, route, next) => {
    const operation = operationName(route);
    const fault = route.path.startsWith('/v2/') ? plan.take(operation) : route.path.startsWith('/storage/batch/') ? plan.take(operation, { exact: true }) : undefined;
    if (fault === undefined) return next();
    return apply(fault, next);
  };
}

async function apply(fault: TransportFault, next: () => Promise<RouteResult>): Promise<RouteResult> {
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
}
