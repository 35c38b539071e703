import type { XadesSigner } from '../crypto/xades/XadesSigner.js';

/** Authenticate with a KSeF token (`token|timestampMs`, RSA-OAEP). The token is never logged. */
export interface KsefTokenCredentials {
  readonly ksefToken: string;
}

/**
 * Authenticate with a signed `AuthTokenRequest` (XAdES): `createXadesSigner` from a PEM/PKCS#12 key,
 * or `externalXadesSigner` for an HSM or a qualified-signature tool.
 */
export interface XadesCredentials {
  readonly signer: XadesSigner;
  /** How KSeF identifies the subject: from the certificate's fields (default) or its SHA-256 fingerprint. */
  readonly subjectIdentifierType?: 'certificateSubject' | 'certificateFingerprint';
  /** Ask TEST to check the chain and revocation even though it accepts self-signed certificates. */
  readonly verifyCertificateChain?: boolean;
}

/** How to prove who we are. */
export type AuthCredentials = KsefTokenCredentials | XadesCredentials;
