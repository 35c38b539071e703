/**
 * `@ksef-connect/core/validation` — FA(2)/FA(3)/FA_RR(1)/PEF validation alone. A light entry point
 * for tools that only validate (e.g. `ksef validate`): it does not load the client, crypto, XAdES or
 * DI libraries that the package index brings in. The same functions are exported from the index.
 */
export type { FormCodeName } from './fa/validation/FormCodeName.js';
export { formCodeNames, parseFormCodeName } from './fa/validation/FormCodeName.js';
export type { ValidationIssue, ValidationRule } from './fa/validation/ValidationIssue.js';
export type { InvoiceValidationResult, InvoiceValidationOptions } from './fa/validation/InvoiceValidationResult.js';
export type { XsdValidator } from './fa/validation/XsdValidator.js';
export { LibxmlXsdValidator } from './fa/validation/LibxmlXsdValidator.js';
export { InvoiceValidator } from './fa/validation/InvoiceValidator.js';
export { validateInvoice, defaultInvoiceValidator } from './fa/validation/validateInvoice.js';
export type { InvoiceFilesValidationOptions } from './fa/validation/validateInvoiceFiles.js';
export { validateInvoiceFiles } from './fa/validation/validateInvoiceFiles.js';
export type { InvoiceValidationWorkers } from './fa/validation/startInvoiceValidationWorkers.js';
export { startInvoiceValidationWorkers } from './fa/validation/startInvoiceValidationWorkers.js';
export type { InvoiceFileValidationResult } from './fa/validation/readInvoiceFile.js';
export type { KsefEnvironmentName } from './KsefEnvironment.js';
export { parseKsefEnvironmentName } from './KsefEnvironment.js';
