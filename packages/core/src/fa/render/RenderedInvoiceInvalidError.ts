import { KsefError } from '../../errors/KsefError.js';
import type { ValidationIssue } from '../validation/ValidationIssue.js';
import type { FaForm } from './FaForm.js';

/**
 * Thrown by `renderInvoice` when the XML it produced fails the form's XSD or KSeF's acceptance
 * rules: a gap between the draft checks and the schema. `xml` holds the document for diagnosis.
 */
export class RenderedInvoiceInvalidError extends KsefError {
  constructor(
    readonly invoiceNumber: string,
    readonly form: FaForm,
    readonly errors: readonly ValidationIssue[],
    readonly xml: string,
  ) {
    const listed = errors.slice(0, 20).map((e) => `  ${e.path ?? `line ${e.line ?? '?'}`}: ${e.message}`).join('\n');
    super(`Invoice ${invoiceNumber} rendered to ${form} XML that does not validate (${errors.length} error(s)); it was not returned:\n${listed}`, {
      code: 'invoice.invalid',
      recovery: 'skip',
    });
  }
}
