import { execFileSync } from 'node:child_process';
import { authSchemas } from '@ksef-connect/spec';
import { buildAuthTokenRequest, type AuthTokenRequestOptions } from './buildAuthTokenRequest.js';
import { InvalidAuthTokenRequestError } from './InvalidAuthTokenRequestError.js';

const challenge = '20250604-CR-461EA5B000-537A6BA15D-D7';

/** Independent check with xmllint against the same XSD. */
function xmllintAccepts(xml: string): boolean {
  try {
    execFileSync('xmllint', ['--noout', '--nonet', '--schema', authSchemas.v2_1.path, '-'], { input: xml, stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

describe('buildAuthTokenRequest', () => {
  it('builds the v2-1 request of uwierzytelnianie.md for a NIP context', () => {
    const xml = buildAuthTokenRequest({ challenge, contextIdentifier: { type: 'Nip', value: '5265877635' }, subjectIdentifierType: 'certificateSubject' });
    expect(xml).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<AuthTokenRequest xmlns="http://ksef.mf.gov.pl/auth/token/2.1">' +
        `<Challenge>${challenge}</Challenge><ContextIdentifier><Nip>5265877635</Nip></ContextIdentifier>` +
        '<SubjectIdentifierType>certificateSubject</SubjectIdentifierType></AuthTokenRequest>',
    );
    expect(xmllintAccepts(xml)).toBe(true);
  });

  it('accepts an InternalId context', () => {
    const xml = buildAuthTokenRequest({ challenge, contextIdentifier: { type: 'InternalId', value: '5265877635-12345' }, subjectIdentifierType: 'certificateFingerprint' });
    expect(xml).toContain('<ContextIdentifier><InternalId>5265877635-12345</InternalId></ContextIdentifier>');
    expect(xmllintAccepts(xml)).toBe(true);
  });

  it.each([
    ['NipVatUe', '5265877635-DE123456789', '5265877635-DE12345678'],
    ['PeppolId', 'PPL123456', 'PPL12345'],
  ] as const)('checks a %s context with the open-api.json pattern, since the XSD one cannot match', (type, value, invalid) => {
    const xml = buildAuthTokenRequest({ challenge, contextIdentifier: { type, value }, subjectIdentifierType: 'certificateSubject' });
    expect(xml).toContain(`<ContextIdentifier><${type}>${value}</${type}></ContextIdentifier>`);
    // The official XSD's `^…$` are literal characters in XSD regexes: xmllint rejects even a valid value.
    expect(xmllintAccepts(xml)).toBe(false);
    expect(() => buildAuthTokenRequest({ challenge, contextIdentifier: { type, value: invalid }, subjectIdentifierType: 'certificateSubject' })).toThrow(
      `${type} "${invalid}" does not match the ${type} pattern of open-api.json`,
    );
  });

  it('writes the authorization policy in schema order', () => {
    const xml = buildAuthTokenRequest({
      challenge,
      contextIdentifier: { type: 'Nip', value: '5265877635' },
      subjectIdentifierType: 'certificateSubject',
      authorizationPolicy: { allowedIps: { ip4Masks: ['192.168.1.0/24'], ip4Ranges: ['222.111.0.1-222.111.0.255'], ip4Addresses: ['192.168.0.1', '10.0.0.1'] } },
    });
    expect(xml).toContain(
      '<AuthorizationPolicy><AllowedIps><Ip4Address>192.168.0.1</Ip4Address><Ip4Address>10.0.0.1</Ip4Address>' +
        '<Ip4Range>222.111.0.1-222.111.0.255</Ip4Range><Ip4Mask>192.168.1.0/24</Ip4Mask></AllowedIps></AuthorizationPolicy>',
    );
    expect(xmllintAccepts(xml)).toBe(true);
  });

  it.each<[string, Partial<AuthTokenRequestOptions>, RegExp]>([
    ['a malformed challenge', { challenge: '20250604-CR-bad' }, /Challenge/],
    ['a NIP with a leading zero', { contextIdentifier: { type: 'Nip', value: '0265877635' } }, /Nip/],
    ['an invalid IP mask', { authorizationPolicy: { allowedIps: { ip4Masks: ['10.0.0.0/33'] } } }, /Ip4Mask/],
    ['markup in a value', { contextIdentifier: { type: 'Nip', value: '5265877635</Nip><Nip>1' } }, /Nip/],
  ])('refuses %s before anything is signed', (_case, override, message) => {
    const options: AuthTokenRequestOptions = { challenge, contextIdentifier: { type: 'Nip', value: '5265877635' }, subjectIdentifierType: 'certificateSubject', ...override };
    expect(() => buildAuthTokenRequest(options)).toThrow(InvalidAuthTokenRequestError);
    expect(() => buildAuthTokenRequest(options)).toThrow(message);
  });

  it('refuses an unknown context type instead of using it as an element name', () => {
    const contextIdentifier = { type: 'Evil><x' as 'Nip', value: '5265877635' };
    expect(() => buildAuthTokenRequest({ challenge, contextIdentifier, subjectIdentifierType: 'certificateSubject' })).toThrow(/unknown context identifier type/);
  });
});
