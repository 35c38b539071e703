import type { ApiInterceptor } from './ApiCall.js';

/**
 * Asks for `application/problem+json` errors (`X-Error-Format: problem-details`), which carry a
 * `traceId` and list every error; the legacy body is still decoded when a proxy drops the header.
 */
export const problemDetailsInterceptor: ApiInterceptor = (next) => (call) =>
  next({ ...call, headers: { ...call.headers, 'x-error-format': 'problem-details' } });
