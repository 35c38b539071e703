import { Agent } from 'undici';

/** Connection-pool settings of {@link createKsefDispatcher}. */
export interface KsefDispatcherOptions {
  /** Connections per origin; default 10. */
  readonly connections?: number;
  /** Time to wait for response headers; default 60 s. */
  readonly headersTimeoutMs?: number;
  /** Time allowed between body chunks; default 120 s (UPO pages, large lists). */
  readonly bodyTimeoutMs?: number;
}

/**
 * The undici 7 `Agent` a `KsefClient` uses by default: pooled keep-alive connections per origin and
 * finite timeouts (undici's own defaults are 300 s). Share one between clients to share the pool;
 * `.compose(...)` it to add undici interceptors (e.g. a proxy or request recording).
 */
export function createKsefDispatcher(options: KsefDispatcherOptions = {}): Agent {
  return new Agent({
    connections: options.connections ?? 10,
    headersTimeout: options.headersTimeoutMs ?? 60_000,
    bodyTimeout: options.bodyTimeoutMs ?? 120_000,
  });
}
