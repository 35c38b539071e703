import { KsefClient } from './KsefClient.js';
import type { KsefClientOptions } from './KsefClientOptions.js';

/**
 * A KSeF client without a DI container: `createKsefClient({ env: 'test', context: nipContext(nip),
 * credentials: { ksefToken } })` or `{ baseUrl: 'http://127.0.0.1:8080/v2', … }`.
 */
export function createKsefClient(options: KsefClientOptions): KsefClient {
  return new KsefClient(options);
}
