import type { RouteContext } from './RouteContext.js';
import type { RouteResult } from './RouteResult.js';

/**
 * Which credential a route accepts (ksef-api.md §2): none (public), the auth operation token (status
 * and redeem only), the refresh token (refresh only), an access token, or either of the last two
 * (`DELETE /auth/sessions/current`, `auth/sesje.md`).
 */
export type RouteAuth = 'public' | 'operation' | 'refresh' | 'access' | 'accessOrRefresh';

/** HTTP methods the simulator serves. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * One served operation, as data: method, path template (`{name}` segments), credential, required
 * permissions and the handler (the rate-limit group comes from open-api.json by method and path). Route modules return lists of these; one dispatcher runs them all.
 */
export interface Route {
  readonly method: HttpMethod;
  /** Full path template, e.g. `/v2/sessions/{referenceNumber}` or `/_simulator/clock`. */
  readonly path: string;
  readonly auth: RouteAuth;
  /** Any of these permissions is required (open-api.json `x-required-permissions`). */
  readonly permissions?: readonly string[];
  readonly handle: (ctx: RouteContext) => Promise<RouteResult> | RouteResult;
}

/** A served route as data, without its handler: what `RunningSimulator.routes` lists. */
export type ServedRoute = Pick<Route, 'method' | 'path' | 'auth'>;

/** The name fault injection and rate limits use for a route: `POST /sessions/online` (without `/v2`). */
export function operationName(route: Pick<Route, 'method' | 'path'>): string {
  return `${route.method} ${route.path.replace(/^\/v2(?=\/)/, '')}`;
}
