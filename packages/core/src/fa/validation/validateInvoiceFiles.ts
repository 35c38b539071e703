import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { InvoiceValidationOptions } from './InvoiceValidationResult.js';
import type { ValidationBatch, ValidationBatchResult } from './invoiceValidationWorker.js';
import { validateBatch } from './invoiceValidationWorker.js';
import { readInvoiceFile } from './readInvoiceFile.js';
import type { InvoiceFileContent, InvoiceFileValidationResult } from './readInvoiceFile.js';

/** Options of {@link validateInvoiceFiles}. */
export interface InvoiceFilesValidationOptions extends InvoiceValidationOptions {
  /**
   * Worker threads to validate on; 0 validates in the calling thread. Default: one per CPU for
   * runs of at least 64 files (starting a worker costs ~0.1 s), otherwise 0.
   */
  readonly workers?: number;
}

const batchSize = 64;
// Batches queued per worker, so a worker never waits for the reader between two batches.
const batchesInFlight = 2;
const minFilesForWorkers = 64;

// The compiled worker sits beside this file. Under ts-jest the sources run untranspiled to disk,
// so there is no .js worker to start: validation then runs in the calling thread.
const workerFile = fileURLToPath(new URL('./invoiceValidationWorker.js', import.meta.url));

/**
 * Validates many invoice files: reads them in batches (the reads overlap the validation) and
 * validates on worker threads. Results come back in input order, one per path; an unreadable file
 * gets an `io` error instead of failing the run.
 */
export async function validateInvoiceFiles(paths: readonly string[], options: InvoiceFilesValidationOptions = {}): Promise<InvoiceFileValidationResult[]> {
  const { workers: requested, ...validation } = options;
  const workerCount = existsSync(workerFile)
    ? Math.min(requested ?? (paths.length >= minFilesForWorkers ? availableParallelism() : 0), Math.ceil(paths.length / batchSize))
    : 0;
  const batches: string[][] = [];
  for (let i = 0; i < paths.length; i += batchSize) batches.push(paths.slice(i, i + batchSize));
  const results: InvoiceFileValidationResult[][] = new Array<InvoiceFileValidationResult[]>(batches.length);

  if (workerCount <= 0) {
    let next = read(batches[0] ?? [], validation);
    for (let id = 0; id < batches.length; id++) {
      const items = await next;
      if (id + 1 < batches.length) next = read(batches[id + 1] ?? [], validation);
      results[id] = validateBatch({ id, options: validation, items }).results.slice();
    }
    return results.flat();
  }

  const pool = Array.from({ length: workerCount }, () => new Worker(workerFile));
  try {
    const pending = new Map<number, { resolve: () => void; reject: (error: unknown) => void }>();
    const load = pool.map(() => 0);
    let slotFreed: (() => void) | undefined;
    const failure = new Promise<never>((_, reject) => {
      for (const worker of pool) {
        worker.on('error', reject);
        worker.on('exit', (code) => {
          if (pending.size > 0) reject(new Error(`A validation worker exited (code ${code}) with batches pending`));
        });
      }
    });
    failure.catch(() => undefined);
    pool.forEach((worker, w) => {
      worker.on('message', (answer: ValidationBatchResult) => {
        results[answer.id] = answer.results.slice();
        load[w] = (load[w] ?? 1) - 1;
        pending.get(answer.id)?.resolve();
        pending.delete(answer.id);
        slotFreed?.();
      });
    });

    const done: Promise<void>[] = [];
    let next = read(batches[0] ?? [], validation);
    for (let id = 0; id < batches.length; id++) {
      const items = await Promise.race([next, failure]);
      if (id + 1 < batches.length) next = read(batches[id + 1] ?? [], validation);
      let w = leastLoaded(load);
      while ((load[w] ?? 0) >= batchesInFlight) {
        await Promise.race([new Promise<void>((resolve) => (slotFreed = resolve)), failure]);
        w = leastLoaded(load);
      }
      load[w] = (load[w] ?? 0) + 1;
      done.push(new Promise<void>((resolve, reject) => pending.set(id, { resolve, reject })));
      const batch: ValidationBatch = { id, options: validation, items };
      pool[w]?.postMessage(batch, transferList(items));
    }
    await Promise.race([Promise.all(done), failure]);
    return results.flat();
  } finally {
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
}

function read(files: readonly string[], options: InvoiceValidationOptions): Promise<InvoiceFileContent[]> {
  return Promise.all(files.map((file) => readInvoiceFile(file, options)));
}

function leastLoaded(load: readonly number[]): number {
  let best = 0;
  for (let w = 1; w < load.length; w++) if ((load[w] ?? 0) < (load[best] ?? 0)) best = w;
  return best;
}

// readFile returns Buffers that own their memory, so moving it to the worker saves a copy.
function transferList(items: readonly InvoiceFileContent[]): ArrayBuffer[] {
  const buffers: ArrayBuffer[] = [];
  for (const item of items) {
    if ('bytes' in item && item.bytes.byteOffset === 0 && item.bytes.buffer instanceof ArrayBuffer && item.bytes.buffer.byteLength === item.bytes.byteLength) {
      buffers.push(item.bytes.buffer);
    }
  }
  return buffers;
}
