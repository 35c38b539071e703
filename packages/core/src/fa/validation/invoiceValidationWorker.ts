// Entry point of a validation worker thread (see validateInvoiceFiles.ts). It imports only the
// validation files, not the package index, so a worker starts fast.
import { parentPort } from 'node:worker_threads';
import type { InvoiceValidationOptions } from './InvoiceValidationResult.js';
import { readInvoiceFile } from './readInvoiceFile.js';
import type { InvoiceFileValidationResult } from './readInvoiceFile.js';
import { defaultInvoiceValidator } from './validateInvoice.js';

/** A batch of files for one worker: it reads them all first, then validates (batched I/O). */
export interface ValidationBatch {
  readonly id: number;
  readonly options: InvoiceValidationOptions;
  readonly files: readonly string[];
}

/** A worker's answer to a {@link ValidationBatch}. */
export interface ValidationBatchResult {
  readonly id: number;
  readonly results: InvoiceFileValidationResult[];
}

/** Reads and validates one batch (in a worker or, for small runs, in the calling thread). */
export function validateBatch(batch: ValidationBatch): ValidationBatchResult {
  const validator = defaultInvoiceValidator();
  const contents = batch.files.map((file) => readInvoiceFile(file, batch.options));
  return {
    id: batch.id,
    results: contents.map((item) => ('result' in item ? item.result : { file: item.file, ...validator.validate(item.bytes, batch.options) })),
  };
}

parentPort?.on('message', (batch: ValidationBatch) => {
  parentPort?.postMessage(validateBatch(batch));
});
