/** Why a certificate, key or PKCS#12 file could not be used. Stable; callers branch on it. */
export type CredentialsErrorCode =
  /** The bytes are not a certificate / key / PKCS#12 file we can read. */
  | 'credentials.unreadable'
  /** The passphrase does not open the key or the PKCS#12 file (or one is needed and none was given). */
  | 'credentials.wrongPassphrase'
  /** Readable, but uses an algorithm we do not support (e.g. RC2-40, a curve other than P-256). */
  | 'credentials.unsupported'
  /** The private key does not belong to the certificate. */
  | 'credentials.mismatch';

/**
 * A signing certificate or key could not be loaded. Raised before anything is sent to KSeF; the
 * message names the problem and what to do, never the key material or the passphrase.
 */
export class CredentialsError extends Error {
  override readonly name = 'CredentialsError';

  constructor(
    readonly code: CredentialsErrorCode,
    message: string,
  ) {
    // No `cause`: the underlying OpenSSL error may quote key bytes or the PEM it choked on.
    super(message);
  }
}
