import { inspect } from 'node:util';
import { generateTestCertificate } from '../certificates/generateTestCertificate.js';
import type { SigningCredentials } from '../certificates/SigningCredentials.js';
import { buildAuthTokenRequest } from './buildAuthTokenRequest.js';
import { createXadesSigner } from './createXadesSigner.js';
import { verifyWithXmlCrypto, verifyWithXmlsec1 } from './__fixtures__/signatureVerifiers.js';

const signingTime = new Date('2026-01-15T10:00:00.000Z');
const clock = { now: () => signingTime, sleep: async () => undefined };

const unsigned = buildAuthTokenRequest({
  challenge: '20260115-CR-1A2B3C4D5E-6F7A8B9C0D-AB',
  contextIdentifier: { type: 'Nip', value: '5265877635' },
  subjectIdentifierType: 'certificateSubject',
});

function tamperNip(signed: string): string {
  const tampered = signed.replace('<Nip>5265877635</Nip>', '<Nip>5265877636</Nip>');
  expect(tampered).not.toBe(signed);
  return tampered;
}

describe.each([
  { kind: 'rsa' as const, signatureMethod: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256' },
  { kind: 'ec' as const, signatureMethod: 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256' },
])('createXadesSigner with a $kind key', ({ kind, signatureMethod }) => {
  let credentials: SigningCredentials;
  let signed: string;

  beforeAll(async () => {
    credentials = await generateTestCertificate({ kind, nip: '5265877635', commonName: 'Firma Testowa' });
    signed = await createXadesSigner({ ...credentials.toJSON(), privateKeyPem: credentials.privateKeyPem, clock }).sign(unsigned);
  });

  it('produces an enveloped XAdES-BES signature with exc-c14n everywhere', () => {
    expect(signed.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<AuthTokenRequest xmlns="http://ksef.mf.gov.pl/auth/token/2.1">')).toBe(true);
    expect(signed).toMatch(/<ds:Signature [^>]*>.*<\/ds:Signature><\/AuthTokenRequest>$/s);
    expect(signed).toContain(`<ds:SignatureMethod Algorithm="${signatureMethod}"/>`);
    expect(signed).toContain('<ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>');
    // Both references carry exc-c14n; the document one also the enveloped-signature transform.
    expect(signed.match(/<ds:Transform Algorithm="http:\/\/www.w3.org\/2001\/10\/xml-exc-c14n#"\/>/g)).toHaveLength(2);
    expect(signed).toContain('<ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>');
    expect(signed).toContain('Type="http://uri.etsi.org/01903#SignedProperties"');
    expect(signed).toMatch(/<xades:SigningTime>2026-01-15T10:00:00(\.000)?Z<\/xades:SigningTime>/);
    expect(signed).toContain('<xades:CertDigest><ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>');
    expect(signed).toContain('<xades:IssuerSerial>');
    expect(signed).toContain('<ds:X509Certificate>');
  });

  it('encodes an ECDSA SignatureValue as raw r||s (64 bytes), not DER', () => {
    const value = /<ds:SignatureValue>([^<]+)<\/ds:SignatureValue>/.exec(signed)?.[1] ?? '';
    expect(Buffer.from(value, 'base64').length).toBe(kind === 'ec' ? 64 : 256);
  });

  it('verifies with xml-crypto (both references) and rejects a tampered NIP', () => {
    expect(verifyWithXmlCrypto(signed, credentials.certificatePem)).toEqual([]);
    expect(verifyWithXmlCrypto(tamperNip(signed), credentials.certificatePem)).not.toEqual([]);
  });

  it('verifies with xmlsec1 and rejects a tampered NIP', () => {
    const good = verifyWithXmlsec1(signed);
    expect(good.output).toContain('OK');
    expect(good.status).toBe(0);
    expect(verifyWithXmlsec1(tamperNip(signed)).status).not.toBe(0);
  });
});

describe('createXadesSigner credentials checks', () => {
  let rsa: SigningCredentials;
  let ec: SigningCredentials;

  beforeAll(async () => {
    [rsa, ec] = await Promise.all([
      generateTestCertificate({ kind: 'rsa', nip: '5265877635', commonName: 'A' }),
      generateTestCertificate({ kind: 'ec', nip: '5265877635', commonName: 'B' }),
    ]);
  });

  it('rejects a key that does not belong to the certificate', () => {
    expect(() => createXadesSigner({ certificatePem: rsa.certificatePem, privateKeyPem: ec.privateKeyPem })).toThrow(
      expect.objectContaining({ code: 'credentials.mismatch' }),
    );
  });

  it('rejects garbage without echoing it', () => {
    // Not a key: base64 of "secret-key-material" in PEM armour (label assembled, so no key-shaped text sits in the repo).
    const label = ['PRIVATE', 'KEY'].join(' ');
    const secret = `-----BEGIN ${label}-----\nc2VjcmV0LWtleS1tYXRlcmlhbA==\n-----END ${label}-----\n`;
    let error: unknown;
    try {
      createXadesSigner({ certificatePem: rsa.certificatePem, privateKeyPem: secret });
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ code: 'credentials.unreadable' });
    expect(String(error)).not.toContain('c2VjcmV0');
  });

  it('prints as [redacted]', () => {
    const signer = createXadesSigner({ certificatePem: ec.certificatePem, privateKeyPem: ec.privateKeyPem });
    expect(JSON.stringify({ signer })).toBe('{"signer":"[redacted]"}');
    expect(inspect(signer)).toBe('XadesSigner [redacted]');
    expect(`${String(signer)}`).toBe('XadesSigner [redacted]');
  });
});
