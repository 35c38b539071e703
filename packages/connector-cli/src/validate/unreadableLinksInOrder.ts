import type { InvoiceFileValidationResult } from '@ksef-connect/core/validation';
import type { FoundInvoiceFile } from './findInvoiceFiles.js';

/**
 * Merges the validation results of the readable files with an `io` error for each path
 * `findInvoiceFiles` could not follow (a broken or looping symbolic link), in the order the paths
 * were found. `results` holds one result per path without a problem, in the same order.
 */
export function unreadableLinksInOrder(found: readonly FoundInvoiceFile[], results: readonly InvoiceFileValidationResult[]): InvoiceFileValidationResult[] {
  let next = 0;
  return found.map((entry) => {
    if (entry.problem === null) return results[next++] ?? unreadable(entry.file, 'it was not validated');
    return unreadable(entry.file, entry.problem);
  });
}

function unreadable(file: string, why: string): InvoiceFileValidationResult {
  return { file, valid: false, form: null, warnings: [], errors: [{ line: null, column: null, path: null, rule: 'io', message: `Cannot read the file: ${why}.` }] };
}
