import type * as X509 from '@peculiar/x509';
import { loadX509, type X509Module } from './loadX509.js';
import type { Clock } from '../../time/Clock.js';
import { systemClock } from '../../time/systemClock.js';
import { parseNip } from '../../identifiers/Nip.js';
import { parsePesel } from '../../identifiers/Pesel.js';
import { SigningCredentials } from './SigningCredentials.js';
import { toPem } from './pem.js';

/** What to put into a self-signed test certificate. */
export interface TestCertificateOptions {
  /** `rsa`: RSA-2048 (rsa-sha256 signatures); `ec`: ECDSA P-256 (ecdsa-sha256). */
  readonly kind: 'rsa' | 'ec';
  /** Company seal (`organizationIdentifier=VATPL-{nip}`), or a person's `serialNumber=TINPL-{nip}` when a name is given. */
  readonly nip?: string;
  /** A person's `serialNumber=PNOPL-{pesel}` (takes precedence over `nip` for persons). */
  readonly pesel?: string;
  /** With `surname`, makes a personal certificate; both are required for one. */
  readonly givenName?: string;
  readonly surname?: string;
  readonly commonName: string;
  /** A seal's `organizationName` (default: `commonName`). */
  readonly organizationName?: string;
  /** Validity from now (default 365 days). */
  readonly validDays?: number;
  /** Source of "now" for the validity period. */
  readonly clock?: Clock;
}

// X.520 attribute OIDs (auth/podpis-xades.md "Wymagane atrybuty certyfikatów kwalifikowanych").
const oid = {
  commonName: '2.5.4.3',
  surname: '2.5.4.4',
  serialNumber: '2.5.4.5',
  countryName: '2.5.4.6',
  organizationName: '2.5.4.10',
  givenName: '2.5.4.42',
  organizationIdentifier: '2.5.4.97',
} as const;

const msPerDay = 86_400_000;

/**
 * Creates a self-signed certificate and key in the shape KSeF reads a subject from
 * (auth/podpis-xades.md): a person (givenName, surname, serialNumber `PNOPL-{PESEL}` or
 * `TINPL-{NIP}`, CN, C=PL) or a company seal (O, organizationIdentifier `VATPL-{NIP}`, CN, C=PL, no
 * personal names). Self-signed certificates are accepted on KSeF TEST only
 * (auth/testowe-certyfikaty-i-podpisy-xades.md) and by our simulator.
 */
export async function generateTestCertificate(options: TestCertificateOptions): Promise<SigningCredentials> {
  const x509 = await loadX509();
  const name = subjectName(x509, options);
  const crypto = globalThis.crypto;
  const algorithm =
    options.kind === 'rsa'
      ? { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) }
      : { name: 'ECDSA', namedCurve: 'P-256' };
  const keys = await crypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
  const now = (options.clock ?? systemClock).now();
  const certificate = await x509.X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('hex').replace(/^[89a-f]/, '1'),
      name,
      notBefore: new Date(now.getTime() - 60_000),
      notAfter: new Date(now.getTime() + (options.validDays ?? 365) * msPerDay),
      keys,
      signingAlgorithm: options.kind === 'rsa' ? { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } : { name: 'ECDSA', hash: 'SHA-256' },
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true),
      ],
    },
    crypto,
  );
  const pkcs8 = await crypto.subtle.exportKey('pkcs8', keys.privateKey);
  return new SigningCredentials(certificate.toString('pem'), toPem(new Uint8Array(pkcs8), 'PRIVATE KEY'));
}

function subjectName(x509: X509Module, options: TestCertificateOptions): X509.Name {
  const printable = (value: string): { printableString: string } => ({ printableString: value });
  const utf8 = (value: string): { utf8String: string } => ({ utf8String: value });
  const person = options.givenName !== undefined || options.surname !== undefined || options.pesel !== undefined;
  // ASN.1 order, most significant first: C, then the identity, then CN.
  const attributes: Record<string, ({ printableString: string } | { utf8String: string })[]>[] = [{ [oid.countryName]: [printable('PL')] }];
  if (person) {
    if (options.givenName === undefined || options.surname === undefined) {
      throw new TypeError('a personal test certificate needs both givenName and surname (auth/podpis-xades.md)');
    }
    let serialNumber: string | undefined;
    if (options.pesel !== undefined) serialNumber = `PNOPL-${parsePesel(options.pesel)}`;
    else if (options.nip !== undefined) serialNumber = `TINPL-${parseNip(options.nip)}`;
    if (serialNumber === undefined) {
      throw new TypeError('a personal test certificate needs a pesel or a nip for its serialNumber');
    }
    attributes.push({ [oid.givenName]: [utf8(options.givenName)] }, { [oid.surname]: [utf8(options.surname)] }, { [oid.serialNumber]: [printable(serialNumber)] });
  } else if (options.nip !== undefined) {
    attributes.push(
      { [oid.organizationName]: [utf8(options.organizationName ?? options.commonName)] },
      { [oid.organizationIdentifier]: [utf8(`VATPL-${parseNip(options.nip)}`)] },
    );
  }
  attributes.push({ [oid.commonName]: [utf8(options.commonName)] });
  return new x509.Name(attributes);
}
