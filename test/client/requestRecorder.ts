import type { ApiInterceptor } from '@ksef-connect/core';

/** Records each HTTP attempt's operation and status (an interceptor just outside the transport). */
export function requestRecorder(): { interceptor: ApiInterceptor; seen: string[] } {
  const seen: string[] = [];
  return {
    seen,
    interceptor: (next) => async (call) => {
      const result = await next(call);
      seen.push(`${call.operation.id} ${result.status}`);
      return result;
    },
  };
}
