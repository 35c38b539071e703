import type { SimulatorKeyRing } from '../keys/SimulatorKeyRing.js';

/** The AES key and IV of a session, once unwrapped. */
export interface SessionKey {
  readonly key: Buffer;
  readonly iv: Buffer;
}

/** The `encryption` object of an open-session request (open-api.json `EncryptionInfo`). */
export interface EncryptionInfo {
  readonly encryptedSymmetricKey: string;
  readonly initializationVector: string;
  readonly publicKeyId?: string | null;
}

/** Outcome of unwrapping: the key, an unknown `publicKeyId` (sync 21470) or a bad key (async 415). */
export type SessionKeyResult =
  | { readonly ok: true; readonly sessionKey: SessionKey }
  | { readonly ok: false; readonly reason: 'unknownPublicKey' | 'undecryptable' };

const base64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Unwraps a session's AES-256 key with the `SymmetricKeyEncryption` key (RSA-OAEP SHA-256). It must
 * decrypt to exactly 32 bytes and the IV must be 16 bytes; anything else makes the session fail with
 * 415 "Błąd odszyfrowania dostarczonego klucza" after it was opened (ksef-api.md §14.8).
 */
export function unwrapSessionKey(ring: SimulatorKeyRing, encryption: EncryptionInfo): SessionKeyResult {
  const publicKeyId = encryption.publicKeyId ?? undefined;
  if (publicKeyId !== undefined && !ring.isActivePublicKeyId('SymmetricKeyEncryption', publicKeyId)) {
    return { ok: false, reason: 'unknownPublicKey' };
  }
  if (!base64.test(encryption.encryptedSymmetricKey) || !base64.test(encryption.initializationVector)) {
    return { ok: false, reason: 'undecryptable' };
  }
  const iv = Buffer.from(encryption.initializationVector, 'base64');
  const unwrapped = ring.decrypt('SymmetricKeyEncryption', Buffer.from(encryption.encryptedSymmetricKey, 'base64'), publicKeyId);
  if (!unwrapped.ok) return { ok: false, reason: unwrapped.reason === 'unknownKey' ? 'unknownPublicKey' : 'undecryptable' };
  if (unwrapped.plaintext.length !== 32 || iv.length !== 16) return { ok: false, reason: 'undecryptable' };
  return { ok: true, sessionKey: { key: unwrapped.plaintext, iv } };
}
