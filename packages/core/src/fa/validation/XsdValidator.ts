import type { InvoiceSchema } from '@ksef-connect/spec';
import type { ValidationIssue } from './ValidationIssue.js';

/**
 * Checks a document against one invoice XSD, offline. Returns `xml` issues when the document is not
 * well-formed, `xsd` issues when it is not valid, and nothing when it is valid.
 */
export interface XsdValidator {
  validate(xml: Uint8Array, schema: InvoiceSchema): ValidationIssue[];
}
