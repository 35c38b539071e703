import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { opensslRsaOaepEncrypt } from '../__fixtures__/openssl.js';
import { SimulatorClock } from '../SimulatorClock.js';
import { SimulatorKeyRing } from './SimulatorKeyRing.js';

const opensslEncrypt = opensslRsaOaepEncrypt;

function spkiSha256Base64(certificateBase64: string): string {
  const pem = execFileSync('openssl', ['x509', '-inform', 'DER', '-pubkey', '-noout'], { input: Buffer.from(certificateBase64, 'base64') });
  const spki = execFileSync('openssl', ['pkey', '-pubin', '-outform', 'DER'], { input: pem });
  return createHash('sha256').update(spki).digest('base64');
}

describe('SimulatorKeyRing', () => {
  const clock = SimulatorClock.frozen('2026-02-01T12:00:00Z');
  let ring: SimulatorKeyRing;
  beforeAll(async () => {
    ring = await SimulatorKeyRing.create(clock);
  });

  it('publishes one certificate per usage in the PublicKeyCertificate shape', () => {
    const list = ring.publicKeyCertificates();
    expect(list.map((c) => c.usage)).toEqual([['KsefTokenEncryption'], ['SymmetricKeyEncryption']]);
    for (const cert of list) {
      expect(Object.keys(cert).sort()).toEqual(['certificate', 'certificateId', 'publicKeyId', 'usage', 'validFrom', 'validTo']);
      expect(cert.publicKeyId).toHaveLength(44);
      expect(cert.publicKeyId).toBe(spkiSha256Base64(cert.certificate));
      expect(cert.certificateId).toBe(createHash('sha256').update(Buffer.from(cert.certificate, 'base64')).digest('base64'));
      expect(Date.parse(cert.validFrom)).toBeLessThanOrEqual(clock.nowMs());
      expect(Date.parse(cert.validTo)).toBeGreaterThan(clock.nowMs());
      expect(cert.validFrom).toMatch(/\.\d{7}\+00:00$/);
    }
    expect(list[0]?.publicKeyId).not.toBe(list[1]?.publicKeyId);
  });

  it('decrypts what openssl encrypted with RSA-OAEP SHA-256', () => {
    const cert = ring.publicKeyCertificates().find((c) => c.usage[0] === 'SymmetricKeyEncryption');
    if (!cert) throw new Error('no SymmetricKeyEncryption certificate');
    const aesKey = randomBytes(32);
    const result = ring.decrypt('SymmetricKeyEncryption', opensslEncrypt(cert.certificate, aesKey), cert.publicKeyId);
    expect(result.ok && result.plaintext.equals(aesKey)).toBe(true);
    // without publicKeyId the active key of the usage is used
    const again = ring.decrypt('SymmetricKeyEncryption', opensslEncrypt(cert.certificate, aesKey));
    expect(again.ok && again.plaintext.equals(aesKey)).toBe(true);
  });

  it('fails to decrypt with the other usage key', () => {
    const tokenCert = ring.publicKeyCertificates().find((c) => c.usage[0] === 'KsefTokenEncryption');
    if (!tokenCert) throw new Error('no KsefTokenEncryption certificate');
    const wrapped = opensslEncrypt(tokenCert.certificate, randomBytes(32));
    expect(ring.decrypt('SymmetricKeyEncryption', wrapped)).toEqual({ ok: false, reason: 'decryptionFailed' });
    expect(ring.isActivePublicKeyId('SymmetricKeyEncryption', tokenCert.publicKeyId)).toBe(false);
    expect(ring.decrypt('SymmetricKeyEncryption', wrapped, tokenCert.publicKeyId)).toEqual({ ok: false, reason: 'unknownKey' });
  });

  it('keeps the old key for the grace period on a planned rotation', async () => {
    const clockOf = SimulatorClock.frozen('2026-02-01T12:00:00Z');
    const planned = await SimulatorKeyRing.create(clockOf);
    const old = planned.activeKeys('SymmetricKeyEncryption')[0];
    if (!old) throw new Error('no key');
    clockOf.advance(1000);
    const fresh = await planned.rotate('SymmetricKeyEncryption', { graceMs: 60_000 });
    expect(fresh.publicKeyId).not.toBe(old.publicKeyId);
    expect(planned.publicKeyCertificates().filter((c) => c.usage[0] === 'SymmetricKeyEncryption')).toHaveLength(2);
    expect(planned.activeKeys('SymmetricKeyEncryption')[0]?.publicKeyId).toBe(fresh.publicKeyId);
    expect(planned.isActivePublicKeyId('SymmetricKeyEncryption', old.publicKeyId)).toBe(true);
    clockOf.advance(60_000);
    expect(planned.isActivePublicKeyId('SymmetricKeyEncryption', old.publicKeyId)).toBe(false);
    expect(planned.publicKeyCertificates()).toHaveLength(2);
  });

  it('withdraws the old key at once on an emergency rotation', async () => {
    const c = SimulatorClock.frozen('2026-02-01T12:00:00Z');
    const emergency = await SimulatorKeyRing.create(c);
    const oldCert = emergency.publicKeyCertificates().find((x) => x.usage[0] === 'KsefTokenEncryption');
    if (!oldCert) throw new Error('no key');
    await emergency.rotate('KsefTokenEncryption', { emergency: true });
    expect(emergency.isActivePublicKeyId('KsefTokenEncryption', oldCert.publicKeyId)).toBe(false);
    const wrapped = opensslEncrypt(oldCert.certificate, Buffer.from('token|123'));
    expect(emergency.decrypt('KsefTokenEncryption', wrapped, oldCert.publicKeyId)).toEqual({ ok: false, reason: 'unknownKey' });
    expect(emergency.decrypt('KsefTokenEncryption', wrapped).ok).toBe(false);
  });
});
