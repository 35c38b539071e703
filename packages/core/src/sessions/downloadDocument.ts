import { createHash } from 'node:crypto';
import { request, type Dispatcher } from 'undici';
import { flattenHeaders } from '../api/undiciTransport.js';
import { decodeNetworkError } from '../errors/decodeNetworkError.js';
import { KsefError } from '../errors/KsefError.js';
import type { Clock } from '../time/Clock.js';

/** A downloaded document (UPO, invoice) and whether its `x-ms-meta-hash` header was checked. */
export interface DownloadedDocument {
  readonly bytes: Uint8Array;
  /** Base64 SHA-256 of `bytes`. */
  readonly sha256: string;
  /** True when the response carried `x-ms-meta-hash` and it matched (a mismatch throws). */
  readonly hashVerified: boolean;
}

/** What a pre-signed download needs. */
export interface DownloadOptions {
  readonly dispatcher: Dispatcher;
  readonly clock: Clock;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal | undefined;
  /** Attempts in total for network errors and 5xx (the GET is idempotent). */
  readonly maxAttempts?: number;
}

/**
 * GETs a pre-signed storage URL (UPO, export part). Sends **no** Authorization or API headers: the
 * URL carries its own signature and KSeF says not to send the token (`sesja-sprawdzenie-stanu-i-
 * pobranie-upo.md`). Not rate-limited. Verifies `x-ms-meta-hash` against the bytes.
 */
export async function downloadDocument(url: string, options: DownloadOptions): Promise<DownloadedDocument> {
  const attempts = options.maxAttempts ?? 4;
  for (let attempt = 1; ; attempt++) {
    try {
      return await downloadOnce(url, options);
    } catch (error) {
      const retryable = error instanceof KsefError && error.recovery === 'retry' && error.code !== 'download.hashMismatch';
      if (!retryable || attempt >= attempts || options.signal?.aborted) throw error;
      await options.clock.sleep(500 * 2 ** (attempt - 1), options.signal);
    }
  }
}

async function downloadOnce(url: string, options: DownloadOptions): Promise<DownloadedDocument> {
  const operation = 'download';
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let status: number;
  let headers: Record<string, string | undefined>;
  let bytes: Uint8Array;
  try {
    const response = await request(url, { method: 'GET', signal, dispatcher: options.dispatcher });
    status = response.statusCode;
    headers = flattenHeaders(response.headers);
    bytes = new Uint8Array(await response.body.arrayBuffer());
  } catch (error) {
    throw decodeNetworkError(error, { operation, signal: options.signal });
  }
  // Pre-signed URLs answer with storage errors (often XML), not KSeF's error bodies.
  if (status !== 200) {
    throw new KsefError(
      `Downloading a document from the pre-signed URL failed with HTTP ${status}; ${status === 403 ? 'the link has probably expired: read the status again for a fresh one.' : 'retry later.'}`,
      { code: status >= 500 ? 'http.serverError' : 'http.unexpected', recovery: 'retry', operation, httpStatus: status },
    );
  }
  const sha256 = createHash('sha256').update(bytes).digest('base64');
  const expected = headers['x-ms-meta-hash'];
  if (expected !== undefined && expected !== sha256) {
    throw new KsefError(
      `The downloaded document's SHA-256 (${sha256}) differs from x-ms-meta-hash (${expected}); it was damaged or replaced in transit and was not used. Download it again.`,
      { code: 'download.hashMismatch', recovery: 'retry', operation },
    );
  }
  return { bytes, sha256, hashVerified: expected !== undefined };
}
