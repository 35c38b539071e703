import { X509Certificate, createPrivateKey, createPublicKey } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { generateTestCertificate } from './generateTestCertificate.js';

const fixedClock = { now: () => new Date('2026-01-15T10:00:00Z'), sleep: async () => undefined };

function opensslSubject(pem: string): string {
  return execFileSync('openssl', ['x509', '-noout', '-subject', '-nameopt', 'RFC2253,oid'], { input: pem }).toString().trim();
}

describe('generateTestCertificate', () => {
  it('makes a company seal with organizationIdentifier VATPL-{NIP} and no personal names (RSA)', async () => {
    const credentials = await generateTestCertificate({ kind: 'rsa', nip: '5265877635', commonName: 'Firma Testowa', clock: fixedClock, validDays: 30 });
    const certificate = new X509Certificate(credentials.certificatePem);
    expect(opensslSubject(credentials.certificatePem)).toBe('subject=2.5.4.3=Firma Testowa,2.5.4.97=VATPL-5265877635,2.5.4.10=Firma Testowa,2.5.4.6=PL');
    expect(certificate.publicKey.asymmetricKeyType).toBe('rsa');
    expect(certificate.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(new Date(certificate.validTo).getTime()).toBe(new Date('2026-02-14T10:00:00Z').getTime());
    // Self-signed, and the key belongs to the certificate.
    expect(certificate.verify(certificate.publicKey)).toBe(true);
    expect(certificate.checkPrivateKey(createPrivateKey(credentials.privateKeyPem))).toBe(true);
  });

  it('makes a personal certificate with serialNumber PNOPL-{PESEL} (EC P-256)', async () => {
    const credentials = await generateTestCertificate({ kind: 'ec', pesel: '44051401359', givenName: 'Jan', surname: 'Kowalski', commonName: 'Jan Kowalski' });
    expect(opensslSubject(credentials.certificatePem)).toBe('subject=2.5.4.3=Jan Kowalski,2.5.4.5=PNOPL-44051401359,2.5.4.4=Kowalski,2.5.4.42=Jan,2.5.4.6=PL');
    const publicKey = createPublicKey(credentials.certificatePem);
    expect(publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(new X509Certificate(credentials.certificatePem).checkPrivateKey(createPrivateKey(credentials.privateKeyPem))).toBe(true);
  });

  it('uses TINPL-{NIP} for a person identified by NIP, and rejects half a name or a bad NIP', async () => {
    const credentials = await generateTestCertificate({ kind: 'ec', nip: '5265877635', givenName: 'Anna', surname: 'Nowak', commonName: 'Anna Nowak' });
    expect(opensslSubject(credentials.certificatePem)).toContain('2.5.4.5=TINPL-5265877635');
    await expect(generateTestCertificate({ kind: 'ec', nip: '5265877635', givenName: 'Anna', commonName: 'A' })).rejects.toThrow(/givenName and surname/);
    await expect(generateTestCertificate({ kind: 'ec', nip: '5265877636', commonName: 'A' })).rejects.toThrow();
  });

  it('never prints the private key', async () => {
    const credentials = await generateTestCertificate({ kind: 'ec', nip: '5265877635', commonName: 'Firma' });
    const { inspect } = await import('node:util');
    expect(JSON.stringify(credentials)).not.toContain('PRIVATE KEY');
    expect(JSON.stringify(credentials)).toContain('[redacted]');
    expect(inspect(credentials)).not.toContain('PRIVATE KEY');
    expect(String(credentials)).toBe('SigningCredentials [redacted]');
    // An unencrypted PKCS#8 PEM: node reads it without a passphrase and writes it back identically.
    const { createPrivateKey } = await import('node:crypto');
    expect(createPrivateKey(credentials.privateKeyPem).export({ type: 'pkcs8', format: 'pem' })).toBe(credentials.privateKeyPem);
  });
});
