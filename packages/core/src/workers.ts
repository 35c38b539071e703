/**
 * `@ksef-connect/core/workers` — starts bulk-validation worker threads without loading the validator
 * itself (libxml2, the schemas), plus the form and environment names a command line parses first.
 * `ksef validate` starts its workers here, then loads `@ksef-connect/core/validation`.
 */
export type { InvoiceValidationWorkers } from './fa/validation/startInvoiceValidationWorkers.js';
export { startInvoiceValidationWorkers } from './fa/validation/startInvoiceValidationWorkers.js';
export type { FormCodeName } from './fa/validation/FormCodeName.js';
export { formCodeNames, parseFormCodeName } from './fa/validation/FormCodeName.js';
export type { KsefEnvironmentName } from './KsefEnvironment.js';
export { parseKsefEnvironmentName } from './KsefEnvironment.js';
