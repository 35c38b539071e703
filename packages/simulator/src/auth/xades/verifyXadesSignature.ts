import { createHash, X509Certificate } from 'node:crypto';
import { DOMParser, type Element as XmlElement } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import type { XadesVerification } from './XadesVerification.js';
import { certDigestAlgorithms, registerXadesAlgorithms } from './xmlDsigAlgorithms.js';

const dsig = 'http://www.w3.org/2000/09/xmldsig#';
const xades = 'http://uri.etsi.org/01903/v1.3.2#';
const signedPropertiesType = 'http://uri.etsi.org/01903#SignedProperties';

/**
 * Verifies the enveloped XAdES signature of an AuthTokenRequest with xml-crypto — deliberately not
 * the library our client signs with, so the two implementations check each other. Checks: exactly
 * one `ds:Signature` (9102/9103), an embedded, readable X.509 certificate (21115), the whole
 * document and the XAdES SignedProperties covered by references, every reference digest and the
 * SignatureValue (9105), and that `SigningCertificate(V2)/Cert/CertDigest` matches the embedded
 * certificate (auth/podpis-xades.md).
 */
export function verifyXadesSignature(xml: string): XadesVerification {
  let doc: ReturnType<DOMParser['parseFromString']>;
  try {
    doc = new DOMParser({ onError: (level, message) => { if (level !== 'warning') throw new Error(message); } }).parseFromString(xml, 'application/xml');
  } catch (error) {
    return { ok: false, code: 21001, detail: `Nie można odczytać dokumentu XML: ${error instanceof Error ? error.message : String(error)}` };
  }
  const root = doc.documentElement;
  if (root === null) return { ok: false, code: 21001, detail: 'Dokument XML jest pusty.' };
  const signatures = Array.from(doc.getElementsByTagNameNS(dsig, 'Signature'));
  if (signatures.length === 0) return { ok: false, code: 9102, detail: 'Brak podpisu.' };
  if (signatures.length > 1) return { ok: false, code: 9103, detail: 'Dokument zawiera więcej niż jeden podpis.' };
  const signature = signatures[0] as XmlElement;
  if (signature.parentNode !== root) return { ok: false, code: 9105, detail: 'Podpis musi być otaczany (enveloped) przez AuthTokenRequest.' };

  const certificateText = firstText(signature, dsig, 'X509Certificate');
  if (certificateText === undefined) return { ok: false, code: 21115, detail: 'Podpis nie zawiera certyfikatu X.509.' };
  let certificate: X509Certificate;
  const certificateDer = Buffer.from(certificateText.replace(/\s+/g, ''), 'base64');
  try {
    certificate = new X509Certificate(certificateDer);
  } catch {
    return { ok: false, code: 21115, detail: 'Nieprawidłowy certyfikat.' };
  }

  const references = Array.from(signature.getElementsByTagNameNS(dsig, 'Reference')).filter((r) => r.parentNode?.localName === 'SignedInfo');
  const signedProperties = Array.from(signature.getElementsByTagNameNS(xades, 'SignedProperties'))[0];
  if (signedProperties === undefined) return { ok: false, code: 9105, detail: 'Brak elementu xades:SignedProperties.' };
  const signedPropertiesId = signedProperties.getAttribute('Id') ?? '';
  const coversDocument = references.some((r) => r.getAttribute('URI') === '' || (root.getAttribute('Id') !== null && r.getAttribute('URI') === `#${root.getAttribute('Id') ?? ''}`));
  const coversProperties = references.some((r) => r.getAttribute('URI') === `#${signedPropertiesId}` && (r.getAttribute('Type') ?? signedPropertiesType) === signedPropertiesType);
  if (!coversDocument) return { ok: false, code: 9105, detail: 'Podpis nie obejmuje całego dokumentu (podpis odłączony jest niedozwolony).' };
  if (signedPropertiesId === '' || !coversProperties) return { ok: false, code: 9105, detail: 'Podpis nie obejmuje xades:SignedProperties.' };

  const verifier = new SignedXml({ publicCert: certificate.toString() });
  registerXadesAlgorithms(verifier);
  let valid: boolean;
  try {
    verifier.loadSignature(signature.toString());
    valid = verifier.checkSignature(xml);
  } catch (error) {
    return { ok: false, code: 9105, detail: `Nieprawidłowy podpis: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (!valid) return { ok: false, code: 9105, detail: 'Nieprawidłowy podpis: skrót referencji lub wartość podpisu się nie zgadza.' };

  const certDigest = Array.from(signedProperties.getElementsByTagNameNS(xades, 'CertDigest'))[0];
  if (certDigest === undefined) return { ok: false, code: 9105, detail: 'Brak xades:SigningCertificate/Cert/CertDigest.' };
  const algorithm = Array.from(certDigest.getElementsByTagNameNS(dsig, 'DigestMethod'))[0]?.getAttribute('Algorithm') ?? '';
  const hash = certDigestAlgorithms[algorithm];
  if (hash === undefined) return { ok: false, code: 9105, detail: `Nieobsługiwany algorytm skrótu certyfikatu: ${algorithm}.` };
  const expected = createHash(hash).update(certificateDer).digest('base64');
  if ((firstText(certDigest, dsig, 'DigestValue') ?? '').replace(/\s+/g, '') !== expected) {
    return { ok: false, code: 9105, detail: 'Skrót certyfikatu w xades:SigningCertificate nie zgadza się z certyfikatem podpisu.' };
  }
  return { ok: true, certificateDer };
}

function firstText(scope: XmlElement, namespace: string, localName: string): string | undefined {
  const node = Array.from(scope.getElementsByTagNameNS(namespace, localName))[0];
  return node?.textContent ?? undefined;
}
