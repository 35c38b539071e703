import { createHash, createPublicKey, verify, type KeyLike } from 'node:crypto';
import { C14nCanonicalization, type SignedXml } from 'xml-crypto';

type Hash = 'sha1' | 'sha256' | 'sha384' | 'sha512';

function signatureAlgorithm(uri: string, hash: Hash, ecdsa: boolean) {
  return class {
    getAlgorithmName = (): string => uri;
    getSignature = (): string => {
      throw new Error('the simulator only verifies signatures');
    };
    verifySignature = (material: string, key: KeyLike, signatureValue: string): boolean => {
      const publicKey = createPublicKey(key);
      const signature = Buffer.from(signatureValue, 'base64');
      // XMLDSig 1.1 / RFC 4050: an ECDSA SignatureValue is raw r||s, not DER (auth/podpis-xades.md).
      return ecdsa
        ? verify(hash, Buffer.from(material, 'utf8'), { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature)
        : verify(hash, Buffer.from(material, 'utf8'), publicKey, signature);
    };
  };
}

function hashAlgorithm(uri: string, hash: Hash) {
  return class {
    getAlgorithmName = (): string => uri;
    getHash = (xml: string): string => createHash(hash).update(xml, 'utf8').digest('base64');
  };
}

/**
 * Teaches an xml-crypto verifier the algorithms `auth/podpis-xades.md` accepts beyond its built-ins:
 * RSA PKCS#1 v1.5 with SHA-384, ECDSA with SHA-256/384/512 (raw r||s), the SHA-384 digest, and
 * Canonical XML 1.1 (handled as 1.0: the two differ only for `xml:id`/`xml:base` inheritance, which an
 * AuthTokenRequest never uses).
 */
export function registerXadesAlgorithms(verifier: SignedXml): void {
  const more = 'http://www.w3.org/2001/04/xmldsig-more#';
  verifier.SignatureAlgorithms[`${more}rsa-sha384`] = signatureAlgorithm(`${more}rsa-sha384`, 'sha384', false);
  verifier.SignatureAlgorithms[`${more}rsa-sha512`] = signatureAlgorithm(`${more}rsa-sha512`, 'sha512', false);
  for (const hash of ['sha1', 'sha256', 'sha384', 'sha512'] as const) {
    const uri = `${more}ecdsa-${hash}`;
    verifier.SignatureAlgorithms[uri] = signatureAlgorithm(uri, hash, true);
  }
  verifier.HashAlgorithms[`${more}sha384`] = hashAlgorithm(`${more}sha384`, 'sha384');
  verifier.CanonicalizationAlgorithms['http://www.w3.org/2006/12/xml-c14n11'] = C14nCanonicalization;
}

/** Digest algorithm URIs of `SigningCertificate/CertDigest` mapped to node hash names. */
export const certDigestAlgorithms: Readonly<Record<string, Hash>> = {
  'http://www.w3.org/2000/09/xmldsig#sha1': 'sha1',
  'http://www.w3.org/2001/04/xmlenc#sha256': 'sha256',
  'http://www.w3.org/2001/04/xmldsig-more#sha384': 'sha384',
  'http://www.w3.org/2001/04/xmlenc#sha512': 'sha512',
};
