import { systemClock } from '../../time/systemClock.js';
import type { InvoiceValidationOptions, InvoiceValidationResult } from './InvoiceValidationResult.js';
import { InvoiceValidator } from './InvoiceValidator.js';
import { LibxmlXsdValidator } from './LibxmlXsdValidator.js';

let shared: InvoiceValidator | undefined;

/** The validator behind {@link validateInvoice}: one per thread, compiling each schema once. */
export function defaultInvoiceValidator(): InvoiceValidator {
  shared ??= new InvoiceValidator(new LibxmlXsdValidator(), systemClock);
  return shared;
}

/** Validates one invoice document (bytes as read from the file) against its form's XSD and the KSeF rules. */
export function validateInvoice(xml: Uint8Array, options?: InvoiceValidationOptions): InvoiceValidationResult {
  return defaultInvoiceValidator().validate(xml, options);
}
