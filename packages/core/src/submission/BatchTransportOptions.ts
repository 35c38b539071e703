import type { BatchCompression } from '../sessions/BatchPackage.js';

/** How the `batch` transport of {@link InvoiceSubmission} packs and uploads invoices. */
export interface BatchTransportOptions {
  /** The archive format; default `Zip` (`TarGz` compresses the whole stream, ksef-api.md §5.1). */
  readonly compression?: BatchCompression;
  /** Largest part before encryption; default 100 MB, KSeF's limit (smaller in tests). */
  readonly partSizeBytes?: number;
  /** Parts uploaded at once; default 4. */
  readonly uploadConcurrency?: number;
  /** Invoices per session at most, below the context's own limit (`GET /limits/context`, default 10 000). */
  readonly maxInvoicesPerSession?: number;
  /** Where package parts are written until uploaded; default the system's temporary directory. */
  readonly temporaryDirectory?: string;
}
