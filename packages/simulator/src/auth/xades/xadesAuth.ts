import { createHash, X509Certificate } from 'node:crypto';
import { authSchemas } from '@ksef-connect/spec';
import { DOMParser, XMLSerializer, type Element as XmlElement } from '@xmldom/xmldom';
import { ApiError } from '../../http/ApiError.js';
import type { SimulatorServices } from '../../SimulatorServices.js';
import { authStatuses, type AuthInit, type AuthOperations } from '../AuthOperations.js';
import { contextPermissions } from '../contextPermissions.js';
import type { Identifier } from '../Principal.js';
import { validateAuthTokenRequest } from './validateAuthTokenRequest.js';
import { certificateSubject } from './certificateSubject.js';
import { verifyXadesSignature } from './verifyXadesSignature.js';

const dsig = 'http://www.w3.org/2000/09/xmldsig#';
const namespaces: readonly string[] = [authSchemas.v2_0.namespace, authSchemas.v2_1.namespace];

/**
 * Checks `POST /auth/xades-signature` (ksef-api.md §2.2a, §14.12). Synchronous 400s: unreadable
 * (21001), not an AuthTokenRequest or not XSD-valid (21401), signature missing/duplicated/invalid
 * (9102/9103/9105), unreadable certificate (21115), unknown challenge (21111), no identifier in the
 * certificate (21117). Asynchronous statuses: used or expired challenge (450), certificate outside
 * its validity (460), no permission in the context (415). Self-signed certificates are accepted, as
 * on TEST.
 */
export function xadesAuth(sim: SimulatorServices, operations: AuthOperations, body: Buffer): AuthInit {
  let xml: string;
  try {
    xml = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw ApiError.badRequest(21217, 'Nieprawidłowe kodowanie znaków.');
  }
  let root: XmlElement | null;
  try {
    root = new DOMParser({ onError: (level, message) => { if (level !== 'warning') throw new Error(message); } }).parseFromString(xml, 'application/xml').documentElement;
  } catch (error) {
    throw ApiError.badRequest(21001, 'Nie można odczytać treści.', [error instanceof Error ? error.message : String(error)]);
  }
  if (root === null || root.localName !== 'AuthTokenRequest' || !namespaces.includes(root.namespaceURI ?? '')) {
    throw ApiError.badRequest(21401, 'Dokument nie jest zgodny ze schemą (xsd).', ['Oczekiwano elementu AuthTokenRequest w przestrzeni nazw http://ksef.mf.gov.pl/auth/token/2.0 lub 2.1.']);
  }
  const verification = verifyXadesSignature(xml);
  if (!verification.ok) throw ApiError.badRequest(verification.code, descriptions[verification.code] ?? 'Nieprawidłowy podpis.', [verification.detail]);

  // The XSD has no slot for ds:Signature: validate the request as it was before signing.
  const unsigned = root.cloneNode(true) as XmlElement;
  for (const signature of Array.from(unsigned.getElementsByTagNameNS(dsig, 'Signature'))) signature.parentNode?.removeChild(signature);
  const xsdErrors = validateAuthTokenRequest(new XMLSerializer().serializeToString(unsigned));
  if (xsdErrors.length > 0) throw ApiError.badRequest(21401, 'Dokument nie jest zgodny ze schemą (xsd).', xsdErrors);

  const challenge = childText(root, 'Challenge') ?? '';
  const subjectIdentifierType = childText(root, 'SubjectIdentifierType') ?? '';
  const contextElement = childElements(childElements(root).find((e) => e.localName === 'ContextIdentifier') ?? root)[0];
  const context: Identifier = { type: contextElement?.localName ?? '', value: (contextElement?.textContent ?? '').trim() };
  const subject = certificateSubject(verification.certificateDer, subjectIdentifierType);
  if (subject === undefined) {
    throw ApiError.badRequest(21117, 'Nieprawidłowy identyfikator podmiotu dla wskazanego typu kontekstu.', ['Certyfikat nie zawiera numeru NIP ani PESEL (serialNumber / organizationIdentifier).']);
  }
  const seal = subjectIdentifierType === 'certificateSubject' && new X509Certificate(verification.certificateDer).subject.includes('2.5.4.97');
  const methodInfo = seal
    ? ({ category: 'XadesSignature', code: 'xades.qualified-seal', displayName: 'Pieczęć kwalifikowana' } as const)
    : ({ category: 'XadesSignature', code: 'xades.qualified-signature', displayName: 'Podpis kwalifikowany' } as const);
  const base = {
    method: 'Xades' as const,
    methodInfo,
    context,
    subject,
    signedDocumentHash: createHash('sha256').update(body).digest('base64'),
  };
  const freshness = operations.consumeChallenge(challenge);
  if (freshness !== 'fresh') return { ...base, permissions: [], outcome: authStatuses.badToken('Nieprawidłowe wyzwanie autoryzacyjne') };
  const certificate = new X509Certificate(verification.certificateDer);
  const now = sim.clock.now();
  if (new Date(certificate.validFrom) > now || new Date(certificate.validTo) < now) {
    return { ...base, permissions: [], outcome: authStatuses.badCertificate('Nieważny certyfikat') };
  }
  const permissions = contextPermissions(sim.state, context, subject);
  return { ...base, permissions, outcome: permissions.length > 0 ? authStatuses.success() : authStatuses.noPermissions() };
}

const descriptions: Readonly<Record<number, string>> = {
  9101: 'Nieprawidłowy dokument.',
  9102: 'Brak podpisu.',
  9103: 'Przekroczona liczba podpisów.',
  9105: 'Nieprawidłowy podpis.',
  21001: 'Nie można odczytać treści.',
  21115: 'Nieprawidłowy certyfikat.',
};

function childElements(parent: XmlElement): XmlElement[] {
  return Array.from(parent.childNodes).filter((n): n is XmlElement => n.nodeType === 1);
}

function childText(parent: XmlElement, localName: string): string | undefined {
  return childElements(parent).find((e) => e.localName === localName)?.textContent?.trim();
}
