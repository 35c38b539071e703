import { inspect } from 'node:util';

/**
 * An AES-256 key (32 bytes) and the 16-byte CBC initialisation vector used with it. KSeF sessions
 * and exports use one pair for all their documents (`sesja-interaktywna.md`, `sesja-wsadowa.md`).
 * The key never prints: `JSON.stringify`, `String()` and `util.inspect` all give `[redacted]`.
 */
export class SymmetricKey {
  static readonly keyLength = 32;
  static readonly ivLength = 16;

  readonly #key: Buffer;
  readonly #iv: Buffer;

  constructor(key: Uint8Array, iv: Uint8Array) {
    if (key.length !== SymmetricKey.keyLength) {
      throw new RangeError(`AES-256 key must be ${SymmetricKey.keyLength} bytes (got ${key.length})`);
    }
    if (iv.length !== SymmetricKey.ivLength) {
      throw new RangeError(`AES-CBC initialisation vector must be ${SymmetricKey.ivLength} bytes (got ${iv.length})`);
    }
    // Copies, so a caller wiping or reusing its buffers cannot change the key under us.
    this.#key = Buffer.from(key);
    this.#iv = Buffer.from(iv);
  }

  /** A copy of the 32 key bytes. */
  get key(): Buffer {
    return Buffer.from(this.#key);
  }

  /** A copy of the 16 IV bytes. */
  get iv(): Buffer {
    return Buffer.from(this.#iv);
  }

  /** The IV as KSeF's `initializationVector` field wants it: Base64. The IV is not secret. */
  get ivBase64(): string {
    return this.#iv.toString('base64');
  }

  toJSON(): string {
    return '[redacted]';
  }

  toString(): string {
    return '[redacted]';
  }

  [inspect.custom](): string {
    return 'SymmetricKey [redacted]';
  }
}
