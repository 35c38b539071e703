import { ApiError } from '../http/ApiError.js';
import type { Layer } from '../http/Layer.js';
import { header } from '../http/RouteContext.js';
import type { SimulatorServices } from '../SimulatorServices.js';
import type { Principal } from './Principal.js';

const tokenKinds = {
  operation: ['OperationToken'],
  refresh: ['RefreshToken'],
  access: ['ContextToken'],
  accessOrRefresh: ['ContextToken', 'RefreshToken'],
} as const;

const principalKinds = { OperationToken: 'operation', RefreshToken: 'refresh', ContextToken: 'access' } as const;

/**
 * Checks the Bearer token a route requires (ksef-api.md §14.14–15): the operation token only for
 * auth status and redeem, the refresh token only for refresh, access tokens everywhere else. A
 * missing, garbage, expired or wrong-kind token is 401; a missing permission is 403.
 */
export function authLayer(sim: SimulatorServices): Layer {
  return async (ctx, route, next) => {
    if (route.auth === 'public') return next();
    const authorization = header(ctx, 'authorization') ?? '';
    const token = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
    if (token === undefined) throw ApiError.unauthorized('Brak tokenu uwierzytelniającego.');
    const claims = sim.jwt.verify(token, Math.floor(sim.clock.nowMs() / 1000));
    if (claims === undefined) throw ApiError.unauthorized('Token jest nieprawidłowy lub wygasł.');
    const accepted: readonly string[] = tokenKinds[route.auth];
    if (!accepted.includes(claims['token-type'])) throw ApiError.unauthorized('Nieprawidłowy typ tokenu dla tej operacji.');
    const operation = sim.state.authOperations[claims['operation-reference-number']];
    if (operation === undefined) throw ApiError.unauthorized('Token jest nieprawidłowy lub wygasł.');
    const kind = principalKinds[claims['token-type']];
    // Revocation kills refresh tokens only; issued access tokens live until exp (ksef-api.md §2.8, auth/sesje.md).
    if (kind === 'refresh' && operation.revoked) throw ApiError.unauthorized('Sesja uwierzytelnienia została unieważniona.');
    const principal: Principal = {
      kind,
      authReference: operation.referenceNumber,
      context: operation.context,
      ...(operation.subject === undefined ? {} : { subject: operation.subject }),
      permissions: Array.isArray(claims['permissions']) ? claims['permissions'].filter((p): p is string => typeof p === 'string') : operation.permissions,
    };
    if (route.permissions !== undefined && route.permissions.length > 0 && !route.permissions.some((p) => principal.permissions.includes(p))) {
      throw ApiError.forbidden('missing-permissions', 'Brak wymaganych uprawnień do wykonania operacji.', {
        requiredAnyOfPermissions: route.permissions,
        presentPermissions: principal.permissions,
      });
    }
    ctx.principal = principal;
    return next();
  };
}
