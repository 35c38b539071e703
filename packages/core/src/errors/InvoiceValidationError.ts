import type { ValidationIssue } from '../fa/validation/ValidationIssue.js';
import { KsefError } from './KsefError.js';

/** The invoice failed local validation and was not sent (`recovery: 'skip'`). */
export class InvoiceValidationError extends KsefError {
  constructor(
    message: string,
    /** The errors found, each with its line and path. */
    readonly issues: readonly ValidationIssue[],
  ) {
    super(message, { code: 'invoice.invalid', recovery: 'skip' });
  }
}
