import { isKsefError, KsefError } from '../errors/KsefError.js';
import type { AccessTokenSource } from './AccessTokenSource.js';
import type { ApiInterceptor } from './ApiCall.js';

/**
 * Adds `Authorization: Bearer …`: the call's own token (operation or refresh token) or the access
 * token from `source`. A 401 on the access token renews it once and repeats the call once
 * (`uwierzytelnianie.md`: tokens may be invalidated at any time).
 */
export function bearerInterceptor(source: AccessTokenSource | undefined): ApiInterceptor {
  return (next) => async (call) => {
    if (call.operation.auth === 'none') return next(call);
    if (call.bearer !== undefined) {
      return next({ ...call, headers: { ...call.headers, authorization: `Bearer ${call.bearer}` } });
    }
    if (call.operation.auth !== 'access' || !source) {
      throw new KsefError(`${call.operation.id} needs a ${call.operation.auth} token, and none was given; authenticate first.`, {
        code: 'http.unauthorized',
        recovery: 'fatal',
        operation: call.operation.id,
      });
    }
    const token = await source.accessToken(call.signal);
    try {
      return await next({ ...call, headers: { ...call.headers, authorization: `Bearer ${token}` } });
    } catch (error) {
      if (!isKsefError(error, 'http.unauthorized')) throw error;
      const renewed = await source.renewAccessToken(token, call.signal);
      return next({ ...call, headers: { ...call.headers, authorization: `Bearer ${renewed}` } });
    }
  };
}
