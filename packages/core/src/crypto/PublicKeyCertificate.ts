import type { ApiSchema } from '@ksef-connect/spec';

/** One entry of `GET /security/public-key-certificates`: a DER certificate (Base64) and its usages. */
export type PublicKeyCertificate = ApiSchema<'PublicKeyCertificate'>;

/** What a Ministry key encrypts: KSeF tokens at login, or the AES keys of sessions and exports. */
export type PublicKeyCertificateUsage = ApiSchema<'PublicKeyCertificateUsage'>;

/**
 * A certificate to encrypt with: an entry of the public-key list, its Base64 DER `certificate`
 * string (PEM is accepted too), or the raw DER bytes.
 */
export type EncryptionCertificate = PublicKeyCertificate | string | Uint8Array;
