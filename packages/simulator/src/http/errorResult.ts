import type { ApiError } from './ApiError.js';
import type { RouteResult } from './RouteResult.js';
import { formatKsefDateTime as formatTimestamp } from '../domain/time/ksefDateTime.js';

const titles: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  410: 'Gone',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/**
 * Turns an ApiError into the documented body (ksef-api.md §13): 400/429 as the legacy
 * `ExceptionResponse` / status body unless the client sent `X-Error-Format: problem-details`;
 * 401, 403 and 410 always as `application/problem+json`.
 */
export function errorResult(error: ApiError, instance: string, now: Date, traceId: string, problemDetails: boolean): RouteResult {
  const timestamp = formatTimestamp(now);
  const headers: Record<string, string> = {};
  if (error.extra.retryAfterSeconds !== undefined) headers['retry-after'] = String(error.extra.retryAfterSeconds);
  const alwaysProblem = error.status === 401 || error.status === 403 || error.status === 410 || error.status >= 500;
  if (alwaysProblem || problemDetails) {
    const body: Record<string, unknown> = {
      title: titles[error.status] ?? 'Error',
      status: error.status,
      instance,
      detail: error.detail,
      timestamp,
      traceId,
    };
    if (error.status === 400) body['errors'] = error.errors.map((e) => ({ code: e.code, description: e.description, ...(e.details === undefined ? {} : { details: e.details }) }));
    if (error.extra.reasonCode !== undefined) body['reasonCode'] = error.extra.reasonCode;
    if (error.extra.security !== undefined) body['security'] = error.extra.security;
    return problem(error.status, body, headers);
  }
  if (error.status === 429) {
    // Legacy 429 body (open-api.json 429 response, deprecated but still the default).
    return json(429, { status: { code: 429, description: 'Too Many Requests', details: [error.detail] } }, headers);
  }
  return json(error.status, {
    exception: {
      exceptionDetailList: error.errors.map((e) => ({
        exceptionCode: e.code,
        exceptionDescription: e.description,
        details: e.details ?? null,
      })),
      referenceNumber: null,
      serviceCode: `00-${traceId}-${traceId.slice(0, 16)}-00`,
      serviceCtx: 'srvSIMUL',
      serviceName: 'KSeF simulator',
      timestamp,
    },
  }, headers);
}

function json(status: number, body: unknown, headers: Record<string, string>): RouteResult {
  return { status, body, headers };
}

function problem(status: number, body: unknown, headers: Record<string, string>): RouteResult {
  return { status, raw: { bytes: Buffer.from(JSON.stringify(body)), contentType: 'application/problem+json' }, headers };
}
