import { X509Certificate, type KeyObject, type webcrypto } from 'node:crypto';
import { inspect } from 'node:util';
import type { Clock } from '../../time/Clock.js';
import { systemClock } from '../../time/systemClock.js';
import { CredentialsError } from '../certificates/CredentialsError.js';
import { readPrivateKey } from '../certificates/readPrivateKey.js';
import { xadesEngine } from './xadesEngine.js';
import type { XadesSigner } from './XadesSigner.js';

/** A certificate and its private key, PEM; an encrypted PKCS#8 key needs its passphrase. */
export interface XadesSignerOptions {
  readonly certificatePem: string;
  readonly privateKeyPem: string;
  readonly passphrase?: string;
  /** Source of the XAdES SigningTime. */
  readonly clock?: Clock;
}

const excC14n = 'http://www.w3.org/2001/10/xml-exc-c14n#';

type KeyKind = { readonly importAlgorithm: webcrypto.RsaHashedImportParams | webcrypto.EcKeyImportParams; readonly signAlgorithm: webcrypto.Algorithm | webcrypto.EcdsaParams };

/**
 * An enveloped XAdES-BES signer for AuthTokenRequest documents (auth/podpis-xades.md), on xadesjs
 * with Node's WebCrypto: RSA keys (≥ 2048 bits) sign with rsa-sha256, EC P-256 keys with
 * ecdsa-sha256 (SignatureValue raw r||s). Exclusive c14n on SignedInfo and both references
 * (document `URI=""` with enveloped-signature, and SignedProperties); SignedProperties carry
 * SigningTime (from the clock) and SigningCertificate (SHA-256 digest + IssuerSerial); KeyInfo
 * carries the certificate. The key is checked against the certificate now, not at first use.
 */
export function createXadesSigner(options: XadesSignerOptions): XadesSigner {
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(options.certificatePem);
  } catch {
    throw new CredentialsError('credentials.unreadable', 'The signing certificate is not a PEM X.509 certificate.');
  }
  const privateKey = readPrivateKey(options.privateKeyPem, options.passphrase);
  if (!certificate.checkPrivateKey(privateKey)) {
    throw new CredentialsError('credentials.mismatch', `The private key does not belong to the certificate ${certificate.subject.replace(/\n/g, ', ')}.`);
  }
  return new XadesBesSigner(certificate, privateKey, keyKind(privateKey), options.clock ?? systemClock);
}

function keyKind(key: KeyObject): KeyKind {
  const details = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === 'rsa') {
    // auth/podpis-xades.md: "Minimalna długość klucza: 2048 bitów".
    if ((details.modulusLength ?? 0) < 2048) {
      throw new CredentialsError('credentials.unsupported', `KSeF requires RSA keys of at least 2048 bits; this one has ${details.modulusLength ?? 'an unknown number of'} bits.`);
    }
    return { importAlgorithm: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, signAlgorithm: { name: 'RSASSA-PKCS1-v1_5' } };
  }
  if (key.asymmetricKeyType === 'ec' && details.namedCurve === 'prime256v1') {
    return { importAlgorithm: { name: 'ECDSA', namedCurve: 'P-256' }, signAlgorithm: { name: 'ECDSA', hash: 'SHA-256' } as webcrypto.EcdsaParams };
  }
  throw new CredentialsError(
    'credentials.unsupported',
    `Signing keys must be RSA (≥ 2048 bits) or EC P-256; this one is ${key.asymmetricKeyType ?? 'unknown'}${details.namedCurve ? ` on ${details.namedCurve}` : ''}.`,
  );
}

/** The xadesjs-backed signer; prints as `[redacted]`. */
class XadesBesSigner implements XadesSigner {
  readonly #certificateBase64: string;
  readonly #privateKey: KeyObject;
  readonly #kind: KeyKind;
  readonly #clock: Clock;
  #cryptoKey: Promise<webcrypto.CryptoKey> | undefined;

  constructor(certificate: X509Certificate, privateKey: KeyObject, kind: KeyKind, clock: Clock) {
    this.#certificateBase64 = certificate.raw.toString('base64');
    this.#privateKey = privateKey;
    this.#kind = kind;
    this.#clock = clock;
  }

  async sign(unsignedXml: string): Promise<string> {
    const key = await this.#key();
    const engine = await xadesEngine();
    const doc = engine.parse(unsignedXml);
    const signedXml = engine.newSignedXml();
    signedXml.XmlSignature.SignedInfo.CanonicalizationMethod.Algorithm = excC14n;
    const signature = await signedXml.Sign(this.#kind.signAlgorithm, key, doc, {
      references: [{ hash: 'SHA-256', transforms: ['enveloped', 'exc-c14n'], uri: '' }],
      x509: [this.#certificateBase64],
      signingCertificate: { certificate: this.#certificateBase64, digestAlgorithm: 'SHA-256' },
      signingTime: { value: this.#clock.now() },
    });
    // xadesjs signs a copy and returns only ds:Signature; it goes in as the root's last child.
    const element = signature.GetXml();
    if (element === null || doc.documentElement === null) {
      throw new Error('XAdES signing produced no signature element');
    }
    doc.documentElement.appendChild(element);
    return engine.serialize(doc);
  }

  toJSON(): string {
    return '[redacted]';
  }

  toString(): string {
    return 'XadesSigner [redacted]';
  }

  [inspect.custom](): string {
    return 'XadesSigner [redacted]';
  }

  #key(): Promise<webcrypto.CryptoKey> {
    this.#cryptoKey ??= globalThis.crypto.subtle.importKey(
      'pkcs8',
      this.#privateKey.export({ format: 'der', type: 'pkcs8' }),
      this.#kind.importAlgorithm,
      false,
      ['sign'],
    );
    return this.#cryptoKey;
  }
}
