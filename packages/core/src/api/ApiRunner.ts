import type { Dispatcher } from 'undici';
import { KsefError } from '../errors/KsefError.js';
import type { Clock } from '../time/Clock.js';
import type { AccessTokenSource } from './AccessTokenSource.js';
import type { KsefApi } from './KsefApi.js';
import type { ApiCall, ApiHandler, ApiInterceptor } from './ApiCall.js';
import { apiOperations, type ApiOperationId } from './apiOperations.js';
import type { ApiOperationTypes } from './ApiOperationTypes.js';
import { bearerInterceptor } from './bearerInterceptor.js';
import { effectiveRateLimitsInterceptor } from './effectiveRateLimitsInterceptor.js';
import { errorDecodingInterceptor } from './errorDecodingInterceptor.js';
import { problemDetailsInterceptor } from './problemDetailsInterceptor.js';
import type { RateLimiter } from './RateLimiter.js';
import type { RateLimitWait } from './RateLimitWait.js';
import { rateLimitInterceptor } from './rateLimitInterceptor.js';
import type { RetryPolicy } from './RetryPolicy.js';
import { retryInterceptor } from './retryInterceptor.js';
import type { SystemWarning } from './SystemWarning.js';
import { systemWarningInterceptor } from './systemWarningInterceptor.js';
import { undiciTransport } from './undiciTransport.js';

/** What one operation call takes besides its id. */
export interface ApiCallInput<Id extends ApiOperationId> {
  /** Values for the `{name}` placeholders of the path. */
  readonly params?: Readonly<Record<string, string>>;
  /** Query parameters; arrays repeat the name (`?a=1&a=2`, ksef-api.md §0). */
  readonly query?: Readonly<Record<string, string | number | boolean | readonly string[] | undefined>>;
  readonly body?: ApiOperationTypes[Id]['request'];
  readonly headers?: Readonly<Record<string, string>>;
  /** The operation or refresh token for operations that take one. */
  readonly bearer?: string;
  readonly signal?: AbortSignal;
}

/** A successful response: the parsed body and the lower-cased headers. */
export interface ApiResponse<T> {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: T;
}

/** Everything the runner needs. */
export interface ApiRunnerOptions {
  /** API base URL ending in `/v2`. */
  readonly baseUrl: string;
  readonly dispatcher: Dispatcher;
  readonly clock: Clock;
  readonly retryPolicy: RetryPolicy;
  readonly rateLimiter: RateLimiter;
  /** Brings the limiter's budgets up to date before a protected call (KsefClient: KSeF's limits, once per login). */
  readonly refreshRateLimits?: () => Promise<void>;
  /** Per-attempt deadline in milliseconds. */
  readonly timeoutMs: number;
  readonly onWarning: (warning: SystemWarning) => void;
  /** Hears of every rate-limit wait over two seconds (a 429's `Retry-After` here; budget waits come from the `RateLimiter`). */
  readonly onWait?: (wait: RateLimitWait) => void;
  readonly userAgent?: string;
  /** Extra interceptors, innermost last, placed just outside the transport (e.g. request recording). */
  readonly interceptors?: readonly ApiInterceptor[];
}

/**
 * Runs the operations of the route table: builds the request, passes it through the interceptors
 * (retry → bearer token → effective rate limits → error decoding → warnings → rate limit → problem details → undici) and
 * parses the response. The one function every KSeF call goes through.
 */
export class ApiRunner implements KsefApi {
  readonly #handler: ApiHandler;
  readonly #baseUrl: string;
  readonly #userAgent: string;

  constructor(options: ApiRunnerOptions, tokens?: AccessTokenSource) {
    this.#baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.#userAgent = options.userAgent ?? 'ksef-connect';
    const chain: ApiInterceptor[] = [
      retryInterceptor(options.retryPolicy, options.clock, options.onWait),
      bearerInterceptor(tokens),
      effectiveRateLimitsInterceptor(options.refreshRateLimits),
      errorDecodingInterceptor(options.clock),
      systemWarningInterceptor(options.onWarning),
      rateLimitInterceptor(options.rateLimiter),
      problemDetailsInterceptor,
      ...(options.interceptors ?? []),
    ];
    this.#handler = chain.reduceRight<ApiHandler>(
      (next, interceptor) => interceptor(next),
      undiciTransport(options.dispatcher, options.timeoutMs),
    );
  }

  /** Calls operation `id`; resolves with the parsed body or rejects with a `KsefError`. */
  async call<Id extends ApiOperationId>(id: Id, input: ApiCallInput<Id> = {}): Promise<ApiResponse<ApiOperationTypes[Id]['response']>> {
    const operation = apiOperations[id];
    const url = this.#url(operation.path, input);
    const headers: Record<string, string> = { 'user-agent': this.#userAgent, ...input.headers };
    if (operation.responseBody === 'json') headers.accept = 'application/json';
    let body: string | undefined;
    if (operation.requestBody === 'json') {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(input.body);
    } else if (operation.requestBody === 'xml') {
      headers['content-type'] = 'application/xml';
      body = typeof input.body === 'string' ? input.body : '';
    }
    const call: ApiCall = {
      operation,
      url,
      headers,
      body,
      signal: input.signal,
      bearer: input.bearer,
      referenceNumber: input.params?.invoiceReferenceNumber ?? input.params?.referenceNumber,
    };
    const result = await this.#handler(call);
    return { status: result.status, headers: result.headers, body: parseBody(operation.responseBody, result.body, id) as ApiOperationTypes[Id]['response'] };
  }

  #url(template: string, input: ApiCallInput<ApiOperationId>): URL {
    const path = template.replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = input.params?.[name];
      if (value === undefined) throw new TypeError(`path parameter ${name} is missing for ${template}`);
      return encodeURIComponent(value);
    });
    const url = new URL(this.#baseUrl + path);
    for (const [name, value] of Object.entries(input.query ?? {})) {
      if (value === undefined) continue;
      if (Array.isArray(value)) for (const item of value as readonly string[]) url.searchParams.append(name, item);
      else url.searchParams.append(name, String(value));
    }
    return url;
  }
}

function parseBody(kind: 'none' | 'json' | 'bytes', bytes: Uint8Array, operation: string): unknown {
  if (kind === 'none') return undefined;
  if (kind === 'bytes') return bytes;
  try {
    return JSON.parse(Buffer.from(bytes).toString('utf8')) as unknown;
  } catch (error) {
    throw new KsefError(`KSeF answered ${operation} with a body that is not JSON; check the base URL and any proxy in between.`, {
      code: 'http.unexpected',
      recovery: 'fatal',
      operation,
      cause: error,
    });
  }
}
