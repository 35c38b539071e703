import type { ApiSchema } from '@ksef-connect/spec';
import { AuthOperations } from '../../auth/AuthOperations.js';
import type { Principal } from '../../auth/Principal.js';
import { ApiError } from '../../http/ApiError.js';
import { param } from '../../http/RouteContext.js';
import { empty, json } from '../../http/RouteResult.js';
import { page } from '../../paging/page.js';
import { pageSize } from '../../paging/pageSize.js';
import type { RouteModule } from '../../SimulatorServices.js';
import type { AuthOperationRecord } from '../../state/AuthOperationRecord.js';

const sameContext = (record: AuthOperationRecord, principal: Principal | undefined): boolean =>
  principal?.context !== undefined && record.context.type === principal.context.type && record.context.value === principal.context.value;

/**
 * Active authentication sessions (`auth/sesje.md`, open-api.json tag "Aktywne sesje"): the list of
 * the context's sessions, newest first, and revocation of the current or a named one.
 */
export const authSessionRoutes: RouteModule = (sim) => {
  const operations = new AuthOperations(sim);
  const item = (record: AuthOperationRecord, principal: Principal | undefined): ApiSchema<'AuthenticationListItem'> => ({
    ...operations.view(record),
    referenceNumber: record.referenceNumber,
    isCurrent: record.referenceNumber === principal?.authReference,
  });
  return [
    {
      method: 'GET',
      path: '/v2/auth/sessions',
      auth: 'access',
      handle: (ctx) => {
        const size = pageSize(ctx.query, 10, 100);
        const principal = ctx.principal;
        const active = Object.values(sim.state.authOperations)
          .filter((record) => sameContext(record, principal) && operations.isActive(record))
          // open-api.json x-sort: startDate descending; the reference breaks ties so pages are stable.
          .sort((a, b) => b.startedAtMs - a.startedAtMs || b.referenceNumber.localeCompare(a.referenceNumber));
        const result = page(ctx, sim.continuation, `auth-sessions|${principal?.context?.value ?? ''}`, active, size);
        return json(200, {
          ...(result.continuationToken === undefined ? {} : { continuationToken: result.continuationToken }),
          items: result.items.map((record) => item(record, principal)),
        });
      },
    },
    {
      method: 'DELETE',
      path: '/v2/auth/sessions/current',
      auth: 'accessOrRefresh',
      handle: (ctx) => {
        operations.revoke(operations.get(ctx.principal?.authReference ?? ''));
        return empty(204);
      },
    },
    {
      method: 'DELETE',
      path: '/v2/auth/sessions/{referenceNumber}',
      auth: 'access',
      handle: (ctx) => {
        const reference = param(ctx, 'referenceNumber');
        const record = sim.state.authOperations[reference];
        // open-api.json documents only 21405 for this operation: an unknown or foreign session is invalid input.
        if (record === undefined || !sameContext(record, ctx.principal)) {
          throw ApiError.validation(`Sesja uwierzytelnienia ${reference} nie istnieje w kontekście ${ctx.principal?.context?.value ?? ''}.`);
        }
        operations.revoke(record);
        return empty(204);
      },
    },
  ];
};
