import { createReadStream } from 'node:fs';
import type { ApiSchema } from '@ksef-connect/spec';
import { request } from 'undici';
import { decodeNetworkError } from '../errors/decodeNetworkError.js';
import { isKsefError, KsefError } from '../errors/KsefError.js';
import type { FormCodeName } from '../fa/validation/FormCodeName.js';
import type { BatchPackage, BatchPackagePart } from './BatchPackage.js';
import { SessionReader, type SessionContext } from './SessionReader.js';

/** Options of {@link BatchSession.uploadParts}. */
export interface UploadPartsOptions {
  /** Parts uploaded at once; default 4 (the docs recommend parallel uploads, `sesja-wsadowa.md`). */
  readonly concurrency?: number;
  /** Attempts per part for network errors and 5xx (a PUT of the same bytes is idempotent); default 4. */
  readonly maxAttempts?: number;
  /** Called after each part is stored. */
  readonly onPartUploaded?: (part: BatchPackagePart) => void;
  readonly signal?: AbortSignal;
}

// Close: 21205 "declared part not uploaded" may only mean the storage has not registered a part
// that answered 201 a moment ago; the docs give no retry rule, so it is asked again a few times.
const closeAttempts = 4;
const closeRetryMs = 2_000;

/**
 * An open batch session (`sesja-wsadowa.md`): the package was declared at open; `uploadParts` PUTs
 * each encrypted part to its pre-signed URL, `close` starts KSeF's processing. Status, invoice lists
 * and UPOs are read as for any session.
 */
export class BatchSession extends SessionReader {
  #closed = false;
  readonly #uploads: ReadonlyMap<number, ApiSchema<'PartUploadRequest'>>;

  constructor(
    context: SessionContext,
    /** The session reference (`…-SB-…`). */
    referenceNumber: string,
    readonly formCode: FormCodeName,
    /** KSeF cancels the session if it is not closed by then (12 h after opening, ksef-api.md §10.3). */
    readonly validUntil: Date,
    /** The package declared at open; its part files are what `uploadParts` sends. */
    readonly batchPackage: BatchPackage,
    partUploadRequests: readonly ApiSchema<'PartUploadRequest'>[],
  ) {
    super(context, referenceNumber);
    this.#uploads = new Map(partUploadRequests.map((r) => [r.ordinalNumber, r]));
  }

  /** True once `close()` succeeded. */
  get closed(): boolean {
    return this.#closed;
  }

  /** Uploads every part, a few at a time; rejects with the first part that failed for good. */
  async uploadParts(options: UploadPartsOptions = {}): Promise<void> {
    const queue = this.batchPackage.parts[Symbol.iterator]();
    let failure: unknown;
    const worker = async (): Promise<void> => {
      for (let next = queue.next(); !next.done && failure === undefined; next = queue.next()) {
        try {
          await this.#uploadWithRetry(next.value, options);
          options.onPartUploaded?.(next.value);
        } catch (error) {
          failure ??= error;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 4, this.batchPackage.parts.length)) }, worker));
    if (failure !== undefined) throw failure;
  }

  /**
   * Closes the session, which starts processing the package. 21205 (a part not registered yet) is
   * asked again a few times; 21180 (already closed) counts as success.
   */
  async close(signal?: AbortSignal): Promise<void> {
    if (this.#closed) return;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.context.api.call('batchSession.close', { params: { referenceNumber: this.referenceNumber }, ...(signal && { signal }) });
        break;
      } catch (error) {
        if (isKsefError(error, 'http.badRequest') && error.hasExceptionCode(21180)) break;
        const notYet = isKsefError(error, 'http.badRequest') && error.hasExceptionCode(21205);
        if (!notYet || attempt >= closeAttempts) throw error;
        await this.context.clock.sleep(closeRetryMs * attempt, signal);
      }
    }
    this.#closed = true;
  }

  async #uploadWithRetry(part: BatchPackagePart, options: UploadPartsOptions): Promise<void> {
    const attempts = options.maxAttempts ?? 4;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.#uploadOnce(part, options.signal);
        return;
      } catch (error) {
        const transient = isKsefError(error) && error.recovery === 'retry';
        if (!transient || attempt >= attempts || options.signal?.aborted) throw error;
        await this.context.clock.sleep(1_000 * 2 ** (attempt - 1), options.signal);
      }
    }
  }

  /**
   * One PUT to the part's pre-signed URL, with exactly the headers KSeF listed (plus the body's
   * length) and **no** Authorization header: the URL carries its own signature (ksef-api.md §5.3).
   */
  async #uploadOnce(part: BatchPackagePart, signal: AbortSignal | undefined): Promise<void> {
    const operation = `upload of part ${part.ordinalNumber}`;
    const upload = this.#uploads.get(part.ordinalNumber);
    if (upload === undefined) {
      throw new KsefError(`KSeF gave no upload address for part ${part.ordinalNumber} of batch session ${this.referenceNumber}.`, {
        code: 'session.failed', recovery: 'fatal', operation, referenceNumber: this.referenceNumber,
      });
    }
    const headers: Record<string, string> = { 'content-length': String(part.fileSize) };
    for (const [name, value] of Object.entries(upload.headers)) if (value !== null && value !== undefined) headers[name] = value;
    const timeout = AbortSignal.timeout(Math.max(this.context.timeoutMs, 600_000));
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let status: number;
    try {
      const response = await request(upload.url, {
        method: upload.method as 'PUT',
        headers,
        body: createReadStream(part.path),
        signal: combined,
        dispatcher: this.context.dispatcher,
      });
      status = response.statusCode;
      await response.body.dump();
    } catch (error) {
      throw decodeNetworkError(error, { operation, referenceNumber: this.referenceNumber, signal });
    }
    if (status === 201 || status === 200) return;
    // Pre-signed storage answers bare statuses; 403 is the expired upload window (parts × 20 min).
    throw new KsefError(
      `The ${operation} of batch session ${this.referenceNumber} failed with HTTP ${status}${status === 403 ? ': the upload window has probably expired, run the same command again to send the invoices in a new session' : ''}.`,
      { code: status >= 500 ? 'http.serverError' : status === 429 ? 'http.tooManyRequests' : 'http.unexpected', recovery: status >= 500 || status === 429 ? 'retry' : 'fatal', operation, httpStatus: status, referenceNumber: this.referenceNumber },
    );
  }
}
