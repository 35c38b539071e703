import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Container } from 'inversify';
import { coreModule } from '../coreModule.js';
import { coreTokens } from '../coreTokens.js';
import type { Clock } from '../time/Clock.js';
import { CryptographyService } from './CryptographyService.js';
import type { PublicKeyCertificate } from './PublicKeyCertificate.js';

describe('CryptographyService', () => {
  it('is bound by coreModule as a singleton', async () => {
    const container = new Container();
    await container.load(coreModule);
    const service = container.get<CryptographyService>(coreTokens.CryptographyService);
    expect(service).toBeInstanceOf(CryptographyService);
    expect(container.get(coreTokens.CryptographyService)).toBe(service);
  });

  it('selects certificates by the injected clock', async () => {
    const container = new Container();
    await container.load(coreModule);
    const fixed: Clock = { now: () => new Date('2027-06-01T00:00:00Z'), sleep: async () => {} };
    await container.unbind(coreTokens.Clock);
    container.bind(coreTokens.Clock).toConstantValue(fixed);
    const service = container.get<CryptographyService>(coreTokens.CryptographyService);
    const old = entry('old', '2025-01-01T00:00:00Z', '2028-01-01T00:00:00Z');
    const fresh = entry('fresh', '2027-05-01T00:00:00Z', '2029-01-01T00:00:00Z');
    expect(service.selectEncryptionCertificate([old, fresh], 'SymmetricKeyEncryption')).toBe(fresh);
  });

  it('runs the online-invoice recipe end to end, checked by openssl', () => {
    // Key wrap, AES of the invoice and both metadata — what a session sends — decrypted by openssl.
    const dir = mkdtempSync(path.join(tmpdir(), 'ksef-svc-'));
    try {
      const keyPath = path.join(dir, 'k.pem');
      execFileSync('openssl', [
        'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyPath, '-outform', 'DER',
        '-out', path.join(dir, 'c.der'), '-days', '1', '-subj', '/CN=test',
      ], { stdio: 'pipe' });
      const certificate = readFileSync(path.join(dir, 'c.der')).toString('base64');
      const service = new CryptographyService({ now: () => new Date(), sleep: async () => {} });

      const invoice = Buffer.from('<?xml version="1.0" encoding="UTF-8"?><Faktura/>', 'utf8');
      const key = service.generateSymmetricKey();
      const info = service.createEncryptionInfo(key, certificate);
      const encrypted = service.encryptBytes(invoice, key);

      const unwrapped = execFileSync('openssl', [
        'pkeyutl', '-decrypt', '-inkey', keyPath, '-pkeyopt', 'rsa_padding_mode:oaep',
        '-pkeyopt', 'rsa_oaep_md:sha256', '-pkeyopt', 'rsa_mgf1_md:sha256',
      ], { input: Buffer.from(info.encryptedSymmetricKey, 'base64') });
      const iv = Buffer.from(info.initializationVector, 'base64');
      const decrypted = execFileSync('openssl', [
        'enc', '-d', '-aes-256-cbc', '-K', unwrapped.toString('hex'), '-iv', iv.toString('hex'),
      ], { input: encrypted });
      expect(decrypted.equals(invoice)).toBe(true);

      expect(service.fileMetadata(invoice).fileSize).toBe(invoice.length);
      expect(service.fileMetadata(encrypted).fileSize).toBe((Math.floor(invoice.length / 16) + 1) * 16);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

function entry(id: string, validFrom: string, validTo: string): PublicKeyCertificate {
  return { certificate: id, certificateId: id, publicKeyId: id, validFrom, validTo, usage: ['SymmetricKeyEncryption'] };
}
