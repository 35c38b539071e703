import { KeyObject, X509Certificate } from 'node:crypto';
import type { EncryptionCertificate } from './PublicKeyCertificate.js';

/**
 * The public key of a KSeF encryption certificate. `/security/public-key-certificates` returns
 * X.509 DER in Base64 without PEM armour (`bezpieczenstwo/klucze-publiczne-do-szyfrowania.md`).
 * Only RSA keys are accepted: KSeF publishes RSA keys and documents only RSA-OAEP.
 */
export function publicKeyFromCertificate(certificate: EncryptionCertificate | KeyObject): KeyObject {
  const key = certificate instanceof KeyObject ? certificate : parseCertificate(certificate).publicKey;
  if (key.type !== 'public' || key.asymmetricKeyType !== 'rsa') {
    throw new TypeError(
      `KSeF encryption needs an RSA public key (got a ${key.type} ${key.asymmetricKeyType ?? 'unknown'} key)`,
    );
  }
  return key;
}

/** The X.509 certificate behind a list entry, Base64 DER (or PEM) string or DER bytes. */
export function parseCertificate(certificate: EncryptionCertificate): X509Certificate {
  const source =
    typeof certificate === 'string' || certificate instanceof Uint8Array ? certificate : certificate.certificate;
  const bytes =
    typeof source === 'string'
      ? source.includes('-----BEGIN')
        ? Buffer.from(source)
        : Buffer.from(source.replace(/\s+/g, ''), 'base64')
      : Buffer.from(source);
  try {
    return new X509Certificate(bytes);
  } catch (cause) {
    throw new TypeError(
      'public key certificate is not a valid X.509 certificate (expected Base64 DER as returned by /security/public-key-certificates)',
      { cause },
    );
  }
}
