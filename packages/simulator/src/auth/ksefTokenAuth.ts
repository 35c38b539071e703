import { ApiError } from '../http/ApiError.js';
import { requestJson, requiredObject, requiredString, optionalString } from '../http/requestJson.js';
import type { SimulatorServices } from '../SimulatorServices.js';
import type { KsefTokens } from '../tokens/KsefTokens.js';
import { authStatuses, type AuthInit, type AuthOperations } from './AuthOperations.js';
import type { Identifier } from './Principal.js';

const contextTypes = ['Nip', 'InternalId', 'NipVatUe', 'PeppolId'];
const tokenMethodInfo = { category: 'Token', code: 'token', displayName: 'Token KSeF' } as const;

/**
 * Checks `POST /auth/ksef-token` (ksef-api.md §2.2b, §14.10). Synchronous: body shape (21405), the
 * challenge is known (21111), `publicKeyId` names an active token key (21470). Everything else —
 * decryption, `token|timestampMs`, the token's status and context — surfaces as auth status 450.
 */
export function ksefTokenAuth(sim: SimulatorServices, operations: AuthOperations, tokens: KsefTokens, body: Buffer): AuthInit {
  const request = requestJson({ body });
  const challenge = requiredString(request, 'challenge');
  const contextObject = requiredObject(request, 'contextIdentifier');
  const context: Identifier = { type: requiredString(contextObject, 'type', 'contextIdentifier.type'), value: requiredString(contextObject, 'value', 'contextIdentifier.value') };
  if (!contextTypes.includes(context.type)) throw ApiError.validation(`Nieobsługiwany typ identyfikatora kontekstu: ${context.type}.`);
  const encryptedToken = requiredString(request, 'encryptedToken');
  const publicKeyId = optionalString(request, 'publicKeyId');
  if (publicKeyId !== undefined && !sim.keys.isActivePublicKeyId('KsefTokenEncryption', publicKeyId)) {
    throw ApiError.badRequest(21470, 'Przesłany identyfikator klucza jest nieznany lub wskazuje na wycofany klucz.', [`Klucz o identyfikatorze ${publicKeyId} nie jest wspierany.`]);
  }
  const challengeRecord = sim.state.challenges[challenge];
  const freshness = operations.consumeChallenge(challenge);
  const fail = (detail: string): AuthInit => ({ method: 'Token', methodInfo: tokenMethodInfo, context, permissions: [], outcome: authStatuses.badToken(detail) });
  if (freshness !== 'fresh' || challengeRecord === undefined) return fail('Nieprawidłowe wyzwanie autoryzacyjne.');
  const decrypted = sim.keys.decrypt('KsefTokenEncryption', Buffer.from(encryptedToken, 'base64'), publicKeyId);
  if (!decrypted.ok) return fail('Nieprawidłowy token.');
  const plaintext = decrypted.plaintext.toString('utf8');
  const separator = plaintext.lastIndexOf('|');
  const secret = plaintext.slice(0, separator);
  const timestampMs = plaintext.slice(separator + 1);
  if (separator < 0 || timestampMs !== String(challengeRecord.issuedAtMs)) return fail('Nieprawidłowy czas tokena.');
  const token = tokens.findBySecret(secret);
  if (token === undefined) return fail('Nieprawidłowy token.');
  if (token.status === 'Revoked' || token.status === 'Revoking') return fail('Token unieważniony.');
  if (token.status !== 'Active') return fail('Token nieaktywny.');
  if (token.context.type !== context.type || token.context.value !== context.value) return fail('Nieprawidłowy token.');
  token.lastUseMs = sim.clock.nowMs();
  sim.changed();
  return {
    method: 'Token',
    methodInfo: tokenMethodInfo,
    context,
    subject: token.author,
    permissions: [...token.permissions],
    outcome: token.permissions.length > 0 ? authStatuses.success() : authStatuses.noPermissions(),
    ksefTokenReference: token.referenceNumber,
  };
}
