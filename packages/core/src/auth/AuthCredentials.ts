/**
 * Signs an unsigned `AuthTokenRequest` document and returns the signed one (enveloped XAdES). The
 * core's `createXadesSigner` implements it from a PEM/PKCS#12 key; an HSM or a qualified-signature
 * tool plugs in the same way.
 */
export interface AuthRequestSigner {
  sign(unsignedXml: string): Promise<string>;
}

/** Authenticate with a KSeF token (`token|timestampMs`, RSA-OAEP). The token is never logged. */
export interface KsefTokenCredentials {
  readonly ksefToken: string;
}

/** Authenticate with a signed `AuthTokenRequest` (XAdES). */
export interface XadesCredentials {
  readonly signer: AuthRequestSigner;
  /** How KSeF identifies the subject: from the certificate's fields (default) or its SHA-256 fingerprint. */
  readonly subjectIdentifierType?: 'certificateSubject' | 'certificateFingerprint';
  /** Ask TEST to check the chain and revocation even though it accepts self-signed certificates. */
  readonly verifyCertificateChain?: boolean;
}

/** How to prove who we are. */
export type AuthCredentials = KsefTokenCredentials | XadesCredentials;
