// Test-only XAdES signing of an AuthTokenRequest with xadesjs on Node WebCrypto (the simulator
// verifies with xml-crypto, a different implementation). Self-signed certificates, as KSeF TEST accepts.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { DOMImplementation, DOMParser, XMLSerializer } from '@xmldom/xmldom';
import * as xadesjs from 'xadesjs';

xadesjs.Application.setEngine('NodeJS', webcrypto as unknown as Crypto);
xadesjs.setNodeDependencies({ DOMParser, XMLSerializer, DOMImplementation });
x509.cryptoProvider.set(webcrypto as unknown as Crypto);

/** What to sign: the challenge, the context NIP, and the certificate's subject DN and validity. */
export interface AuthTokenRequestSigning {
  readonly challenge: string;
  readonly contextNip: string;
  /** e.g. `CN=Firma, 2.5.4.97=VATPL-<nip>, C=PL` (seal) or `CN=Jan, 2.5.4.5=PESEL-<pesel>, C=PL`. */
  readonly subject: string;
  /** The certificate is valid from an hour before this instant for a year. */
  readonly now: Date;
}

/** A signed `AuthTokenRequest` (namespace 2.0) with an ECDSA P-256 key and a fresh self-signed certificate. */
export async function signAuthTokenRequest(request: AuthTokenRequestSigning): Promise<string> {
  const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const keys = (await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as CryptoKeyPair;
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: request.subject,
    keys,
    signingAlgorithm: algorithm,
    notBefore: new Date(request.now.getTime() - 3600_000),
    notAfter: new Date(request.now.getTime() + 365 * 24 * 3600_000),
  });
  const certificateBase64 = Buffer.from(certificate.rawData).toString('base64');
  const xml = '<?xml version="1.0" encoding="utf-8"?><AuthTokenRequest xmlns="http://ksef.mf.gov.pl/auth/token/2.0">'
    + `<Challenge>${request.challenge}</Challenge><ContextIdentifier><Nip>${request.contextNip}</Nip></ContextIdentifier>`
    + '<SubjectIdentifierType>certificateSubject</SubjectIdentifierType></AuthTokenRequest>';
  const doc = xadesjs.Parse(xml);
  const signed = new xadesjs.SignedXml();
  const signature = await signed.Sign(algorithm, keys.privateKey, doc, {
    keyValue: keys.publicKey,
    x509: [certificateBase64],
    references: [{ hash: 'SHA-256', transforms: ['enveloped', 'exc-c14n'], uri: '' }],
    signingCertificate: { certificate: certificateBase64, digestAlgorithm: 'SHA-256' },
  });
  doc.documentElement.appendChild(signature.GetXml() as Node);
  return new XMLSerializer().serializeToString(doc as unknown as Parameters<XMLSerializer['serializeToString']>[0]);
}
