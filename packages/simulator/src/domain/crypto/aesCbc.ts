import { createDecipheriv } from 'node:crypto';

/** The result of an AES-256-CBC decryption; `ok: false` means the padding did not check out. */
export type AesDecryptionResult = { readonly ok: true; readonly plaintext: Buffer } | { readonly ok: false };

/**
 * AES-256-CBC with PKCS#7 padding, IV given separately — KSeF ciphertexts carry no IV prefix
 * (ksef-api.md §3 "Symmetric crypto recipe").
 */
export function aes256CbcDecrypt(key: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array): AesDecryptionResult {
  if (key.length !== 32 || iv.length !== 16 || ciphertext.length === 0 || ciphertext.length % 16 !== 0) return { ok: false };
  try {
    const decipher = createDecipheriv('aes-256-cbc', key, iv);
    return { ok: true, plaintext: Buffer.concat([decipher.update(ciphertext), decipher.final()]) };
  } catch {
    return { ok: false };
  }
}
