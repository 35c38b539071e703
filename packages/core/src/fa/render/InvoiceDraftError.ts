import { KsefError } from '../../errors/KsefError.js';
import type { InvoiceDraftIssue } from '../checks/InvoiceDraftIssue.js';

/** Thrown by `renderInvoice` when the draft has errors: nothing was rendered; `issues` lists them by field. */
export class InvoiceDraftError extends KsefError {
  constructor(
    /** The invoice number (`P_2`) of the draft, for the message. */
    readonly invoiceNumber: string,
    /** Every issue found, errors and warnings. */
    readonly issues: readonly InvoiceDraftIssue[],
  ) {
    const errors = issues.filter((i) => i.severity === 'error');
    const listed = errors.slice(0, 20).map((i) => `  ${i.path}: ${i.message}`).join('\n');
    const more = errors.length > 20 ? `\n  … and ${errors.length - 20} more` : '';
    super(`Invoice ${invoiceNumber} was not rendered: ${errors.length} error(s) in the draft; fix them and render again:\n${listed}${more}`, {
      code: 'invoice.invalid',
      recovery: 'skip',
    });
  }
}
