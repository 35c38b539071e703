// Test support (excluded from the build): two verifiers independent of xadesjs — xml-crypto and
// the xmlsec1 CLI — for the signing tests here and the auth tests of core.
import { spawnSync } from 'node:child_process';
import { createPublicKey, createVerify, type KeyLike } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { SignedXml, type SignatureAlgorithm } from 'xml-crypto';
import * as xpath from 'xpath';

const ecdsaSha256 = 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256';

/** xml-crypto has no ECDSA; XML-DSig's ECDSA value is raw r||s (RFC 4050), hence `ieee-p1363`. */
class EcdsaSha256 implements SignatureAlgorithm {
  getSignature(): never {
    throw new Error('verification only');
  }

  verifySignature(material: string, key: KeyLike, signatureValue: string): boolean {
    return createVerify('sha256').update(material).verify({ key: createPublicKey(key), dsaEncoding: 'ieee-p1363' }, signatureValue, 'base64');
  }

  getAlgorithmName(): string {
    return ecdsaSha256;
  }
}

/** Verifies the enveloped signature with xml-crypto against `certificatePem` (not the KeyInfo); returns the errors, empty when valid. */
export function verifyWithXmlCrypto(signedXml: string, certificatePem: string): string[] {
  const doc = new DOMParser().parseFromString(signedXml, 'application/xml');
  const signatures = xpath.select("//*[local-name()='Signature' and namespace-uri()='http://www.w3.org/2000/09/xmldsig#']", doc as unknown as globalThis.Node);
  if (!Array.isArray(signatures) || signatures.length !== 1) return [`expected one ds:Signature, found ${Array.isArray(signatures) ? signatures.length : 0}`];
  const verifier = new SignedXml({ publicCert: certificatePem, getCertFromKeyInfo: () => null });
  verifier.SignatureAlgorithms[ecdsaSha256] = EcdsaSha256;
  verifier.loadSignature(signatures[0] as globalThis.Node);
  try {
    if (verifier.checkSignature(signedXml)) {
      return verifier.getSignedReferences().length === 2 ? [] : [`expected 2 signed references, got ${verifier.getSignedReferences().length}`];
    }
  } catch (error) {
    return [error instanceof Error ? error.message : String(error)];
  }
  return ['xml-crypto: signature invalid'];
}

/** Verifies with the xmlsec1 CLI (certificate from KeyInfo, chain not checked); returns its exit code and output. */
export function verifyWithXmlsec1(signedXml: string): { status: number | null; output: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'ksef-xades-'));
  try {
    const file = path.join(dir, 'signed.xml');
    writeFileSync(file, signedXml);
    const result = spawnSync('xmlsec1', ['--verify', '--insecure', '--id-attr:Id', 'http://uri.etsi.org/01903/v1.3.2#:SignedProperties', file], {
      encoding: 'utf8',
    });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
