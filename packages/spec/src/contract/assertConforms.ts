import type { ConformanceResult } from './OpenApiContract.js';

/** Throws, listing every error, unless `result` (from `OpenApiContract.validateRequest/validateResponse`) is valid. For tests. */
export function assertConforms(result: ConformanceResult, what = 'message'): void {
  if (result.valid) {
    return;
  }
  const operation = result.operation === undefined ? 'an unknown operation' : `${result.operation.operationId}`;
  throw new Error(`${what} does not conform to open-api.json (${operation}):\n  ${result.errors.join('\n  ')}`);
}
