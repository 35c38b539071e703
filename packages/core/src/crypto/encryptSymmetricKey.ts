import type { PublicKeyCertificate, EncryptionCertificate } from './PublicKeyCertificate.js';
import { encryptRsaOaep } from './encryptRsaOaep.js';
import type { SymmetricKey } from './SymmetricKey.js';
import type { ApiSchema } from '@ksef-connect/spec';

/** The `encryption` object of open-session and export requests. */
export type EncryptionInfo = ApiSchema<'EncryptionInfo'>;

/**
 * The AES key wrapped for KSeF: Base64 RSA-OAEP-SHA256 of the 32 key bytes under the
 * `SymmetricKeyEncryption` certificate (`encryptedSymmetricKey`).
 */
export function encryptSymmetricKey(key: SymmetricKey, certificate: EncryptionCertificate): string {
  const raw = key.key;
  try {
    return encryptRsaOaep(raw, certificate).toString('base64');
  } finally {
    raw.fill(0);
  }
}

/**
 * The `encryption` object of `POST /sessions/online`, `/sessions/batch` and `/invoices/exports`:
 * wrapped key and Base64 IV, sent separately (never prefixed to the ciphertext). When given a
 * list entry it also names the key used (`publicKeyId`), so a retired key fails fast with 21470.
 */
export function createEncryptionInfo(key: SymmetricKey, certificate: EncryptionCertificate): EncryptionInfo {
  const info: EncryptionInfo = {
    encryptedSymmetricKey: encryptSymmetricKey(key, certificate),
    initializationVector: key.ivBase64,
  };
  if (isListEntry(certificate)) info.publicKeyId = certificate.publicKeyId;
  return info;
}

function isListEntry(certificate: EncryptionCertificate): certificate is PublicKeyCertificate {
  return typeof certificate === 'object' && !(certificate instanceof Uint8Array);
}
