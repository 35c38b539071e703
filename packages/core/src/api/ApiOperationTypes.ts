import type { ApiSchema } from '@ksef-connect/spec';
import type { ApiOperationId } from './apiOperations.js';

/** Request body and parsed response of each operation, from the types generated from open-api.json. */
export interface ApiOperationTypes {
  'security.publicKeyCertificates': { request: undefined; response: ApiSchema<'PublicKeyCertificate'>[] };
  'auth.challenge': { request: undefined; response: ApiSchema<'AuthenticationChallengeResponse'> };
  'auth.ksefToken': { request: ApiSchema<'InitTokenAuthenticationRequest'>; response: ApiSchema<'AuthenticationInitResponse'> };
  /** The signed AuthTokenRequest XML. */
  'auth.xadesSignature': { request: string; response: ApiSchema<'AuthenticationInitResponse'> };
  'auth.status': { request: undefined; response: ApiSchema<'AuthenticationOperationStatusResponse'> };
  'auth.redeem': { request: undefined; response: ApiSchema<'AuthenticationTokensResponse'> };
  'auth.refresh': { request: undefined; response: ApiSchema<'AuthenticationTokenRefreshResponse'> };
  'auth.revokeCurrent': { request: undefined; response: undefined };
  'limits.context': { request: undefined; response: ApiSchema<'EffectiveContextLimits'> };
  'limits.rate': { request: undefined; response: ApiSchema<'EffectiveApiRateLimits'> };
  'onlineSession.open': { request: ApiSchema<'OpenOnlineSessionRequest'>; response: ApiSchema<'OpenOnlineSessionResponse'> };
  'onlineSession.sendInvoice': { request: ApiSchema<'SendInvoiceRequest'>; response: ApiSchema<'SendInvoiceResponse'> };
  'onlineSession.close': { request: undefined; response: undefined };
  'batchSession.open': { request: ApiSchema<'OpenBatchSessionRequest'>; response: ApiSchema<'OpenBatchSessionResponse'> };
  'batchSession.close': { request: undefined; response: undefined };
  'sessions.status': { request: undefined; response: ApiSchema<'SessionStatusResponse'> };
  'sessions.invoices': { request: undefined; response: ApiSchema<'SessionInvoicesResponse'> };
  'sessions.failedInvoices': { request: undefined; response: ApiSchema<'SessionInvoicesResponse'> };
  'sessions.invoiceStatus': { request: undefined; response: ApiSchema<'SessionInvoiceStatusResponse'> };
  /** UPO XML bytes. */
  'sessions.invoiceUpo': { request: undefined; response: Uint8Array };
  /** UPO XML bytes. */
  'sessions.invoiceUpoByKsefNumber': { request: undefined; response: Uint8Array };
  /** UPO page XML bytes. */
  'sessions.upoPage': { request: undefined; response: Uint8Array };
}

// Compile-time check that every operation in the table has types and vice versa.
type Missing = Exclude<ApiOperationId, keyof ApiOperationTypes> | Exclude<keyof ApiOperationTypes, ApiOperationId>;
const everyOperationTyped: [Missing] extends [never] ? true : Missing = true;
void everyOperationTyped;
