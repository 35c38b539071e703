import { header, type RouteContext } from '../http/RouteContext.js';
import type { ContinuationTokens } from './ContinuationTokens.js';

/** One page of `items` for a request, with the token for the next page (undefined on the last). */
export function page<T>(ctx: RouteContext, tokens: ContinuationTokens, scope: string, items: readonly T[], size: number): { items: T[]; continuationToken?: string } {
  const offset = tokens.offset(scope, header(ctx, 'x-continuation-token'));
  const slice = items.slice(offset, offset + size);
  const next = offset + size;
  return next < items.length ? { items: slice, continuationToken: tokens.issue(scope, next) } : { items: slice };
}
