import 'reflect-metadata';
import { createHash } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import type { Identifier } from '../Principal.js';

/**
 * The authenticating subject a certificate stands for (uwierzytelnianie.md, auth/podpis-xades.md):
 * with `certificateSubject`, a personal certificate's serialNumber (2.5.4.5) `PNOPL…`/`PESEL…` gives
 * a PESEL and `TINPL…`/`NIP…` a NIP; a seal's organizationIdentifier (2.5.4.97) `VATPL…` gives a NIP.
 * With `certificateFingerprint`, the subject is the SHA-256 of the certificate DER (64 hex digits).
 */
export function certificateSubject(certificateDer: Buffer, subjectIdentifierType: string): Identifier | undefined {
  if (subjectIdentifierType === 'certificateFingerprint') {
    return { type: 'Fingerprint', value: createHash('sha256').update(certificateDer).digest('hex').toUpperCase() };
  }
  const name = new x509.X509Certificate(new Uint8Array(certificateDer)).subjectName;
  const organizationIdentifier = name.getField('2.5.4.97')[0];
  const seal = organizationIdentifier === undefined ? undefined : /VATPL.*?(\d{10})/.exec(organizationIdentifier)?.[1];
  if (seal !== undefined) return { type: 'Nip', value: seal };
  const serialNumber = name.getField('2.5.4.5')[0];
  if (serialNumber === undefined) return undefined;
  const pesel = /(PNOPL|PESEL).*?(\d{11})/.exec(serialNumber)?.[2];
  if (pesel !== undefined) return { type: 'Pesel', value: pesel };
  const nip = /(TINPL|NIP).*?(\d{10})/.exec(serialNumber)?.[2];
  return nip === undefined ? undefined : { type: 'Nip', value: nip };
}
