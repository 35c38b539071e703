import type { ApiOperation } from './ApiOperation.js';

// The operations this client uses, transcribed from open-api.json (paths, success statuses,
// security, `x-rate-limits`). `idempotent` follows HTTP semantics, except that the challenge POST
// is safe to repeat: it creates nothing a second copy could hurt.
const table = {
  'security.publicKeyCertificates': {
    method: 'GET', path: '/security/public-key-certificates', success: [200], auth: 'none',
    rateLimitGroup: 'public', idempotent: true, requestBody: 'none', responseBody: 'json',
  },
  'auth.challenge': {
    method: 'POST', path: '/auth/challenge', success: [200], auth: 'none',
    rateLimitGroup: 'public', idempotent: true, requestBody: 'none', responseBody: 'json',
  },
  'auth.ksefToken': {
    method: 'POST', path: '/auth/ksef-token', success: [202], auth: 'none',
    rateLimitGroup: 'public', idempotent: false, requestBody: 'json', responseBody: 'json',
  },
  'auth.xadesSignature': {
    method: 'POST', path: '/auth/xades-signature', success: [202], auth: 'none',
    rateLimitGroup: 'public', idempotent: false, requestBody: 'xml', responseBody: 'json',
  },
  'auth.status': {
    method: 'GET', path: '/auth/{referenceNumber}', success: [200], auth: 'operation',
    rateLimitGroup: 'public', idempotent: true, requestBody: 'none', responseBody: 'json',
  },
  'auth.redeem': {
    method: 'POST', path: '/auth/token/redeem', success: [200], auth: 'operation',
    rateLimitGroup: 'public', idempotent: false, requestBody: 'none', responseBody: 'json',
  },
  'auth.refresh': {
    method: 'POST', path: '/auth/token/refresh', success: [200], auth: 'refresh',
    rateLimitGroup: 'public', idempotent: true, requestBody: 'none', responseBody: 'json',
  },
  'auth.revokeCurrent': {
    method: 'DELETE', path: '/auth/sessions/current', success: [204], auth: 'access',
    rateLimitGroup: 'other', idempotent: true, requestBody: 'none', responseBody: 'none',
  },
  'limits.context': {
    method: 'GET', path: '/limits/context', success: [200], auth: 'access',
    rateLimitGroup: 'other', idempotent: true, requestBody: 'none', responseBody: 'json',
  },
  'limits.rate': {
    method: 'GET', path: '/rate-limits', success: [200], auth: 'access',
    rateLimitGroup: 'other', idempotent: true, requestBody: 'none', responseBody: 'json',
  },
  'onlineSession.open': {
    method: 'POST', path: '/sessions/online', success: [201], auth: 'access',
    rateLimitGroup: 'onlineSession', idempotent: false, requestBody: 'json', responseBody: 'json',
  },
  'onlineSession.sendInvoice': {
    method: 'POST', path: '/sessions/online/{referenceNumber}/invoices', success: [202], auth: 'access',
    rateLimitGroup: 'invoiceSend', idempotent: false, requestBody: 'json', responseBody: 'json',
  },
  'onlineSession.close': {
    method: 'POST', path: '/sessions/online/{referenceNumber}/close', success: [204], auth: 'access',
    rateLimitGroup: 'onlineSession', idempotent: false, requestBody: 'none', responseBody: 'none',
  },
  'batchSession.open': {
    method: 'POST', path: '/sessions/batch', success: [201], auth: 'access',
    rateLimitGroup: 'batchSession', idempotent: false, requestBody: 'json', responseBody: 'json',
  },
  'batchSession.close': {
    method: 'POST', path: '/sessions/batch/{referenceNumber}/close', success: [204], auth: 'access',
    rateLimitGroup: 'batchSession', idempotent: false, requestBody: 'none', responseBody: 'none',
  },
  'sessions.status': {
    method: 'GET', path: '/sessions/{referenceNumber}', success: [200], auth: 'access',
    rateLimitGroup: 'sessionMisc', idempotent: true, requestBody: 'none', responseBody: 'json',
  },
  'sessions.invoices': {
    method: 'GET', path: '/sessions/{referenceNumber}/invoices', success: [200], auth: 'access',
    rateLimitGroup: 'sessionInvoiceList', idempotent: true, requestBody: 'none', responseBody: 'json',
  },
  'sessions.failedInvoices': {
    method: 'GET', path: '/sessions/{referenceNumber}/invoices/failed', success: [200], auth: 'access',
    rateLimitGroup: 'sessionInvoiceList', idempotent: true, requestBody: 'none', responseBody: 'json',
  },
  'sessions.invoiceStatus': {
    method: 'GET', path: '/sessions/{referenceNumber}/invoices/{invoiceReferenceNumber}', success: [200], auth: 'access',
    rateLimitGroup: 'invoiceStatus', idempotent: true, requestBody: 'none', responseBody: 'json',
  },
  'sessions.invoiceUpo': {
    method: 'GET', path: '/sessions/{referenceNumber}/invoices/{invoiceReferenceNumber}/upo', success: [200], auth: 'access',
    rateLimitGroup: 'sessionMisc', idempotent: true, requestBody: 'none', responseBody: 'bytes',
  },
  'sessions.invoiceUpoByKsefNumber': {
    method: 'GET', path: '/sessions/{referenceNumber}/invoices/ksef/{ksefNumber}/upo', success: [200], auth: 'access',
    rateLimitGroup: 'sessionMisc', idempotent: true, requestBody: 'none', responseBody: 'bytes',
  },
  'sessions.upoPage': {
    method: 'GET', path: '/sessions/{referenceNumber}/upo/{upoReferenceNumber}', success: [200], auth: 'access',
    rateLimitGroup: 'sessionMisc', idempotent: true, requestBody: 'none', responseBody: 'bytes',
  },
} as const satisfies Record<string, Omit<ApiOperation, 'id'>>;

/** The name of an operation in {@link apiOperations}. */
export type ApiOperationId = keyof typeof table;

/** The route table: every KSeF operation the client calls. */
export const apiOperations = Object.fromEntries(
  Object.entries(table).map(([id, operation]): [string, ApiOperation] => [id, { id, ...operation }]),
) as Readonly<Record<ApiOperationId, ApiOperation>>;
