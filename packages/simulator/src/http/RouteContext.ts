import type { IncomingHttpHeaders } from 'node:http';
import type { Principal } from '../auth/Principal.js';

/** Everything a route handler sees about one request. */
export interface RouteContext {
  readonly method: string;
  /** The request path without the query string, e.g. `/v2/sessions/20250625-SO-…`. */
  readonly path: string;
  /** Values of the `{name}` segments of the route's path template. */
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  readonly clientIp: string;
  /** `http://host:port` as the client addressed us; pre-signed URLs are built on it. */
  readonly origin: string;
  /** Set by the auth layer for routes that need a Bearer token. */
  principal?: Principal;
}

/** A path parameter the route template guarantees. */
export function param(ctx: RouteContext, name: string): string {
  const value = ctx.params[name];
  if (value === undefined) throw new Error(`route has no {${name}} parameter`);
  return value;
}

/** One request header as a single string (first value), or undefined. */
export function header(ctx: RouteContext, name: string): string | undefined {
  const value = ctx.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
