import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { InvoiceValidationOptions } from './InvoiceValidationResult.js';
import type { ValidationBatch, ValidationBatchResult } from './invoiceValidationWorker.js';
import { validateBatch } from './invoiceValidationWorker.js';
import type { InvoiceFileValidationResult } from './readInvoiceFile.js';

/** Options of {@link validateInvoiceFiles}. */
export interface InvoiceFilesValidationOptions extends InvoiceValidationOptions {
  /**
   * Worker threads to validate on besides the calling thread (which always validates too); 0
   * validates in the calling thread only. Default: CPUs - 1 (at least 1) for runs of at least 64
   * files (starting a worker costs ~0.3 s), otherwise 0.
   */
  readonly workers?: number;
}

const batchSize = 64;
// Batches queued per worker, so a worker never waits for the next one.
const batchesInFlight = 2;
const minFilesForWorkers = 64;

// The compiled worker sits beside this file. Under ts-jest the sources run untranspiled to disk,
// so there is no .js worker to start: validation then runs in the calling thread.
const workerFile = fileURLToPath(new URL('./invoiceValidationWorker.js', import.meta.url));

/**
 * Validates many invoice files on worker threads and the calling thread; each takes a batch of
 * files, reads them all, then validates them. Results come back in input order, one per path; an unreadable file gets an `io`
 * error instead of failing the run.
 */
export async function validateInvoiceFiles(paths: readonly string[], options: InvoiceFilesValidationOptions = {}): Promise<InvoiceFileValidationResult[]> {
  const { workers: requested, ...validation } = options;
  const batches: ValidationBatch[] = [];
  for (let i = 0; i < paths.length; i += batchSize) {
    batches.push({ id: batches.length, options: validation, files: paths.slice(i, i + batchSize) });
  }
  // The calling thread validates as well, so one CPU is left for it.
  const wanted = requested ?? (paths.length >= minFilesForWorkers ? Math.max(1, availableParallelism() - 1) : 0);
  const workerCount = existsSync(workerFile) ? Math.min(wanted, batches.length) : 0;
  const results = new Array<InvoiceFileValidationResult[]>(batches.length);

  if (workerCount <= 0) {
    for (const batch of batches) {
      results[batch.id] = validateBatch(batch).results;
      await yieldToEventLoop(); // validation is synchronous: let other work in between batches
    }
    return results.flat();
  }

  const pool = Array.from({ length: workerCount }, () => new Worker(workerFile));
  try {
    await new Promise<void>((resolve, reject) => {
      let next = 0;
      let outstanding = batches.length;
      const settle = (): void => {
        if (--outstanding === 0) resolve();
      };
      const feed = (worker: Worker): void => {
        const batch = batches[next];
        if (batch === undefined) return;
        next++;
        worker.postMessage(batch);
      };
      for (const worker of pool) {
        worker.on('message', (answer: ValidationBatchResult) => {
          results[answer.id] = answer.results;
          feed(worker);
          settle();
        });
        worker.on('error', reject);
        worker.on('exit', (code) => {
          if (outstanding > 0) reject(new Error(`A validation worker exited (code ${code}) with ${outstanding} batches left`));
        });
        for (let k = 0; k < batchesInFlight; k++) feed(worker);
      }
      // The calling thread has the validator loaded already: it validates too while the workers
      // start (~0.3 s each), and yields between batches so their answers are handled promptly.
      void (async () => {
        for (let batch = batches[next]; batch !== undefined; batch = batches[next]) {
          next++;
          results[batch.id] = validateBatch(batch).results;
          settle();
          await yieldToEventLoop();
        }
      })().catch(reject);
    });
    return results.flat();
  } finally {
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
}
