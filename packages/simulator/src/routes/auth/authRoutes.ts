import { ksefTokenAuth } from '../../auth/ksefTokenAuth.js';
import { AuthOperations } from '../../auth/AuthOperations.js';
import { xadesAuth } from '../../auth/xades/xadesAuth.js';
import { formatKsefDateTime } from '../../domain/time/ksefDateTime.js';
import { ApiError } from '../../http/ApiError.js';
import { param } from '../../http/RouteContext.js';
import { json } from '../../http/RouteResult.js';
import type { RouteModule } from '../../SimulatorServices.js';
import { KsefTokens } from '../../tokens/KsefTokens.js';

/** Challenges live 10 minutes (ksef-api.md §2.1). */
const challengeLifetimeMs = 10 * 60_000;

/** The authentication flow: challenge → KSeF token or XAdES → status → redeem → refresh (ksef-api.md §2). */
export const authRoutes: RouteModule = (sim) => {
  const operations = new AuthOperations(sim);
  const tokens = new KsefTokens(sim);
  return [
    {
      method: 'POST',
      path: '/v2/auth/challenge',
      auth: 'public',
      handle: (ctx) => {
        const now = sim.clock.nowMs();
        const challenge = sim.references.next('challenge');
        sim.state.challenges[challenge] = { challenge, issuedAtMs: now, expiresAtMs: now + challengeLifetimeMs, used: false };
        sim.changed();
        return json(200, { challenge, timestamp: formatKsefDateTime(new Date(now)), timestampMs: now, clientIp: ctx.clientIp });
      },
    },
    {
      method: 'POST',
      path: '/v2/auth/ksef-token',
      auth: 'public',
      handle: (ctx) => json(202, operations.start(ksefTokenAuth(sim, operations, tokens, ctx.body))),
    },
    {
      method: 'POST',
      path: '/v2/auth/xades-signature',
      auth: 'public',
      handle: (ctx) => json(202, operations.start(xadesAuth(sim, operations, ctx.body))),
    },
    {
      method: 'GET',
      path: '/v2/auth/{referenceNumber}',
      auth: 'operation',
      handle: (ctx) => {
        const reference = param(ctx, 'referenceNumber');
        const record = operations.get(reference);
        if (ctx.principal?.authReference !== reference) throw ApiError.badRequest(21304, 'Brak uwierzytelnienia.', [`Operacja uwierzytelnienia ${reference} nie została znaleziona.`]);
        return json(200, operations.poll(record));
      },
    },
    {
      method: 'POST',
      path: '/v2/auth/token/redeem',
      auth: 'operation',
      handle: (ctx) => json(200, operations.redeem(operations.get(ctx.principal?.authReference ?? ''))),
    },
    {
      method: 'POST',
      path: '/v2/auth/token/refresh',
      auth: 'refresh',
      handle: (ctx) => json(200, operations.refresh(operations.get(ctx.principal?.authReference ?? ''))),
    },
  ];
};
