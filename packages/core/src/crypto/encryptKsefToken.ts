import type { EncryptionCertificate } from './PublicKeyCertificate.js';
import { encryptRsaOaep } from './encryptRsaOaep.js';

/**
 * The `encryptedToken` of `POST /auth/ksef-token`: Base64 RSA-OAEP-SHA256 of the UTF-8 text
 * `{ksefToken}|{challengeTimestampMs}` under the `KsefTokenEncryption` certificate
 * (`uwierzytelnianie.md`). The challenge's `timestampMs` acts as a nonce.
 */
export function encryptKsefToken(
  ksefToken: string,
  challengeTimestampMs: number,
  certificate: EncryptionCertificate,
): string {
  if (!Number.isSafeInteger(challengeTimestampMs) || challengeTimestampMs < 0) {
    throw new RangeError('challenge timestamp must be a whole number of milliseconds since 1970-01-01');
  }
  if (ksefToken.length === 0) throw new RangeError('KSeF token is empty');
  const plaintext = Buffer.from(`${ksefToken}|${challengeTimestampMs}`, 'utf8');
  try {
    return encryptRsaOaep(plaintext, certificate).toString('base64');
  } finally {
    plaintext.fill(0);
  }
}
