import type { Name } from '@peculiar/x509';
import { CredentialsError } from './CredentialsError.js';
import { loadX509 } from './loadX509.js';

/** The NIP a certificate's subject names, and the attribute that names it. */
export interface CertificateSubjectNip {
  readonly nip: string;
  /** Where it was found, for messages: `organizationIdentifier VATPL-…` or `serialNumber TINPL-…`. */
  readonly attribute: string;
}

/**
 * The NIP KSeF reads from a certificate's subject (`auth/podpis-xades.md`, "Wymagane atrybuty"): a
 * seal's organizationIdentifier (2.5.4.97) matching `(VATPL).*?(\d{10})`, or a personal
 * certificate's serialNumber (2.5.4.5) matching `(TINPL|NIP).*?(\d{10})`. Undefined for a
 * certificate that names no NIP: a person identified by PESEL, or one known by fingerprint only.
 */
export async function certificateSubjectNip(certificatePem: string): Promise<CertificateSubjectNip | undefined> {
  const x509 = await loadX509();
  let name: Name;
  try {
    name = new x509.X509Certificate(certificatePem).subjectName;
  } catch {
    throw new CredentialsError('credentials.unreadable', 'The signing certificate is not a PEM X.509 certificate.');
  }
  for (const value of name.getField('2.5.4.97')) {
    const nip = /VATPL.*?(\d{10})/.exec(value)?.[1];
    if (nip !== undefined) return { nip, attribute: `organizationIdentifier ${value}` };
  }
  for (const value of name.getField('2.5.4.5')) {
    // A PESEL-based serial number names a person, not a NIP (and its 11 digits would match \d{10}).
    if (/PNOPL|PESEL/.test(value)) continue;
    const nip = /(?:TINPL|NIP).*?(\d{10})/.exec(value)?.[1];
    if (nip !== undefined) return { nip, attribute: `serialNumber ${value}` };
  }
  return undefined;
}
