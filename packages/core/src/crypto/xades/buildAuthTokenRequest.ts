import { authSchemas } from '@ksef-connect/spec';
import { isValidNipVatUe } from '../../identifiers/NipVatUe.js';
import { isValidPeppolId } from '../../identifiers/PeppolId.js';
import { InvalidAuthTokenRequestError } from './InvalidAuthTokenRequestError.js';
import { validateAuthTokenRequest } from './validateAuthTokenRequest.js';

/** The context (entity) to authenticate for, as the API's `contextIdentifier` spells it. */
export interface AuthContextIdentifier {
  readonly type: 'Nip' | 'InternalId' | 'NipVatUe' | 'PeppolId';
  readonly value: string;
}

/** IPv4 addresses, ranges (`a.b.c.d-e.f.g.h`) and masks (`a.b.c.d/n`) the tokens may be used from; at most 10 of each. */
export interface AuthorizationPolicy {
  readonly allowedIps: {
    readonly ip4Addresses?: readonly string[];
    readonly ip4Ranges?: readonly string[];
    readonly ip4Masks?: readonly string[];
  };
}

/** What goes into an AuthTokenRequest. */
export interface AuthTokenRequestOptions {
  /** The `challenge` from `POST /auth/challenge`. */
  readonly challenge: string;
  readonly contextIdentifier: AuthContextIdentifier;
  /** How KSeF identifies the signer: from the certificate's subject fields, or by its SHA-256 fingerprint. */
  readonly subjectIdentifierType: 'certificateSubject' | 'certificateFingerprint';
  readonly authorizationPolicy?: AuthorizationPolicy;
}

const contextTypes: readonly string[] = ['Nip', 'InternalId', 'NipVatUe', 'PeppolId'];

/**
 * schemat_auth_v2-1.xsd writes the TNipVatUE and TPeppolId patterns with `^…$`, but XSD regexes
 * have no anchors: `^` and `$` are literal characters there, so no real value can match (libxml2
 * and xmllint both reject every one). For these two types the value is checked with the
 * open-api.json pattern instead, and only that schema facet error is set aside.
 */
const anchoredPatternTypes: Readonly<Record<string, (value: string) => boolean>> = {
  NipVatUe: isValidNipVatUe,
  PeppolId: isValidPeppolId,
};

function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function element(name: string, value: string): string {
  return `<${name}>${escapeXml(value)}</${name}>`;
}

/**
 * Builds the unsigned AuthTokenRequest of the XAdES auth path (uwierzytelnianie.md, ksef-api.md
 * §2.2a) in the v2-1 namespace, and checks it against `schemat_auth_v2-1.xsd` before anything is
 * signed. Compact (no indentation): the signer signs these exact bytes plus its signature.
 * Throws `InvalidAuthTokenRequestError` with the schema's messages when a value does not fit.
 */
export function buildAuthTokenRequest(options: AuthTokenRequestOptions): string {
  const { challenge, contextIdentifier, subjectIdentifierType, authorizationPolicy } = options;
  // The type becomes an element name, so it is checked here rather than left to the schema.
  if (!contextTypes.includes(contextIdentifier.type)) {
    throw new InvalidAuthTokenRequestError([`unknown context identifier type ${JSON.stringify(contextIdentifier.type)} (expected ${contextTypes.join(', ')})`]);
  }
  let policy = '';
  if (authorizationPolicy !== undefined) {
    const { ip4Addresses = [], ip4Ranges = [], ip4Masks = [] } = authorizationPolicy.allowedIps;
    // The XSD's order: all addresses, then ranges, then masks.
    const ips = [
      ...ip4Addresses.map((ip) => element('Ip4Address', ip)),
      ...ip4Ranges.map((ip) => element('Ip4Range', ip)),
      ...ip4Masks.map((ip) => element('Ip4Mask', ip)),
    ].join('');
    policy = `<AuthorizationPolicy><AllowedIps>${ips}</AllowedIps></AuthorizationPolicy>`;
  }
  const xml =
    '<?xml version="1.0" encoding="utf-8"?>\n' +
    `<AuthTokenRequest xmlns="${authSchemas.v2_1.namespace}">` +
    element('Challenge', challenge) +
    `<ContextIdentifier>${element(contextIdentifier.type, contextIdentifier.value)}</ContextIdentifier>` +
    element('SubjectIdentifierType', subjectIdentifierType) +
    policy +
    '</AuthTokenRequest>';
  const ownCheck = anchoredPatternTypes[contextIdentifier.type];
  const problems = validateAuthTokenRequest(xml).filter(
    (problem) => !(ownCheck?.(contextIdentifier.value) === true && problem.startsWith(`Element '{${authSchemas.v2_1.namespace}}${contextIdentifier.type}': [facet 'pattern']`)),
  );
  if (ownCheck !== undefined && !ownCheck(contextIdentifier.value)) {
    problems.push(`${contextIdentifier.type} ${JSON.stringify(contextIdentifier.value)} does not match the ${contextIdentifier.type} pattern of open-api.json`);
  }
  if (problems.length > 0) {
    throw new InvalidAuthTokenRequestError(problems);
  }
  return xml;
}
