import type { RateLimitGroup } from './RateLimitGroup.js';

/**
 * Which bearer token an operation needs: none (public), the access token, the authentication
 * operation token (`GET /auth/{ref}`, redeem) or the refresh token.
 */
export type ApiAuthKind = 'none' | 'access' | 'operation' | 'refresh';

/** One KSeF API operation, as data (ARCHITECTURE.md §4.4). */
export interface ApiOperation {
  /** Our stable name, e.g. `onlineSession.sendInvoice`; appears in errors and logs. */
  readonly id: string;
  readonly method: 'GET' | 'POST' | 'DELETE';
  /** Path template under the `/v2` base, e.g. `/sessions/{referenceNumber}`. */
  readonly path: string;
  /** Statuses that mean success; anything else becomes a `KsefError`. */
  readonly success: readonly number[];
  readonly auth: ApiAuthKind;
  readonly rateLimitGroup: RateLimitGroup;
  /**
   * True when repeating the call cannot create anything twice, so a 5xx or a lost response may be
   * retried blindly. Creating POSTs are false: their outcome is established by querying.
   */
  readonly idempotent: boolean;
  readonly requestBody: 'none' | 'json' | 'xml';
  readonly responseBody: 'none' | 'json' | 'bytes';
}
