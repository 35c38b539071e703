import type { Dispatcher } from 'undici';
import type { ApiInterceptor } from '../api/ApiCall.js';
import type { RateLimitBudget, RateLimitGroup } from '../api/RateLimitGroup.js';
import type { RateLimitWait } from '../api/RateLimitWait.js';
import type { RetryPolicy } from '../api/RetryPolicy.js';
import type { SystemWarning } from '../api/SystemWarning.js';
import type { AuthContext } from '../auth/AuthContext.js';
import type { AuthCredentials } from '../auth/AuthCredentials.js';
import type { KsefEnvironmentName } from '../KsefEnvironment.js';
import type { Backoff } from '../sessions/Backoff.js';
import type { InvoiceChecker } from '../sessions/OnlineSession.js';
import type { Clock } from '../time/Clock.js';

/** Where KSeF is: a named environment or any base URL ending in `/v2` (our simulator, a proxy). */
export type KsefTarget = { readonly env: KsefEnvironmentName; readonly baseUrl?: undefined } | { readonly baseUrl: string; readonly env?: KsefEnvironmentName };

/** Everything `createKsefClient` takes; only the target, context and credentials are required. */
export type KsefClientOptions = KsefTarget & {
  /** The entity we act for; see `nipContext(nip)`. */
  readonly context: AuthContext;
  readonly credentials: AuthCredentials;
  /** The undici dispatcher (connection pool); default an `Agent` with 10 connections per origin, closed by `client.close()`. */
  readonly dispatcher?: Dispatcher;
  readonly clock?: Clock;
  /** Per-attempt deadline; default 60 s. */
  readonly timeoutMs?: number;
  readonly retryPolicy?: Partial<RetryPolicy>;
  /**
   * Client-side budgets per rate-limit group, applied over the limits KSeF reports for the context
   * (`GET /rate-limits`, read after each login; KSeF's production table before that or when they
   * cannot be read), or false for no client-side pacing at all.
   */
  readonly rateLimits?: Partial<Record<RateLimitGroup, RateLimitBudget>> | false;
  /**
   * Hears of every rate-limit wait over two seconds — the client's budget for a group is used up,
   * or KSeF answered 429 — before it starts, so a long pause is never silent. Default: none.
   */
  readonly onWait?: (wait: RateLimitWait) => void;
  /** Receives `X-System-Warning`s; default `process.emitWarning`. */
  readonly onWarning?: (warning: SystemWarning) => void;
  /** Validates invoices before sending; default the core's `InvoiceValidator`; false to skip. */
  readonly validator?: InvoiceChecker | false;
  readonly authPolling?: Backoff;
  readonly statusPolling?: Backoff;
  readonly userAgent?: string;
  /** Extra interceptors placed just outside the HTTP transport (e.g. to record requests in tests). */
  readonly interceptors?: readonly ApiInterceptor[];
};
