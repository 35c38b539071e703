// Checks recorded exchanges against open-api.json with the spec package's OpenApiContract.
import { OpenApiContract } from '@ksef-connect/spec';
import type { Exchange } from './TestClient.js';

const contract = OpenApiContract.load();

/**
 * Every `/v2` request and response in `log` that open-api.json documents (status included) must
 * validate. Statuses the spec does not list for an operation (fault-injected 500/503) are returned
 * separately so a test can assert it expected them.
 */
export function conformanceErrors(log: readonly Exchange[]): { errors: string[]; undocumented: string[] } {
  const errors: string[] = [];
  const undocumented: string[] = [];
  for (const e of log) {
    if (e.path.startsWith('/_simulator') || e.path.startsWith('/storage')) continue;
    const response = contract.validateResponse(e.method, e.path, e.status, e.body, e.contentType.split(';')[0]);
    if (!response.valid) {
      const text = response.errors.join('; ');
      if (/status|not documented|no response/i.test(text) && e.status >= 500) undocumented.push(`${e.method} ${e.path} ${e.status}`);
      else errors.push(`${e.method} ${e.path} → ${e.status}: ${text}`);
    }
    if (e.requestBody !== undefined && e.status < 400) {
      const request = contract.validateRequest(e.method, e.path, e.requestBody, 'application/json');
      if (!request.valid) errors.push(`request ${e.method} ${e.path}: ${request.errors.join('; ')}`);
    }
  }
  return { errors, undocumented };
}
