import { X509Certificate, createHmac, createPrivateKey, timingSafeEqual } from 'node:crypto';
import { AsnConvert, AsnProp, AsnPropTypes, AsnType, AsnTypeTypes, OctetString } from '@peculiar/asn1-schema';
import { EncryptedContentInfo, id_data, id_encryptedData } from '@peculiar/asn1-cms';
import { AuthenticatedSafe, CertBag, PFX, PKCS8ShroudedKeyBag, SafeContents, id_certBag, id_keyBag, id_pkcs8ShroudedKeyBag, id_x509Certificate } from '@peculiar/asn1-pfx';
import { CredentialsError } from './CredentialsError.js';
import { SigningCredentials } from './SigningCredentials.js';
import { decryptWithPassword, pkcs12Kdf } from './passwordBasedEncryption.js';
import { toPem } from './pem.js';

/** CMS EncryptedData (RFC 5652 §8), which @peculiar/asn1-cms does not model. */
@AsnType({ type: AsnTypeTypes.Sequence })
class EncryptedData {
  @AsnProp({ type: AsnPropTypes.Integer })
  version = 0;

  @AsnProp({ type: EncryptedContentInfo })
  encryptedContentInfo = new EncryptedContentInfo();
}

const macHashes: Readonly<Record<string, string>> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.4': 'sha224',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

/**
 * Reads a PKCS#12 (.p12/.pfx) file holding a signing certificate and its key — RSA or EC (node:crypto
 * cannot read PKCS#12 at all, node-forge not with EC keys; deps.md §2). Supports the PBES2
 * (PBKDF2 + AES-CBC) encryption `openssl pkcs12 -export` uses since OpenSSL 3 and the legacy
 * SHA1/3DES one; the integrity MAC is checked first, so a wrong passphrase is reported as such.
 * When the file holds a chain, the certificate matching the key is returned.
 */
export function loadPkcs12(bytes: Uint8Array, passphrase: string): SigningCredentials {
  let pfx: PFX;
  try {
    pfx = AsnConvert.parse(bytes, PFX);
  } catch {
    throw new CredentialsError('credentials.unreadable', 'The file is not a PKCS#12 (.p12/.pfx) file.');
  }
  if (pfx.authSafe.contentType !== id_data) {
    throw new CredentialsError('credentials.unsupported', 'The PKCS#12 file is protected with a public key, not a passphrase; only passphrase-protected files are supported.');
  }
  const authSafeBytes = new Uint8Array(AsnConvert.parse(pfx.authSafe.content, OctetString).buffer);
  verifyMac(pfx, authSafeBytes, passphrase);

  const keys: Buffer[] = [];
  const certificates: X509Certificate[] = [];
  for (const content of AsnConvert.parse(authSafeBytes, AuthenticatedSafe)) {
    let safeContents: Uint8Array;
    if (content.contentType === id_data) {
      safeContents = new Uint8Array(AsnConvert.parse(content.content, OctetString).buffer);
    } else if (content.contentType === id_encryptedData) {
      const info = AsnConvert.parse(content.content, EncryptedData).encryptedContentInfo;
      const encrypted = info.encryptedContent?.value?.buffer ?? concat(info.encryptedContent?.constructedValue ?? []);
      safeContents = decryptWithPassword(info.contentEncryptionAlgorithm, new Uint8Array(encrypted), passphrase, 'certificates in the PKCS#12 file');
    } else {
      throw new CredentialsError('credentials.unsupported', `The PKCS#12 file has content of type ${content.contentType}, which is not supported.`);
    }
    for (const bag of AsnConvert.parse(safeContents, SafeContents)) {
      if (bag.bagId === id_pkcs8ShroudedKeyBag) {
        const shrouded = AsnConvert.parse(bag.bagValue, PKCS8ShroudedKeyBag);
        keys.push(decryptWithPassword(shrouded.encryptionAlgorithm, new Uint8Array(shrouded.encryptedData.buffer), passphrase, 'private key in the PKCS#12 file'));
      } else if (bag.bagId === id_keyBag) {
        keys.push(Buffer.from(bag.bagValue));
      } else if (bag.bagId === id_certBag) {
        const certBag = AsnConvert.parse(bag.bagValue, CertBag);
        if (certBag.certId === id_x509Certificate) {
          certificates.push(new X509Certificate(Buffer.from(AsnConvert.parse(certBag.certValue, OctetString).buffer)));
        }
      }
    }
  }
  if (keys.length !== 1) {
    throw new CredentialsError('credentials.unreadable', `The PKCS#12 file must hold exactly one private key; it holds ${keys.length}.`);
  }
  const [keyDer] = keys as [Buffer];
  let privateKey;
  try {
    privateKey = createPrivateKey({ key: keyDer, format: 'der', type: 'pkcs8' });
  } catch {
    throw new CredentialsError('credentials.wrongPassphrase', 'The private key in the PKCS#12 file could not be read; the passphrase is probably wrong.');
  }
  const certificate = certificates.find((candidate) => candidate.checkPrivateKey(privateKey));
  if (certificate === undefined) {
    throw new CredentialsError('credentials.mismatch', `The PKCS#12 file holds ${certificates.length} certificate(s), none for its private key.`);
  }
  return new SigningCredentials(certificate.toString(), toPem(privateKey.export({ format: 'der', type: 'pkcs8' }), 'PRIVATE KEY'));
}

/** Checks the PKCS#12 integrity MAC (RFC 7292 §5), which tells a wrong passphrase from a damaged file. */
function verifyMac(pfx: PFX, authSafe: Uint8Array, passphrase: string): void {
  // `macData` is OPTIONAL in RFC 7292; files without it can only be checked by decrypting.
  const macData = pfx.macData as PFX['macData'] | undefined;
  if (macData === undefined) return;
  const hash = macHashes[macData.mac.digestAlgorithm.algorithm];
  if (hash === undefined) {
    throw new CredentialsError('credentials.unsupported', `The PKCS#12 file's integrity MAC uses ${macData.mac.digestAlgorithm.algorithm}, which is not supported.`);
  }
  const expected = Buffer.from(macData.mac.digest.buffer);
  const key = pkcs12Kdf(passphrase, new Uint8Array(macData.macSalt.buffer), 3, macData.iterations, expected.length, hash);
  const actual = createHmac(hash, key).update(authSafe).digest();
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
    throw new CredentialsError('credentials.wrongPassphrase', 'The passphrase does not open the PKCS#12 file (its integrity check failed). Check the passphrase.');
  }
}

function concat(parts: readonly OctetString[]): ArrayBuffer {
  const joined = Buffer.concat(parts.map((part) => Buffer.from(part.buffer)));
  return joined.buffer.slice(joined.byteOffset, joined.byteOffset + joined.byteLength);
}
