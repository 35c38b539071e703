import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

// The compiled worker sits beside this file. Under ts-jest the sources run untranspiled to disk,
// so there is no .js worker to start: validation then runs in the calling thread.
const workerFile = fileURLToPath(new URL('./invoiceValidationWorker.js', import.meta.url));

/** Validation worker threads, started ahead of {@link validateInvoiceFiles}; close them when done. */
export interface InvoiceValidationWorkers {
  /** The started threads (none where no compiled worker exists, e.g. under ts-jest). */
  readonly threads: readonly Worker[];
  /** Terminates every thread. */
  close(): Promise<void>;
}

/**
 * Starts `count` validation worker threads (default: CPUs - 1, at least 1). Each takes ~0.3 s to
 * load libxml2 and the validator, so a caller that knows a large run is coming (a folder to
 * validate) starts them before listing its files; this module loads nothing else, so starting
 * costs the caller nothing (docs/adr/0001-xsd-validator.md, "Throughput").
 */
export function startInvoiceValidationWorkers(count: number = Math.max(1, availableParallelism() - 1)): InvoiceValidationWorkers {
  const threads = existsSync(workerFile) ? Array.from({ length: Math.max(0, count) }, () => new Worker(workerFile)) : [];
  // A thread that fails before a run attaches its listeners must not crash the process (an
  // unhandled 'error' event) nor be handed work: it is left out of `threads` from then on. A run
  // in progress hears of it through its own listeners.
  const gone = new Set<Worker>();
  for (const worker of threads) {
    worker.on('error', () => gone.add(worker));
    worker.on('exit', () => gone.add(worker));
  }
  return {
    get threads() {
      return threads.filter((worker) => !gone.has(worker));
    },
    close: async () => {
      await Promise.all(threads.map((worker) => worker.terminate()));
    },
  };
}
