import { createCipheriv, createDecipheriv } from 'node:crypto';
import type { Transform } from 'node:stream';
import type { SymmetricKey } from './SymmetricKey.js';

// AES-256-CBC with PKCS#7 padding, the only symmetric cipher KSeF uses (invoices, batch parts,
// exports). The ciphertext is the bare CBC output: the IV travels separately in
// `encryption.initializationVector`, whatever the docs' "prefiks" wording says — the official
// clients do so and the spec's size examples prove it (6480 B -> 6496 B; ksef-api.md §3).
const algorithm = 'aes-256-cbc';

/** Encrypts bytes with AES-256-CBC/PKCS#7; the result is `(floor(n/16)+1)*16` bytes, no IV prefix. */
export function encryptBytes(plaintext: Uint8Array, key: SymmetricKey): Buffer {
  const cipher = createCipheriv(algorithm, key.key, key.iv);
  return Buffer.concat([cipher.update(plaintext), cipher.final()]);
}

/** Decrypts AES-256-CBC/PKCS#7 bytes; throws when the padding is wrong (wrong key, IV or data). */
export function decryptBytes(ciphertext: Uint8Array, key: SymmetricKey): Buffer {
  const decipher = createDecipheriv(algorithm, key.key, key.iv);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
}

/** A Transform that AES-256-CBC/PKCS#7-encrypts what is piped through it (e.g. a batch part). */
export function createEncryptStream(key: SymmetricKey): Transform {
  return createCipheriv(algorithm, key.key, key.iv);
}

/** A Transform that decrypts an AES-256-CBC/PKCS#7 stream (e.g. an export part); errors on bad padding. */
export function createDecryptStream(key: SymmetricKey): Transform {
  return createDecipheriv(algorithm, key.key, key.iv);
}

/** Encrypts piece by piece (`update` as bytes come, `final` once): for batch parts too big to hold. */
export interface IncrementalEncryptor {
  update(plaintext: Uint8Array): Buffer;
  final(): Buffer;
}

/** An AES-256-CBC/PKCS#7 encryptor fed in pieces; the concatenated output equals `encryptBytes` of the whole. */
export function createIncrementalEncryptor(key: SymmetricKey): IncrementalEncryptor {
  return createCipheriv(algorithm, key.key, key.iv);
}
