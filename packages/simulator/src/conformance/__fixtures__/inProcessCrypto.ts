// Test-only client crypto on node:crypto, in process: what a KSeF client does before it calls the API
// (ksef-api.md §3: RSA-OAEP SHA-256/MGF1-SHA-256 to the published certificate, AES-256-CBC/PKCS#7
// with the IV sent separately). Written here, not borrowed from the simulator's decrypting side.
import { constants, createCipheriv, createHash, publicEncrypt, randomBytes, X509Certificate } from 'node:crypto';

/** RSA-OAEP (SHA-256, MGF1-SHA-256, empty label) encryption of `data` for a Base64 DER certificate. */
export function rsaOaepEncrypt(certificateBase64: string, data: Uint8Array): Buffer {
  const { publicKey } = new X509Certificate(Buffer.from(certificateBase64, 'base64'));
  return publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, data);
}

/** AES-256-CBC with PKCS#7 padding; the output carries no IV prefix. */
export function aesEncrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Buffer {
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  return Buffer.concat([cipher.update(data), cipher.final()]);
}

/** Base64 SHA-256, the hash format of every KSeF hash field. */
export function sha256Base64(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('base64');
}

/** A fresh AES-256 key and IV. */
export function freshSessionKey(): { key: Buffer; iv: Buffer } {
  return { key: randomBytes(32), iv: randomBytes(16) };
}
