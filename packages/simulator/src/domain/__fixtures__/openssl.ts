// Test-only encryption with the openssl CLI, so the simulator's decryption is checked against an
// implementation that shares no code with it.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** RSA-OAEP (SHA-256, MGF1-SHA-256) encryption of `data` for a Base64 DER certificate. */
export function opensslRsaOaepEncrypt(certificateBase64: string, data: Uint8Array): Buffer {
  const dir = mkdtempSync(path.join(tmpdir(), 'sim-openssl-'));
  try {
    const certPath = path.join(dir, 'cert.der');
    const pubPath = path.join(dir, 'pub.pem');
    writeFileSync(certPath, Buffer.from(certificateBase64, 'base64'));
    execFileSync('openssl', ['x509', '-inform', 'DER', '-in', certPath, '-pubkey', '-noout', '-out', pubPath]);
    return execFileSync(
      'openssl',
      ['pkeyutl', '-encrypt', '-pubin', '-inkey', pubPath, '-pkeyopt', 'rsa_padding_mode:oaep', '-pkeyopt', 'rsa_oaep_md:sha256', '-pkeyopt', 'rsa_mgf1_md:sha256'],
      { input: data },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** AES-256-CBC/PKCS#7 encryption of `data` (no IV prefix in the output). */
export function opensslAesEncrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array, options: { noPadding?: boolean } = {}): Buffer {
  const args = ['enc', '-aes-256-cbc', '-K', Buffer.from(key).toString('hex'), '-iv', Buffer.from(iv).toString('hex')];
  if (options.noPadding) args.push('-nopad');
  return execFileSync('openssl', args, { input: data });
}

/** A fresh AES key and IV. */
export function randomSessionKey(): { key: Buffer; iv: Buffer } {
  return { key: randomBytes(32), iv: randomBytes(16) };
}
