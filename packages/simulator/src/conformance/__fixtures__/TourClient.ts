// Test-only HTTP client of the conformance tour: every `/v2` request it sends and every answer it gets
// is checked against open-api.json on the spot, and every exchange is attributed to the simulator
// route that served it, so the tour can prove it visited the whole route table.
import { assertConforms, OpenApiContract } from '@ksef-connect/spec';
import type { ServedRoute } from '../../http/Route.js';
import { RouteTable } from '../../http/RouteTable.js';
import type { RunningSimulator } from '../../startSimulator.js';
import { undocumentedRequestProperties, undocumentedResponseProperties } from './undocumentedProperties.js';

/** One answer, its body kept as bytes, text and (for JSON media types) the parsed value. */
export interface TourAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly contentType: string;
  readonly bytes: Buffer;
  readonly text: string;
  /** The parsed body of a JSON answer; `undefined` otherwise. */
  readonly json: unknown;
}

/** How to send one request. */
export interface TourRequest {
  /** Bearer token; `undefined` uses the client's access token, `null` sends none. */
  readonly token?: string | null;
  /** A JSON body (checked against the operation's request schema). */
  readonly json?: unknown;
  /** An XML body (`application/xml`). */
  readonly xml?: string;
  /** Raw bytes (pre-signed uploads). */
  readonly bytes?: Buffer;
  readonly headers?: Readonly<Record<string, string>>;
  /** Ask for `application/problem+json` errors (`X-Error-Format: problem-details`). */
  readonly problemDetails?: boolean;
}

/** What the tour saw of one served route. */
export interface RouteVisit {
  readonly route: ServedRoute;
  readonly statuses: Set<number>;
}

/**
 * A documented inconsistency of open-api.json itself: a response the simulator gives as the spec's
 * prose/examples say, but the schema rejects. Each entry needs a reason; none is needed today.
 */
export interface SpecAllowance {
  /** `METHOD /template` as OpenApiContract names it, e.g. `GET /sessions/{referenceNumber}`. */
  readonly operation: string;
  readonly status: number;
  /** Matches the contract error text that is allowed. */
  readonly error: RegExp;
  readonly reason: string;
}

const contract = OpenApiContract.load();

const isJsonMediaType = (contentType: string): boolean => contentType === 'application/json' || contentType.endsWith('+json');

type Conformance = ReturnType<OpenApiContract['validateResponse']>;

/** The contract's verdict plus the properties open-api.json does not declare (it allows them; we do not). */
function withUndocumented(result: Conformance, pointers: readonly string[]): Conformance {
  if (pointers.length === 0) return result;
  const errors = [...result.errors, ...pointers.map((pointer) => `${pointer}: property not declared in open-api.json`)];
  return { ...result, valid: false, errors };
}

const routeKey = (route: Pick<ServedRoute, 'method' | 'path'>): string => `${route.method} ${route.path}`;

/** Talks to one simulator, checks each `/v2` exchange with OpenApiContract, and records route visits. */
export class TourClient {
  accessToken = '';
  /** Visits by `METHOD /path-template` (the simulator's own route paths). */
  readonly visits = new Map<string, RouteVisit>();
  /** Requests no served route matched (the tour sends none on purpose). */
  readonly unmatched: string[] = [];
  /** Number of `/v2` requests and responses checked against the contract. */
  checked = 0;
  private readonly table: RouteTable;

  constructor(
    readonly sim: RunningSimulator,
    private readonly allowances: readonly SpecAllowance[] = [],
  ) {
    // The simulator's own matcher over its own route list, so attribution follows the served table.
    this.table = new RouteTable(sim.routes.map((route) => ({ ...route, handle: () => { throw new Error('the tour only matches routes'); } })));
    for (const route of sim.routes) this.visits.set(routeKey(route), { route, statuses: new Set() });
  }

  /** One request to `path` (relative to the API URL, `/_simulator/…` relative to the origin, or an absolute URL). */
  async call(method: string, path: string, request: TourRequest = {}): Promise<TourAnswer> {
    const origin = this.sim.url.replace(/\/v2$/, '');
    const url = /^https?:\/\//.test(path) ? path : path.startsWith('/_simulator/') ? `${origin}${path}` : `${this.sim.url}${path}`;
    const headers: Record<string, string> = { ...request.headers };
    const token = request.token === undefined ? this.accessToken : request.token;
    if (token !== null && token !== '') headers['authorization'] = `Bearer ${token}`;
    if (request.problemDetails === true) headers['x-error-format'] = 'problem-details';
    let body: Uint8Array<ArrayBuffer> | string | undefined;
    let requestBody: unknown;
    let requestContentType: string | undefined;
    if (request.json !== undefined) {
      body = JSON.stringify(request.json);
      requestBody = request.json;
      requestContentType = 'application/json';
    } else if (request.xml !== undefined) {
      body = request.xml;
      requestBody = request.xml;
      requestContentType = 'application/xml';
    } else if (request.bytes !== undefined) {
      body = new Uint8Array(request.bytes);
    }
    if (requestContentType !== undefined) headers['content-type'] = requestContentType;

    const { pathname } = new URL(url);
    const documented = pathname.startsWith('/v2/');
    if (documented) {
      const checked = contract.validateRequest(method, url, requestBody, requestContentType);
      const extra = checked.operation === undefined || request.json === undefined ? [] : undocumentedRequestProperties(method, checked.operation.template, request.json);
      assertConforms(withUndocumented(checked, extra), `request ${method} ${pathname}`);
      this.checked += 1;
    }

    const response = await fetch(url, { method, headers, ...(body === undefined ? {} : { body }) });
    const bytes = Buffer.from(await response.arrayBuffer());
    const text = bytes.toString('utf8');
    const contentType = (response.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (bytes.length > 0 && contentType === '') throw new Error(`${method} ${pathname} → ${response.status} has a body but no Content-Type`);
    const json: unknown = bytes.length > 0 && isJsonMediaType(contentType) ? JSON.parse(text) : undefined;

    this.record(method, pathname, response.status);
    if (documented) {
      // A JSON answer is checked as parsed JSON; XML (UPO) answers for status and content type.
      const responseBody = json ?? (bytes.length > 0 ? text : undefined);
      const checked = contract.validateResponse(method, url, response.status, responseBody, contentType === '' ? undefined : contentType);
      const extra = checked.operation === undefined || json === undefined ? [] : undocumentedResponseProperties(method, checked.operation.template, response.status, contentType, json);
      this.assertResponse(withUndocumented(checked, extra), `${method} ${pathname} → ${response.status}`);
      if (response.status === 429) {
        // open-api.json documents Retry-After (seconds) on every 429.
        const retryAfter = response.headers.get('retry-after') ?? '';
        if (!/^\d+$/.test(retryAfter)) throw new Error(`${method} ${pathname} → 429 without a numeric Retry-After (${retryAfter})`);
      }
      this.checked += 1;
    }
    return { status: response.status, headers: response.headers, contentType, bytes, text, json };
  }

  /** Routes the tour never reached, and `/v2` routes it reached without a success or without an error. */
  gaps(): { unvisited: string[]; withoutSuccess: string[]; withoutError: string[] } {
    const visits = [...this.visits.entries()];
    const api = visits.filter(([, v]) => v.route.path.startsWith('/v2/'));
    return {
      unvisited: visits.filter(([, v]) => v.statuses.size === 0).map(([key]) => key),
      withoutSuccess: api.filter(([, v]) => ![...v.statuses].some((s) => s >= 200 && s < 300)).map(([key]) => key),
      withoutError: api.filter(([, v]) => ![...v.statuses].some((s) => s >= 400)).map(([key]) => key),
    };
  }

  private record(method: string, pathname: string, status: number): void {
    const match = this.table.match(method, pathname);
    if (match === undefined || match === 'method-not-allowed') {
      this.unmatched.push(`${method} ${pathname} → ${status}`);
      return;
    }
    this.visits.get(routeKey(match.route))?.statuses.add(status);
  }

  private assertResponse(result: Conformance, what: string): void {
    if (result.valid) return;
    const operation = result.operation?.operationId ?? '';
    const status = Number(/→ (\d+)$/.exec(what)?.[1]);
    const remaining = result.errors.filter(
      (error) => !this.allowances.some((a) => a.operation === operation && a.status === status && a.error.test(error)),
    );
    assertConforms({ ...result, valid: remaining.length === 0, errors: remaining }, what);
  }
}
