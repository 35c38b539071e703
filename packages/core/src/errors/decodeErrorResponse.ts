import { KsefError } from './KsefError.js';
import type { KsefErrorCode } from './KsefErrorCode.js';
import type { KsefExceptionDetail } from './KsefExceptionDetail.js';
import type { Recovery } from './Recovery.js';
import { parseRetryAfter } from './parseRetryAfter.js';

/** A non-success HTTP response, as read by the request runner. */
export interface ErrorResponse {
  readonly operation: string;
  readonly status: number;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: Uint8Array;
  /** The path's reference number (session, invoice, auth operation), when the call had one. */
  readonly referenceNumber?: string;
}

// Exception codes whose cause is not the request itself, so the same step may succeed later or in
// a fresh session (ksef-api.md §13.3): invalid/expired challenge, retired public key, session
// missing/closed/full.
const retryableExceptionCodes = new Set([21111, 21470, 21173, 21180, 21155]);
// Credentials that will not start working by themselves: tokens already redeemed or revoked,
// operation not found, deceased person.
const fatalExceptionCodes = new Set([21301, 21304, 21308]);

/**
 * Turns a non-success KSeF response into a `KsefError` — the only place that does (ARCHITECTURE.md
 * §4.5). Reads both error bodies: the legacy `ExceptionResponse` and `application/problem+json`
 * (ksef-api.md §13), and keeps `traceId`/`serviceCode` for support.
 */
export function decodeErrorResponse(response: ErrorResponse, now: Date): KsefError {
  const body = parseJson(response.body);
  const exceptions: KsefExceptionDetail[] = [];
  const traceId = stringField(body, 'traceId');
  let serviceCode: string | undefined;
  let referenceNumber = response.referenceNumber;
  let summary = stringField(body, 'detail') ?? stringField(body, 'title');

  const legacy = objectField(body, 'exception');
  if (legacy) {
    serviceCode = stringField(legacy, 'serviceCode');
    referenceNumber = stringField(legacy, 'referenceNumber') ?? referenceNumber;
    for (const entry of arrayField(legacy, 'exceptionDetailList')) {
      exceptions.push(exceptionDetail(entry, 'exceptionCode', 'exceptionDescription'));
    }
  }
  for (const entry of arrayField(body, 'errors')) exceptions.push(exceptionDetail(entry, 'code', 'description'));
  // The deprecated 429 body: {"status":{"code":429,"description":…,"details":[…]}}.
  const legacyStatus = objectField(body, 'status');
  if (legacyStatus) summary = arrayField(legacyStatus, 'details').filter(isString).join(' ') || stringField(legacyStatus, 'description') || summary;
  const reasonCode = stringField(body, 'reasonCode');

  const retryAfterMs = response.status === 429 ? parseRetryAfter(response.headers['retry-after'], now) : undefined;
  const [code, recovery, next] = classify(response.status, exceptions);
  const what = exceptions.length > 0
    ? exceptions.map((e) => `${e.code} ${e.description}${e.details.length ? ` (${e.details.join('; ')})` : ''}`).join('; ')
    : summary ?? 'no error details in the response';
  const trace = traceId ? ` [traceId ${traceId}]` : serviceCode ? ` [serviceCode ${serviceCode}]` : '';
  const message = `KSeF answered ${response.operation} with HTTP ${response.status}${reasonCode ? ` ${reasonCode}` : ''}: ${what}${referenceNumber ? ` (reference ${referenceNumber})` : ''}.${trace} ${next}`;
  return new KsefError(message, {
    code,
    recovery,
    operation: response.operation,
    httpStatus: response.status,
    exceptions,
    ...(referenceNumber !== undefined && { referenceNumber }),
    ...(traceId !== undefined && { traceId }),
    ...(serviceCode !== undefined && { serviceCode }),
    ...(reasonCode !== undefined && { reasonCode }),
    ...(retryAfterMs !== undefined && { retryAfterMs }),
    advice: next,
  });
}

function classify(status: number, exceptions: readonly KsefExceptionDetail[]): [KsefErrorCode, Recovery, string] {
  if (status === 429) return ['http.tooManyRequests', 'retry', 'Retry after the time KSeF asked for.'];
  if (status === 401) return ['http.unauthorized', 'fatal', 'Authenticate again; check that the token or certificate is still valid.'];
  if (status === 403) return ['http.forbidden', 'fatal', 'Grant the missing permission in KSeF, then run again.'];
  if (status === 404) return ['http.notFound', 'fatal', 'Check the base URL (it must end in /v2).'];
  if (status === 410) return ['http.gone', 'skip', 'The status is past its retention period and cannot be read any more.'];
  if (status >= 500) return ['http.serverError', 'retry', 'KSeF had an internal problem; retry later (query the outcome first if this created something).'];
  if (status === 400) {
    const codes = exceptions.map((e) => e.code);
    if (codes.some((c) => fatalExceptionCodes.has(c))) return ['http.badRequest', 'fatal', 'Authenticate again with valid credentials.'];
    if (codes.length > 0 && codes.every((c) => retryableExceptionCodes.has(c))) {
      return ['http.badRequest', 'retry', 'The request itself is fine; retry (in a new session if this one is closed or full).'];
    }
    return ['http.badRequest', 'skip', 'Nothing was created; fix the request before sending it again.'];
  }
  return ['http.unexpected', 'fatal', 'This is not a documented KSeF answer; check the base URL and any proxy in between.'];
}

function parseJson(bytes: Uint8Array): unknown {
  if (bytes.length === 0) return undefined;
  try {
    return JSON.parse(Buffer.from(bytes).toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

function objectField(value: unknown, key: string): Record<string, unknown> | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const field = (value as Record<string, unknown>)[key];
  return typeof field === 'object' && field !== null && !Array.isArray(field) ? (field as Record<string, unknown>) : undefined;
}

function stringField(value: unknown, key: string): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const field = (value as Record<string, unknown>)[key];
  return typeof field === 'string' && field !== '' ? field : undefined;
}

function arrayField(value: unknown, key: string): unknown[] {
  if (typeof value !== 'object' || value === null) return [];
  const field = (value as Record<string, unknown>)[key];
  return Array.isArray(field) ? field : [];
}

function exceptionDetail(entry: unknown, codeKey: string, descriptionKey: string): KsefExceptionDetail {
  const record = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>) : {};
  const code = record[codeKey];
  return {
    code: typeof code === 'number' ? code : Number(code) || 0,
    description: stringField(record, descriptionKey) ?? '',
    details: arrayField(record, 'details').filter(isString),
  };
}
