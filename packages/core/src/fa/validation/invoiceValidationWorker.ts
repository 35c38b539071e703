// Entry point of a validation worker thread (see validateInvoiceFiles.ts). It imports only the
// validation files, not the package index, so a worker starts fast.
// inversify's decorators on the validator classes read metadata through the global Reflect API.
import 'reflect-metadata';
import { parentPort } from 'node:worker_threads';
import type { InvoiceValidationOptions } from './InvoiceValidationResult.js';
import type { InvoiceFileContent, InvoiceFileValidationResult } from './readInvoiceFile.js';
import { defaultInvoiceValidator } from './validateInvoice.js';

/** A batch of files sent to a worker. */
export interface ValidationBatch {
  readonly id: number;
  readonly options: InvoiceValidationOptions;
  readonly items: readonly InvoiceFileContent[];
}

/** A worker's answer to a {@link ValidationBatch}. */
export interface ValidationBatchResult {
  readonly id: number;
  readonly results: readonly InvoiceFileValidationResult[];
}

/** Validates one batch (in a worker or, for small runs, in the calling thread). */
export function validateBatch(batch: ValidationBatch): ValidationBatchResult {
  const validator = defaultInvoiceValidator();
  return {
    id: batch.id,
    results: batch.items.map((item) => ('result' in item ? item.result : { file: item.file, ...validator.validate(item.bytes, batch.options) })),
  };
}

parentPort?.on('message', (batch: ValidationBatch) => {
  parentPort?.postMessage(validateBatch(batch));
});
