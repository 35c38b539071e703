import type { ApiInterceptor } from './ApiCall.js';

/**
 * Before a protected call (the access token is in hand, so the login has happened), brings the
 * client-side budgets up to date with KSeF's effective limits — `ensureCurrent` reads them once per
 * authentication. The reading itself (`limits.rate`) passes straight through.
 */
export function effectiveRateLimitsInterceptor(ensureCurrent: (() => Promise<void>) | undefined): ApiInterceptor {
  return (next) => async (call) => {
    if (ensureCurrent !== undefined && call.operation.auth === 'access' && call.operation.id !== 'limits.rate') await ensureCurrent();
    return next(call);
  };
}
