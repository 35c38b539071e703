import type { Route } from './Route.js';
import type { RouteContext } from './RouteContext.js';
import type { RouteResult } from './RouteResult.js';

/**
 * One composable step around every route handler (fault injection, auth, rate limits). A layer may
 * answer by itself, throw an ApiError, or call `next()` and adjust the result.
 */
export type Layer = (ctx: RouteContext, route: Route, next: () => Promise<RouteResult>) => Promise<RouteResult>;
