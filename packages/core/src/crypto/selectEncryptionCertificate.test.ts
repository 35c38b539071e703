import type { PublicKeyCertificate } from './PublicKeyCertificate.js';
import { selectEncryptionCertificate } from './selectEncryptionCertificate.js';

function entry(
  id: string,
  validFrom: string,
  validTo: string,
  usage: PublicKeyCertificate['usage'] = ['SymmetricKeyEncryption'],
): PublicKeyCertificate {
  return { certificate: `cert-${id}`, certificateId: id, publicKeyId: `key-${id}`, validFrom, validTo, usage };
}

// Dates follow the rotation examples of bezpieczenstwo/klucze-publiczne-do-szyfrowania.md.
const token = entry('token', '2025-09-29T06:03:19+00:00', '2027-09-29T06:03:18+00:00', ['KsefTokenEncryption']);
const current = entry('current', '2025-09-29T06:17:45+00:00', '2027-09-29T06:17:44+00:00');
const next = entry('next', '2027-05-14T06:12:41+00:00', '2029-05-14T06:12:40+00:00');
const list = [token, next, current];

describe('selectEncryptionCertificate', () => {
  it('picks the certificate for the usage asked for', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(selectEncryptionCertificate(list, 'KsefTokenEncryption', now)).toBe(token);
    expect(selectEncryptionCertificate(list, 'SymmetricKeyEncryption', now)).toBe(current);
  });

  it('ignores a certificate published before it is valid (planned rotation)', () => {
    expect(selectEncryptionCertificate(list, 'SymmetricKeyEncryption', new Date('2027-05-14T06:12:40Z'))).toBe(current);
  });

  it('takes the latest validFrom once both overlap', () => {
    expect(selectEncryptionCertificate(list, 'SymmetricKeyEncryption', new Date('2027-05-14T06:12:41Z'))).toBe(next);
  });

  it('skips expired certificates and returns undefined when nothing is valid', () => {
    expect(selectEncryptionCertificate(list, 'SymmetricKeyEncryption', new Date('2028-01-01T00:00:00Z'))).toBe(next);
    expect(selectEncryptionCertificate(list, 'KsefTokenEncryption', new Date('2028-01-01T00:00:00Z'))).toBeUndefined();
    expect(selectEncryptionCertificate([], 'KsefTokenEncryption', new Date())).toBeUndefined();
  });

  it('treats an entry with an unreadable date as unusable', () => {
    const broken = entry('broken', 'soon', '2099-01-01T00:00:00Z');
    expect(selectEncryptionCertificate([broken, current], 'SymmetricKeyEncryption', new Date('2026-01-01T00:00:00Z'))).toBe(current);
  });

  it('accepts a certificate that serves both usages', () => {
    const both = entry('both', '2025-01-01T00:00:00Z', '2030-01-01T00:00:00Z', ['KsefTokenEncryption', 'SymmetricKeyEncryption']);
    expect(selectEncryptionCertificate([both], 'KsefTokenEncryption', new Date('2026-01-01T00:00:00Z'))).toBe(both);
  });
});
