import { decodeErrorResponse } from '../errors/decodeErrorResponse.js';
import { decodeNetworkError } from '../errors/decodeNetworkError.js';
import type { Clock } from '../time/Clock.js';
import type { ApiInterceptor } from './ApiCall.js';

/** Turns thrown transport errors and non-success statuses into `KsefError`s. */
export function errorDecodingInterceptor(clock: Clock): ApiInterceptor {
  return (next) => async (call) => {
    let result;
    try {
      result = await next(call);
    } catch (error) {
      throw decodeNetworkError(error, { operation: call.operation.id, referenceNumber: call.referenceNumber, signal: call.signal });
    }
    if (!call.operation.success.includes(result.status)) {
      throw decodeErrorResponse(
        { operation: call.operation.id, status: result.status, headers: result.headers, body: result.body, ...(call.referenceNumber !== undefined && { referenceNumber: call.referenceNumber }) },
        clock.now(),
      );
    }
    return result;
  };
}
