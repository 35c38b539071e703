import { readFileSync } from 'node:fs';
import { authSchemas } from '@ksef-connect/spec';
import { ParseOption, XmlDocument, XmlError, XmlLibError, XsdValidator } from 'libxml2-wasm';

// Nothing is fetched or expanded while parsing (XXE-safe), as in the invoice validator.
const parseOptions = ParseOption.XML_PARSE_NONET | ParseOption.XML_PARSE_NO_XXE;

let compiled: XsdValidator | undefined;

/** The v2-1 AuthTokenRequest schema, compiled on first use. v2-0 does not compile in libxml2 (deps.md §1.6). */
function schema(): XsdValidator {
  if (compiled === undefined) {
    const xsd = XmlDocument.fromBuffer(readFileSync(authSchemas.v2_1.path), { option: parseOptions });
    try {
      compiled = XsdValidator.fromDoc(xsd);
    } finally {
      xsd.dispose();
    }
  }
  return compiled;
}

/**
 * Checks an unsigned AuthTokenRequest against the v2-1 auth XSD (`schemat_auth_v2-1.xsd`) and returns
 * libxml2's messages, empty when valid. Only the unsigned form validates: the schema has no place
 * for the enveloped `ds:Signature`, which KSeF accepts anyway.
 */
export function validateAuthTokenRequest(xml: string): string[] {
  let doc: XmlDocument;
  try {
    doc = XmlDocument.fromString(xml, { option: parseOptions });
  } catch (error) {
    if (error instanceof XmlError) return [`not well-formed XML: ${error.message.trim()}`];
    throw error;
  }
  try {
    schema().validate(doc);
    return [];
  } catch (error) {
    if (error instanceof XmlLibError && error.details.length > 0) return error.details.map((detail) => detail.message.trim());
    if (error instanceof XmlError) return [error.message.trim()];
    throw error;
  } finally {
    doc.dispose();
  }
}
