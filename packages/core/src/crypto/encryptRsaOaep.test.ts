import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { encryptKsefToken } from './encryptKsefToken.js';
import { encryptRsaOaep } from './encryptRsaOaep.js';
import { createEncryptionInfo, encryptSymmetricKey } from './encryptSymmetricKey.js';
import { generateSymmetricKey } from './generateSymmetricKey.js';
import type { PublicKeyCertificate } from './PublicKeyCertificate.js';
import { publicKeyFromCertificate } from './publicKeyFromCertificate.js';
import { publicKeyId } from './publicKeyId.js';

// Keys and certificates are made by the openssl CLI, and everything we encrypt is decrypted by
// `openssl pkeyutl` with OAEP, SHA-256 and MGF1-SHA-256 spelled out: an implementation and a
// parameter set independent of our code.
let dir: string;
let rsaCertificateBase64: string; // as /security/public-key-certificates returns it: Base64 DER
let ecCertificateBase64: string;
let rsaKeyPath: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'ksef-rsa-'));
  rsaKeyPath = path.join(dir, 'rsa.key');
  rsaCertificateBase64 = selfSignedCertificate(['-newkey', 'rsa:2048'], rsaKeyPath, 'rsa.der');
  ecCertificateBase64 = selfSignedCertificate(
    ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'],
    path.join(dir, 'ec.key'),
    'ec.der',
  );
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function selfSignedCertificate(keyArgs: string[], keyPath: string, derName: string): string {
  const pemPath = path.join(dir, `${derName}.pem`);
  execFileSync('openssl', [
    'req', '-x509', ...keyArgs, '-nodes', '-keyout', keyPath, '-out', pemPath,
    '-days', '2', '-subj', '/CN=Ministerstwo Finansow (test)',
  ], { stdio: 'pipe' });
  const derPath = path.join(dir, derName);
  execFileSync('openssl', ['x509', '-in', pemPath, '-outform', 'DER', '-out', derPath]);
  return readFileSync(derPath).toString('base64');
}

function opensslOaepDecrypt(ciphertext: Uint8Array, mgf1 = 'sha256'): Buffer {
  return execFileSync('openssl', [
    'pkeyutl', '-decrypt', '-inkey', rsaKeyPath,
    '-pkeyopt', 'rsa_padding_mode:oaep', '-pkeyopt', 'rsa_oaep_md:sha256', '-pkeyopt', `rsa_mgf1_md:${mgf1}`,
  ], { input: ciphertext, stdio: ['pipe', 'pipe', 'pipe'] });
}

function listEntry(certificate: string): PublicKeyCertificate {
  return {
    certificate,
    certificateId: 'certificate-id-from-the-list',
    publicKeyId: 'public-key-id-from-the-list',
    validFrom: '2025-01-01T00:00:00Z',
    validTo: '2035-01-01T00:00:00Z',
    usage: ['SymmetricKeyEncryption'],
  };
}

describe('RSA-OAEP-SHA256 with a KSeF certificate', () => {
  it('encrypts so that openssl decrypts with OAEP SHA-256 / MGF1-SHA-256, and not with MGF1-SHA-1', () => {
    const data = randomBytes(32);
    const ciphertext = encryptRsaOaep(data, rsaCertificateBase64);
    expect(ciphertext).toHaveLength(256);
    expect(opensslOaepDecrypt(ciphertext).equals(data)).toBe(true);
    expect(() => opensslOaepDecrypt(ciphertext, 'sha1')).toThrow();
  });

  it('uses random padding: the same data encrypts differently each time', () => {
    const data = randomBytes(32);
    expect(encryptRsaOaep(data, rsaCertificateBase64).equals(encryptRsaOaep(data, rsaCertificateBase64))).toBe(false);
  });

  it('accepts the certificate as a list entry, Base64 DER, DER bytes or PEM', () => {
    const der = Buffer.from(rsaCertificateBase64, 'base64');
    const pem = `-----BEGIN CERTIFICATE-----\n${rsaCertificateBase64.match(/.{1,64}/g)?.join('\n')}\n-----END CERTIFICATE-----\n`;
    for (const form of [listEntry(rsaCertificateBase64), rsaCertificateBase64, der, pem]) {
      expect(opensslOaepDecrypt(encryptRsaOaep(Buffer.from('k'), form)).toString()).toBe('k');
    }
  });

  it('refuses an EC certificate and garbage with clear errors', () => {
    expect(() => publicKeyFromCertificate(ecCertificateBase64)).toThrow(/RSA public key \(got a public ec key\)/);
    expect(() => publicKeyFromCertificate('bm90IGEgY2VydGlmaWNhdGU=')).toThrow(/not a valid X\.509 certificate/);
  });

  it('refuses data longer than OAEP allows for the key, without showing the data', () => {
    // 2048-bit key: 256 - 2·32 - 2 = 190 bytes at most.
    expect(opensslOaepDecrypt(encryptRsaOaep(Buffer.alloc(190, 1), rsaCertificateBase64))).toHaveLength(190);
    expect(() => encryptRsaOaep(Buffer.alloc(191, 0x53), rsaCertificateBase64)).toThrow(
      'RSA-OAEP-SHA256 with a 2048-bit key encrypts at most 190 bytes (got 191)',
    );
  });
});

describe('encryptSymmetricKey / createEncryptionInfo', () => {
  it('wraps the 32 key bytes and sends the IV separately in Base64', () => {
    const key = generateSymmetricKey();
    const wrapped = encryptSymmetricKey(key, rsaCertificateBase64);
    expect(opensslOaepDecrypt(Buffer.from(wrapped, 'base64')).equals(key.key)).toBe(true);

    const info = createEncryptionInfo(key, listEntry(rsaCertificateBase64));
    expect(Object.keys(info).sort()).toEqual(['encryptedSymmetricKey', 'initializationVector', 'publicKeyId']);
    expect(opensslOaepDecrypt(Buffer.from(info.encryptedSymmetricKey, 'base64')).equals(key.key)).toBe(true);
    expect(Buffer.from(info.initializationVector, 'base64').equals(key.iv)).toBe(true);
    expect(info.publicKeyId).toBe('public-key-id-from-the-list');
  });

  it('leaves publicKeyId out when given a bare certificate', () => {
    expect(createEncryptionInfo(generateSymmetricKey(), rsaCertificateBase64)).not.toHaveProperty('publicKeyId');
  });
});

describe('encryptKsefToken', () => {
  it('encrypts the UTF-8 text "token|timestampMs"', () => {
    // Shape of a KSeF token from the spec example (treated as opaque).
    const token = '20251010-EC-1DCE3E3000-12ECB5B36E-45|internalId-5265877635-12345|' + 'ab'.repeat(32);
    const encrypted = encryptKsefToken(token, 1_760_000_000_123, rsaCertificateBase64);
    expect(opensslOaepDecrypt(Buffer.from(encrypted, 'base64')).toString('utf8')).toBe(`${token}|1760000000123`);
  });

  it('rejects a timestamp that is not whole milliseconds', () => {
    expect(() => encryptKsefToken('t', 1.5, rsaCertificateBase64)).toThrow(RangeError);
    expect(() => encryptKsefToken('t', Number.NaN, rsaCertificateBase64)).toThrow(RangeError);
  });
});

describe('publicKeyId', () => {
  it('is the Base64 SHA-256 of the SubjectPublicKeyInfo DER, as openssl computes it', () => {
    const pemPath = path.join(dir, 'rsa.der.pem');
    const spki = execFileSync('openssl', ['x509', '-in', pemPath, '-noout', '-pubkey']);
    const spkiDer = execFileSync('openssl', ['pkey', '-pubin', '-outform', 'DER'], { input: spki });
    const expected = execFileSync('openssl', ['dgst', '-sha256', '-binary'], { input: spkiDer }).toString('base64');
    expect(publicKeyId(rsaCertificateBase64)).toBe(expected);
    expect(expected).toHaveLength(44);
  });
});
