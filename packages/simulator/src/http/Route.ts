import type { RouteContext } from './RouteContext.js';
import type { RouteResult } from './RouteResult.js';

/**
 * Which credential a route accepts (ksef-api.md §2): none (public), the auth operation token (status
 * and redeem only), the refresh token (refresh only), or an access token.
 */
export type RouteAuth = 'public' | 'operation' | 'refresh' | 'access';

/** HTTP methods the simulator serves. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * One served operation, as data: method, path template (`{name}` segments), credential, rate-limit
 * group, and the handler. Route modules return lists of these; one dispatcher runs them all.
 */
export interface Route {
  readonly method: HttpMethod;
  /** Full path template, e.g. `/v2/sessions/{referenceNumber}` or `/_simulator/clock`. */
  readonly path: string;
  readonly auth: RouteAuth;
  /**
   * Rate-limit group name as `GET /rate-limits` reports it (ksef-api.md §10.2), `public` for the
   * per-IP 60/s endpoints, or undefined for routes that are never limited (pre-signed storage, control).
   */
  readonly rateLimitGroup?: string;
  /** Any of these permissions is required (open-api.json `x-required-permissions`). */
  readonly permissions?: readonly string[];
  readonly handle: (ctx: RouteContext) => Promise<RouteResult> | RouteResult;
}

/** The name fault injection and rate limits use for a route: `POST /sessions/online` (without `/v2`). */
export function operationName(route: Pick<Route, 'method' | 'path'>): string {
  return `${route.method} ${route.path.replace(/^\/v2(?=\/)/, '')}`;
}
