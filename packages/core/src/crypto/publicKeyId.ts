import { createHash } from 'node:crypto';
import type { EncryptionCertificate } from './PublicKeyCertificate.js';
import { publicKeyFromCertificate } from './publicKeyFromCertificate.js';

/**
 * The `publicKeyId` KSeF gives a key: Base64 SHA-256 of the certificate's SubjectPublicKeyInfo DER
 * (`bezpieczenstwo/klucze-publiczne-do-szyfrowania.md`). Lets a client check a list entry.
 */
export function publicKeyId(certificate: EncryptionCertificate): string {
  const spki = publicKeyFromCertificate(certificate).export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('base64');
}
