import { execFileSync } from 'node:child_process';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inspect } from 'node:util';
import { buildAuthTokenRequest } from '../xades/buildAuthTokenRequest.js';
import { createXadesSigner } from '../xades/createXadesSigner.js';
import { verifyWithXmlCrypto, verifyWithXmlsec1 } from '../xades/__fixtures__/signatureVerifiers.js';
import { loadPkcs12 } from './loadPkcs12.js';
import { readPrivateKey } from './readPrivateKey.js';

// Keys, certificates and .p12 files are made by the openssl CLI, independently of our code.
const passphrase = 'zażółć-P@ss 1';
let dir: string;

function openssl(...args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
}

function makeKeyAndCertificate(name: string, kind: 'rsa' | 'ec'): void {
  if (kind === 'rsa') openssl('genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', `${name}.key`);
  else openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', `${name}.key`);
  openssl('req', '-new', '-x509', '-key', `${name}.key`, '-days', '30', '-out', `${name}.crt`, '-subj', '/C=PL/O=Firma Testowa/organizationIdentifier=VATPL-5265877635/CN=Firma Testowa');
}

const unsigned = buildAuthTokenRequest({
  challenge: '20260115-CR-1A2B3C4D5E-6F7A8B9C0D-AB',
  contextIdentifier: { type: 'Nip', value: '5265877635' },
  subjectIdentifierType: 'certificateSubject',
});

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'ksef-p12-'));
  makeKeyAndCertificate('rsa', 'rsa');
  makeKeyAndCertificate('ec', 'ec');
  for (const kind of ['rsa', 'ec']) {
    // OpenSSL 3 defaults: PBES2 / PBKDF2-HMAC-SHA256 / AES-256-CBC, MAC HMAC-SHA256.
    openssl('pkcs12', '-export', '-inkey', `${kind}.key`, '-in', `${kind}.crt`, '-out', `${kind}.p12`, '-passout', `pass:${passphrase}`);
    // Legacy: pbeWithSHAAnd3-KeyTripleDES-CBC for key and certificates, SHA-1 MAC (OpenSSL 1.x-style).
    openssl('pkcs12', '-export', '-inkey', `${kind}.key`, '-in', `${kind}.crt`, '-out', `${kind}-3des.p12`, '-passout', `pass:${passphrase}`,
      '-keypbe', 'PBE-SHA1-3DES', '-certpbe', 'PBE-SHA1-3DES', '-macalg', 'sha1');
    // Encrypted PKCS#8 PEM.
    openssl('pkcs8', '-topk8', '-v2', 'aes-256-cbc', '-in', `${kind}.key`, '-out', `${kind}-encrypted.pem`, '-passout', `pass:${passphrase}`);
  }
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(['rsa', 'ec'])('loadPkcs12 (%s)', (kind) => {
  it.each(['', '-3des'])('reads the openssl-made file%s and its key signs verifiable XAdES', async (variant) => {
    const credentials = loadPkcs12(readFileSync(path.join(dir, `${kind}${variant}.p12`)), passphrase);
    const expectedCertificate = new X509Certificate(readFileSync(path.join(dir, `${kind}.crt`)));
    expect(new X509Certificate(credentials.certificatePem).fingerprint256).toBe(expectedCertificate.fingerprint256);
    // Same key as openssl generated: compare the public halves.
    const ours = createPrivateKey(credentials.privateKeyPem);
    const theirs = createPrivateKey(readFileSync(path.join(dir, `${kind}.key`)));
    expect(ours.export({ format: 'jwk' })).toEqual(theirs.export({ format: 'jwk' }));

    const signed = await createXadesSigner(credentials).sign(unsigned);
    expect(verifyWithXmlCrypto(signed, expectedCertificate.toString())).toEqual([]);
    expect(verifyWithXmlsec1(signed).status).toBe(0);
  });

  it('reports a wrong passphrase clearly, without echoing it', () => {
    const wrong = 'not-the-passphrase-42';
    let error: unknown;
    try {
      loadPkcs12(readFileSync(path.join(dir, `${kind}.p12`)), wrong);
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ name: 'CredentialsError', code: 'credentials.wrongPassphrase' });
    expect((error as Error).message).toMatch(/passphrase does not open the PKCS#12 file/);
    expect(inspect(error)).not.toContain(wrong);
  });

  it('signs with an encrypted PKCS#8 PEM key and its passphrase', async () => {
    const privateKeyPem = readFileSync(path.join(dir, `${kind}-encrypted.pem`), 'utf8');
    // The key really is encrypted: unreadable without the passphrase, readable with it.
    expect(() => createPrivateKey(privateKeyPem)).toThrow();
    expect(createPrivateKey({ key: privateKeyPem, passphrase }).type).toBe('private');
    const certificatePem = readFileSync(path.join(dir, `${kind}.crt`), 'utf8');
    const signed = await createXadesSigner({ certificatePem, privateKeyPem, passphrase }).sign(unsigned);
    expect(verifyWithXmlCrypto(signed, certificatePem)).toEqual([]);
    expect(verifyWithXmlsec1(signed).status).toBe(0);
  });

  it('refuses an encrypted PEM key with a wrong or missing passphrase, without echoing it', () => {
    const privateKeyPem = readFileSync(path.join(dir, `${kind}-encrypted.pem`), 'utf8');
    const wrong = 'wrong-passphrase-17';
    let error: unknown;
    try {
      readPrivateKey(privateKeyPem, wrong);
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ code: 'credentials.wrongPassphrase', message: 'The passphrase does not decrypt the private key. Check the passphrase.' });
    expect(inspect(error)).not.toContain(wrong);
    expect(() => readPrivateKey(privateKeyPem)).toThrow('The private key is encrypted; give its passphrase.');
  });
});

describe('loadPkcs12 on bad input', () => {
  it('says the file is not PKCS#12', () => {
    expect(() => loadPkcs12(Buffer.from('not a pfx'), 'x')).toThrow(expect.objectContaining({ code: 'credentials.unreadable' }));
  });

  it('prints the loaded key as [redacted]', () => {
    const credentials = loadPkcs12(readFileSync(path.join(dir, 'ec.p12')), passphrase);
    expect(JSON.stringify(credentials)).not.toContain('PRIVATE KEY');
    expect(inspect(credentials)).not.toContain('PRIVATE KEY');
  });
});
