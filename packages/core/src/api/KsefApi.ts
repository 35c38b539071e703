import type { ApiCallInput, ApiResponse } from './ApiRunner.js';
import type { ApiOperationId } from './apiOperations.js';
import type { ApiOperationTypes } from './ApiOperationTypes.js';

/**
 * The one thing sessions, auth and the submission pipeline need from the network: run an operation
 * of the route table. `ApiRunner` is the real one; unit tests pass a small in-memory KSeF instead.
 */
export interface KsefApi {
  call<Id extends ApiOperationId>(id: Id, input?: ApiCallInput<Id>): Promise<ApiResponse<ApiOperationTypes[Id]['response']>>;
}
