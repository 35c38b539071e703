import type { ApiInterceptor } from './ApiCall.js';
import { parseSystemWarnings, type SystemWarning } from './SystemWarning.js';

/** Reports every `X-System-Warning` of every response (success or error) to `onWarning`. */
export function systemWarningInterceptor(onWarning: (warning: SystemWarning) => void): ApiInterceptor {
  return (next) => async (call) => {
    const result = await next(call);
    const value = result.headers['x-system-warning'];
    if (value) for (const warning of parseSystemWarnings(call.operation.id, value)) onWarning(warning);
    return result;
  };
}
