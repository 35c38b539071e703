import { inspect } from 'node:util';

/**
 * A signing certificate and its private key, both PEM (the key as unencrypted PKCS#8). The key
 * never prints: `JSON.stringify`, `String()` and `util.inspect` show it as `[redacted]`.
 */
export class SigningCredentials {
  readonly #privateKeyPem: string;

  constructor(
    readonly certificatePem: string,
    privateKeyPem: string,
  ) {
    this.#privateKeyPem = privateKeyPem;
  }

  /** The private key as an unencrypted PKCS#8 PEM. Keep it out of logs. */
  get privateKeyPem(): string {
    return this.#privateKeyPem;
  }

  toJSON(): { certificatePem: string; privateKeyPem: string } {
    return { certificatePem: this.certificatePem, privateKeyPem: '[redacted]' };
  }

  toString(): string {
    return 'SigningCredentials [redacted]';
  }

  [inspect.custom](): string {
    return 'SigningCredentials { certificatePem: <certificate>, privateKeyPem: [redacted] }';
  }
}
