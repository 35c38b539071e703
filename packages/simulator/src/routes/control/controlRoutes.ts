import type { SimulatorControl } from '../../control/SimulatorControl.js';
import { publicKeyUsages, type PublicKeyUsage } from '../../domain/keys/PublicKeyUsage.js';
import type { RateLimitProfileName } from '../../domain/limits/rateLimitProfiles.js';
import { formatKsefDateTime } from '../../domain/time/ksefDateTime.js';
import type { Fault } from '../../faults/Fault.js';
import type { Route } from '../../http/Route.js';
import { param, type RouteContext } from '../../http/RouteContext.js';
import { empty, json, type RouteResult } from '../../http/RouteResult.js';

/**
 * The simulator-only HTTP API under `/_simulator/` — never part of `/v2`, so the OpenAPI
 * conformance test skips it. Out-of-process tests (other languages, CI scripts) drive faults, the
 * clock, keys and seed data through it. Errors are plain `{ "error": "…" }` with status 400.
 */
export function controlRoutes(control: SimulatorControl): readonly Route[] {
  const route = (method: Route['method'], path: string, handle: (ctx: RouteContext, body: Record<string, unknown>) => Promise<RouteResult> | RouteResult): Route => ({
    method,
    path: `/_simulator${path}`,
    auth: 'public',
    handle: async (ctx) => {
      try {
        return await handle(ctx, controlBody(ctx));
      } catch (error) {
        return json(400, { error: error instanceof Error ? error.message : String(error) });
      }
    },
  });
  return [
    route('GET', '/clock', () => json(200, { now: formatKsefDateTime(control.now()) })),
    route('POST', '/clock', (_ctx, body) => {
      if (typeof body['advanceMs'] === 'number') return json(200, { now: formatKsefDateTime(control.advanceClock(body['advanceMs'])) });
      if (typeof body['set'] === 'string') return json(200, { now: formatKsefDateTime(control.setClock(body['set'])) });
      throw new Error('Send {"advanceMs": number} or {"set": "ISO date"}');
    }),
    route('GET', '/faults', () => json(200, { faults: control.pendingFaults() })),
    route('POST', '/faults', (_ctx, body) => {
      control.injectFault(parseFault(body));
      return empty(204);
    }),
    route('DELETE', '/faults', () => {
      control.clearFaults();
      return empty(204);
    }),
    route('POST', '/sessions/{referenceNumber}/expire', (ctx) => {
      control.expireSession(param(ctx, 'referenceNumber'));
      return empty(204);
    }),
    route('POST', '/sessions/{referenceNumber}/finish', (ctx) => {
      control.finishProcessing(param(ctx, 'referenceNumber'));
      return empty(204);
    }),
    route('POST', '/keys/rotate', async (_ctx, body) => {
      const usage = body['usage'];
      if (typeof usage !== 'string' || !publicKeyUsages.includes(usage as PublicKeyUsage)) throw new Error(`usage must be one of ${publicKeyUsages.join(', ')}`);
      return json(200, await control.rotateKeys(usage as PublicKeyUsage, { emergency: body['emergency'] === true }));
    }),
    route('PUT', '/rate-limits', (_ctx, body) => {
      const profile = body['profile'];
      if (profile !== 'prd' && profile !== 'relaxed' && profile !== 'off') throw new Error('profile must be prd, relaxed or off');
      control.setRateLimits(profile satisfies RateLimitProfileName);
      return empty(204);
    }),
    route('POST', '/tokens', (_ctx, body) => {
      const nip = body['nip'];
      if (typeof nip !== 'string') throw new Error('nip is required');
      const permissions = Array.isArray(body['permissions']) ? body['permissions'].filter((p): p is string => typeof p === 'string') : undefined;
      const contextNip = typeof body['contextNip'] === 'string' ? body['contextNip'] : undefined;
      return json(201, control.createKsefToken({ nip, ...(contextNip === undefined ? {} : { contextNip }), ...(permissions === undefined ? {} : { permissions }) }));
    }),
    route('POST', '/permissions', (_ctx, body) => {
      const context = identifier(body['context'], 'context');
      const subject = identifier(body['subject'], 'subject');
      const permissions = Array.isArray(body['permissions']) ? body['permissions'].filter((p): p is string => typeof p === 'string') : [];
      control.grantPermissions({ context, subject, permissions });
      return empty(204);
    }),
  ];
}

function controlBody(ctx: RouteContext): Record<string, unknown> {
  if (ctx.body.length === 0) return {};
  const value: unknown = JSON.parse(ctx.body.toString('utf8'));
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('The body must be a JSON object');
  return value as Record<string, unknown>;
}

function identifier(value: unknown, name: string): { type: string; value: string } {
  if (typeof value === 'object' && value !== null) {
    const v = value as Record<string, unknown>;
    if (typeof v['type'] === 'string' && typeof v['value'] === 'string') return { type: v['type'], value: v['value'] };
  }
  throw new Error(`${name} must be {"type": "...", "value": "..."}`);
}

function parseFault(body: Record<string, unknown>): Fault {
  const operation = body['operation'];
  if (typeof operation !== 'string') throw new Error('operation is required, e.g. "POST /sessions/online" or "*"');
  const times = typeof body['times'] === 'number' ? body['times'] : 1;
  switch (body['kind']) {
    case 'status': {
      const status = body['status'];
      if (status !== 429 && status !== 500 && status !== 503) throw new Error('status must be 429, 500 or 503');
      const retryAfterSeconds = typeof body['retryAfterSeconds'] === 'number' ? body['retryAfterSeconds'] : undefined;
      return { operation, kind: 'status', status, times, ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) };
    }
    case 'delay':
      if (typeof body['delayMs'] !== 'number') throw new Error('delayMs is required');
      return { operation, kind: 'delay', delayMs: body['delayMs'], times };
    case 'drop':
      return { operation, kind: 'drop', times };
    case 'processingError': {
      const statusCode = body['statusCode'];
      if (statusCode !== undefined && typeof statusCode !== 'number') throw new Error('statusCode must be a number');
      return { operation, kind: 'processingError', times, ...(statusCode === undefined ? {} : { statusCode }) };
    }
    case 'corruptPart':
      return { operation, kind: 'corruptPart', times };
    default:
      throw new Error('kind must be status, delay, drop, processingError or corruptPart');
  }
}
