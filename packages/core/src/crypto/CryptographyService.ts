import type { Transform } from 'node:stream';
import type { Clock } from '../time/Clock.js';
import { createDecryptStream, createEncryptStream, decryptBytes, encryptBytes } from './aes256Cbc.js';
import { createEncryptionInfo, encryptSymmetricKey, type EncryptionInfo } from './encryptSymmetricKey.js';
import { encryptKsefToken } from './encryptKsefToken.js';
import { fileMetadata, fileMetadataOfStream, type FileMetadata } from './FileMetadata.js';
import { generateSymmetricKey } from './generateSymmetricKey.js';
import type {
  EncryptionCertificate,
  PublicKeyCertificate,
  PublicKeyCertificateUsage,
} from './PublicKeyCertificate.js';
import { selectEncryptionCertificate } from './selectEncryptionCertificate.js';
import type { SymmetricKey } from './SymmetricKey.js';

/**
 * The KSeF crypto operations in one injectable place (bound as `coreTokens.CryptographyService`).
 * Each method delegates to the plain function of the same name, which library users may call
 * directly; the service adds only the injected `Clock` for certificate selection.
 */
export class CryptographyService {
  constructor(private readonly clock: Clock) {}

  /** A fresh random AES-256 key and IV. */
  generateSymmetricKey(): SymmetricKey {
    return generateSymmetricKey();
  }

  /** AES-256-CBC/PKCS#7 encryption, no IV prefix. */
  encryptBytes(plaintext: Uint8Array, key: SymmetricKey): Buffer {
    return encryptBytes(plaintext, key);
  }

  /** AES-256-CBC/PKCS#7 decryption. */
  decryptBytes(ciphertext: Uint8Array, key: SymmetricKey): Buffer {
    return decryptBytes(ciphertext, key);
  }

  /** An encrypting Transform stream. */
  createEncryptStream(key: SymmetricKey): Transform {
    return createEncryptStream(key);
  }

  /** A decrypting Transform stream. */
  createDecryptStream(key: SymmetricKey): Transform {
    return createDecryptStream(key);
  }

  /** Base64 RSA-OAEP-SHA256 wrapping of the AES key. */
  encryptSymmetricKey(key: SymmetricKey, certificate: EncryptionCertificate): string {
    return encryptSymmetricKey(key, certificate);
  }

  /** The `encryption` object of session-open and export requests. */
  createEncryptionInfo(key: SymmetricKey, certificate: EncryptionCertificate): EncryptionInfo {
    return createEncryptionInfo(key, certificate);
  }

  /** The `encryptedToken` of `POST /auth/ksef-token`. */
  encryptKsefToken(ksefToken: string, challengeTimestampMs: number, certificate: EncryptionCertificate): string {
    return encryptKsefToken(ksefToken, challengeTimestampMs, certificate);
  }

  /** Base64 SHA-256 and size of bytes. */
  fileMetadata(bytes: Uint8Array): FileMetadata {
    return fileMetadata(bytes);
  }

  /** Base64 SHA-256 and size of a stream. */
  fileMetadataOfStream(source: AsyncIterable<Uint8Array>): Promise<FileMetadata> {
    return fileMetadataOfStream(source);
  }

  /** The newest certificate for `usage` that is valid now by the injected clock. */
  selectEncryptionCertificate(
    certificates: readonly PublicKeyCertificate[],
    usage: PublicKeyCertificateUsage,
  ): PublicKeyCertificate | undefined {
    return selectEncryptionCertificate(certificates, usage, this.clock.now());
  }
}
