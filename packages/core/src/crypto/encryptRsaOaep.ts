import { constants, publicEncrypt, type KeyObject } from 'node:crypto';
import type { EncryptionCertificate } from './PublicKeyCertificate.js';
import { publicKeyFromCertificate } from './publicKeyFromCertificate.js';

// RSAES-OAEP with SHA-256 as both the OAEP and the MGF1 digest and an empty label
// (`sesja-interaktywna.md`, `uwierzytelnianie.md`). Node's `oaepHash` sets both digests.
const oaepDigestLength = 32;

/** RSA-OAEP(SHA-256, MGF1-SHA-256) encryption of `data` under the certificate's RSA public key. */
export function encryptRsaOaep(data: Uint8Array, certificate: EncryptionCertificate | KeyObject): Buffer {
  const key = publicKeyFromCertificate(certificate);
  const modulusBytes = Math.ceil((key.asymmetricKeyDetails?.modulusLength ?? 0) / 8);
  const maxLength = modulusBytes - 2 * oaepDigestLength - 2;
  if (data.length > maxLength) {
    // Says sizes only: the data is a secret (an AES key, a KSeF token).
    throw new RangeError(
      `RSA-OAEP-SHA256 with a ${modulusBytes * 8}-bit key encrypts at most ${maxLength} bytes (got ${data.length})`,
    );
  }
  return publicEncrypt({ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, data);
}
