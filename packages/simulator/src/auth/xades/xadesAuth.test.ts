import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { DOMImplementation, DOMParser, XMLSerializer } from '@xmldom/xmldom';
import * as xadesjs from 'xadesjs';
import { conformanceErrors } from '../../__fixtures__/expectConformance.js';
import type { ApiSchema } from '@ksef-connect/spec';
import { exceptionCode, TestClient, type Exchange } from '../../__fixtures__/TestClient.js';
import { startSimulator, type RunningSimulator } from '../../startSimulator.js';

// The signing side uses xadesjs (as our client does); the simulator verifies with xml-crypto.
xadesjs.Application.setEngine('NodeJS', webcrypto as unknown as Crypto);
xadesjs.setNodeDependencies({ DOMParser, XMLSerializer, DOMImplementation });
x509.cryptoProvider.set(webcrypto as unknown as Crypto);

type Kind = 'rsa' | 'ec';

async function signer(kind: Kind, subject: string): Promise<{ keys: CryptoKeyPair; certificate: string; algorithm: Algorithm }> {
  const algorithm = kind === 'rsa'
    ? { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 }
    : { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const keys = (await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as CryptoKeyPair;
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01', name: subject, keys, signingAlgorithm: algorithm,
    notBefore: new Date(now - 3600_000), notAfter: new Date(now + 365 * 24 * 3600_000),
  });
  return { keys, certificate: Buffer.from(cert.rawData).toString('base64'), algorithm };
}

async function signedAuthRequest(kind: Kind, subject: string, challenge: string, nip: string, namespace = 'http://ksef.mf.gov.pl/auth/token/2.0'): Promise<string> {
  const { keys, certificate, algorithm } = await signer(kind, subject);
  const xml = `<?xml version="1.0" encoding="utf-8"?><AuthTokenRequest xmlns="${namespace}"><Challenge>${challenge}</Challenge><ContextIdentifier><Nip>${nip}</Nip></ContextIdentifier><SubjectIdentifierType>certificateSubject</SubjectIdentifierType></AuthTokenRequest>`;
  const doc = xadesjs.Parse(xml);
  const signed = new xadesjs.SignedXml();
  const signature = await signed.Sign(algorithm, keys.privateKey, doc, {
    keyValue: keys.publicKey,
    x509: [certificate],
    references: [{ hash: 'SHA-256', transforms: ['enveloped', 'c14n'], uri: '' }],
    signingCertificate: { certificate, digestAlgorithm: 'SHA-256' },
  });
  doc.documentElement.appendChild(signature.GetXml() as Node);
  return new XMLSerializer().serializeToString(doc as unknown as Parameters<XMLSerializer['serializeToString']>[0]);
}

describe('POST /auth/xades-signature (xadesjs-signed, xml-crypto-verified)', () => {
  let sim: RunningSimulator;
  let client: TestClient;
  const log: Exchange[] = [];

  beforeAll(async () => {
    sim = await startSimulator({ seed: 'xades-test' });
    client = new TestClient(sim, log);
  });
  afterAll(() => sim.close());

  const challenge = async (): Promise<string> => (await client.call<ApiSchema<'AuthenticationChallengeResponse'>>('POST', '/auth/challenge', { token: null })).body.challenge;
  const post = (xml: string) => client.call<ApiSchema<'AuthenticationInitResponse'>>('POST', '/auth/xades-signature', { token: null, body: xml, headers: { 'content-type': 'application/xml' } });

  it.each([
    ['RSA PKCS#1 v1.5, personal certificate (serialNumber TINPL)', 'rsa' as Kind, (nip: string) => `CN=Jan Kowalski, 2.5.4.42=Jan, 2.5.4.4=Kowalski, 2.5.4.5=TINPL-${nip}, C=PL`],
    ['ECDSA P-256, seal (organizationIdentifier VATPL)', 'ec' as Kind, (nip: string) => `CN=Firma, O=Firma sp. z o.o., 2.5.4.97=VATPL-${nip}, C=PL`],
  ])('%s authenticates the subject NIP as owner of its context', async (_name, kind, subject) => {
    const nip = sim.sample.nip;
    const init = await post(await signedAuthRequest(kind, subject(nip), await challenge(), nip));
    expect(init.status).toBe(202);
    const status = await client.pollAuth(init);
    expect(status.body.status.code).toBe(200);
    expect(status.body.authenticationMethodInfo.category).toBe('XadesSignature');
    expect((await client.call('POST', '/auth/token/redeem', { token: init.body.authenticationToken.token })).status).toBe(200);
  });

  it('accepts the 2.1 namespace too', async () => {
    const nip = sim.sample.nip;
    const init = await post(await signedAuthRequest('rsa', `CN=X, 2.5.4.5=PESEL-80010112345, C=PL`, await challenge(), nip, 'http://ksef.mf.gov.pl/auth/token/2.1'));
    expect(init.status).toBe(202);
    // A PESEL subject with no permission in the NIP context: 415.
    expect((await client.pollAuth(init)).body.status.code).toBe(415);
  });

  it('rejects a tampered document (9105), a missing signature (9102), an XSD violation (21401) and an unknown challenge (21111)', async () => {
    const nip = sim.sample.nip;
    const signed = await signedAuthRequest('ec', `CN=Firma, 2.5.4.97=VATPL-${nip}, C=PL`, await challenge(), nip);
    const tampered = await post(signed.replace(`<Nip>${nip}</Nip>`, '<Nip>5265877635</Nip>'));
    expect(exceptionCode(tampered)).toBe(9105);
    const unsigned = await post(`<AuthTokenRequest xmlns="http://ksef.mf.gov.pl/auth/token/2.0"><Challenge>${await challenge()}</Challenge><ContextIdentifier><Nip>${nip}</Nip></ContextIdentifier><SubjectIdentifierType>certificateSubject</SubjectIdentifierType></AuthTokenRequest>`);
    expect(exceptionCode(unsigned)).toBe(9102);
    const badXsd = await post(await signedAuthRequest('rsa', `CN=X, 2.5.4.5=TINPL-${nip}, C=PL`, await challenge(), '123'));
    expect(exceptionCode(badXsd)).toBe(21401);
    const unknown = await post(await signedAuthRequest('rsa', `CN=X, 2.5.4.5=TINPL-${nip}, C=PL`, '20260101-CR-0000000000-0000000000-00', nip));
    expect(exceptionCode(unknown)).toBe(21111);
  });

  it('all responses conform to open-api.json', () => {
    expect(conformanceErrors(log)).toEqual({ errors: [], undocumented: [] });
  });
});
