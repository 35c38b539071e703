import { authSchemas } from '@ksef-connect/spec';
import { SchemaValidator } from '../../domain/xml/SchemaValidator.js';

/**
 * Validates an AuthTokenRequest (without its `ds:Signature`) against the v2-1 XSD. Documents in the
 * 2.0 namespace are checked with their namespace renamed: the two schemas differ only in the
 * namespace and in how the IPv4 patterns are written, and the v2-0 patterns do not compile in
 * libxml2 (spec package, deps.md §1.6). Returns the validator's messages; empty when valid.
 */
export function validateAuthTokenRequest(xml: string): string[] {
  const text = xml.split(authSchemas.v2_0.namespace).join(authSchemas.v2_1.namespace);
  const result = SchemaValidator.forXsd(authSchemas.v2_1.path).validate(Buffer.from(text, 'utf8'));
  return result.valid ? [] : result.errors.slice(0, 10);
}
