import { availableParallelism } from 'node:os';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Worker } from 'node:worker_threads';
import type { InvoiceValidationOptions } from './InvoiceValidationResult.js';
import type { ValidationBatch, ValidationBatchResult } from './invoiceValidationWorker.js';
import { validateBatch } from './invoiceValidationWorker.js';
import type { InvoiceFileValidationResult } from './readInvoiceFile.js';
import { startInvoiceValidationWorkers } from './startInvoiceValidationWorkers.js';
import type { InvoiceValidationWorkers } from './startInvoiceValidationWorkers.js';

/** Options of {@link validateInvoiceFiles}. */
export interface InvoiceFilesValidationOptions extends InvoiceValidationOptions {
  /**
   * Worker threads to validate on besides the calling thread (which always validates too); 0
   * validates in the calling thread only. Default: CPUs - 1 (at least 1) for runs of at least 64
   * files (starting a worker costs ~0.3 s), otherwise 0. Or threads the caller started earlier
   * with {@link startInvoiceValidationWorkers} (used for runs of at least 64 files; the caller
   * closes them).
   */
  readonly workers?: number | InvoiceValidationWorkers;
}

const batchSize = 64;
// Batches queued per worker, so a worker never waits for the next one.
const batchesInFlight = 2;
const minFilesForWorkers = 64;

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
  const large = paths.length >= minFilesForWorkers;
  // The calling thread validates as well, so one CPU is left for it.
  const own = typeof requested === 'object' ? undefined : startInvoiceValidationWorkers(Math.min(requested ?? (large ? Math.max(1, availableParallelism() - 1) : 0), batches.length));
  const pool: readonly Worker[] = own?.threads ?? (typeof requested === 'object' && large ? requested.threads : []);
  const results = new Array<InvoiceFileValidationResult[]>(batches.length);

  if (pool.length === 0) {
    for (const batch of batches) {
      results[batch.id] = validateBatch(batch).results;
      await yieldToEventLoop(); // validation is synchronous: let other work in between batches
    }
    return results.flat();
  }

  const detach: Array<() => void> = [];
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
        const onMessage = (answer: ValidationBatchResult): void => {
          results[answer.id] = answer.results;
          feed(worker);
          settle();
        };
        const onExit = (code: number): void => {
          if (outstanding > 0) reject(new Error(`A validation worker exited (code ${code}) with ${outstanding} batches left`));
        };
        worker.on('message', onMessage).on('error', reject).on('exit', onExit);
        // Threads the caller started outlive this run: leave them without this run's listeners.
        detach.push(() => worker.off('message', onMessage).off('error', reject).off('exit', onExit));
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
    for (const off of detach) off();
    await own?.close();
  }
}
