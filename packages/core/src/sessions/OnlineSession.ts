import type { ApiSchema } from '@ksef-connect/spec';
import type { Dispatcher } from 'undici';
import type { ApiRunner } from '../api/ApiRunner.js';
import { encryptBytes } from '../crypto/aes256Cbc.js';
import { fileMetadata } from '../crypto/FileMetadata.js';
import type { SymmetricKey } from '../crypto/SymmetricKey.js';
import { InvoiceValidationError } from '../errors/InvoiceValidationError.js';
import { isKsefError, KsefError } from '../errors/KsefError.js';
import type { FormCodeName } from '../fa/validation/FormCodeName.js';
import type { InvoiceValidationOptions, InvoiceValidationResult } from '../fa/validation/InvoiceValidationResult.js';
import type { KsefEnvironmentName } from '../KsefEnvironment.js';
import type { Clock } from '../time/Clock.js';
import { type Backoff, backoffDelay } from './Backoff.js';
import { downloadDocument, type DownloadedDocument } from './downloadDocument.js';
import { invoiceOutcome, type InvoiceOutcome } from './InvoiceOutcome.js';
import { parseUpo, type Upo } from './Upo.js';

/** Validates invoice bytes; the core's `InvoiceValidator` fits. */
export interface InvoiceChecker {
  validate(xml: Uint8Array, options?: InvoiceValidationOptions): InvoiceValidationResult;
}

/** Options of {@link OnlineSession.send}. */
export interface SendInvoiceOptions {
  /** The invoice was issued in an offline mode (`offlineMode: true`, `tryby-offline.md`). */
  readonly offlineMode?: boolean;
  /** Technical correction: the hash of the rejected offline original. Requires `offlineMode`. */
  readonly hashOfCorrectedInvoice?: string;
  /**
   * Called with the invoice's hash after all checks and just before the POST, so a durable caller
   * can record its intent first; if it throws, nothing is sent.
   */
  readonly beforeSend?: (invoice: PreparedInvoice) => void | Promise<void>;
  readonly signal?: AbortSignal;
}

/** An invoice ready to send: its identity for duplicate-safe bookkeeping. */
export interface PreparedInvoice {
  readonly sessionReferenceNumber: string;
  /** Base64 SHA-256 of the plain XML: KSeF's `invoiceHash` and the key to find it by. */
  readonly invoiceHash: string;
  readonly invoiceSize: number;
}

/** The result of a send: KSeF took the invoice for processing. */
export interface SentInvoice extends PreparedInvoice {
  /** The invoice reference (`…-EE-…`); the KSeF number comes with the status. */
  readonly referenceNumber: string;
  /** True when the response was lost and the reference was found by querying the session by hash. */
  readonly recoveredByQuery: boolean;
}

/** The session's status (`GET /sessions/{ref}`). */
export interface SessionStatus {
  readonly code: number;
  readonly description: string;
  readonly details: readonly string[];
  readonly invoiceCount: number | null;
  readonly successfulInvoiceCount: number | null;
  readonly failedInvoiceCount: number | null;
  /** Session UPO pages (after close and processing). */
  readonly upoPages: readonly ApiSchema<'UpoPageResponse'>[];
  /** True when the status will not change any more (not 100 open / 170 closed-processing). */
  readonly final: boolean;
}

/** A downloaded UPO: the exact bytes, their hash check, and the lenient parse. */
export interface UpoFile extends DownloadedDocument {
  readonly upo: Upo | undefined;
  /** The UPO page reference for session UPOs. */
  readonly referenceNumber?: string;
}

/** Everything an online session needs from its client. */
export interface OnlineSessionContext {
  readonly api: ApiRunner;
  readonly clock: Clock;
  readonly dispatcher: Dispatcher;
  readonly timeoutMs: number;
  readonly validator: InvoiceChecker | undefined;
  /** The named environment, when the client was made for one (its rules apply to validation). */
  readonly env: KsefEnvironmentName | undefined;
  /** Context limits (`GET /limits/context`), fetched once per client. */
  readonly limits: (signal?: AbortSignal) => Promise<ApiSchema<'EffectiveContextLimits'> | undefined>;
  readonly statusPolling: Backoff;
}

/** Status polling: 0.5 s growing to 5 s; within `invoiceStatus`/`sessionMisc` budgets. */
export const defaultStatusPolling: Backoff = { initialMs: 500, factor: 1.5, maxMs: 5_000, totalMs: 300_000 };

// Attachments (FA(3) `Zalacznik`) are accepted only in batch sessions, except in technical
// corrections (`sesja-interaktywna.md`, ksef-api.md §4.2).
const attachmentElement = /<(?:[\w.-]+:)?Zalacznik[\s>/]/;

/**
 * An open online (interactive) session (`sesja-interaktywna.md`): its reference is known before the
 * first send; each `send` validates, checks what KSeF would refuse, hashes, encrypts and POSTs one
 * invoice; `close` ends it. Status and UPO reads work before and after close.
 * `await using session = await client.openOnlineSession(...)` closes it when the block ends.
 */
export class OnlineSession implements AsyncDisposable {
  #closed = false;

  constructor(
    private readonly context: OnlineSessionContext,
    /** The session reference (`…-SO-…`). */
    readonly referenceNumber: string,
    readonly formCode: FormCodeName,
    /** KSeF closes the session by itself at this time (12 h after opening). */
    readonly validUntil: Date,
    private readonly key: SymmetricKey,
  ) {}

  /** True once `close()` succeeded. */
  get closed(): boolean {
    return this.#closed;
  }

  /**
   * Checks an invoice as `send` would and returns its hash and size, without sending anything.
   * Throws `InvoiceValidationError` (invalid) or `KsefError` `invoice.refused` (KSeF would refuse it).
   */
  async prepare(xml: Uint8Array, options: SendInvoiceOptions = {}): Promise<PreparedInvoice> {
    const validator = this.context.validator;
    if (validator) {
      const result = validator.validate(xml, { form: this.formCode, ...(this.context.env && { env: this.context.env }), now: this.context.clock.now() });
      if (!result.valid) {
        const first = result.errors[0];
        throw new InvoiceValidationError(
          `The invoice is not a valid ${this.formCode} document (${result.errors.length} error(s)${first ? `, first: ${first.line !== null ? `line ${first.line}: ` : ''}${first.message}` : ''}); it was not sent.`,
          result.errors,
        );
      }
    }
    if (options.hashOfCorrectedInvoice !== undefined && !options.offlineMode) {
      throw refused('a technical correction (hashOfCorrectedInvoice) must be sent with offlineMode: true');
    }
    if (options.hashOfCorrectedInvoice === undefined && attachmentElement.test(Buffer.from(xml).toString('utf8'))) {
      throw refused('invoices with attachments (Zalacznik) are accepted only in batch sessions; send it in a batch session');
    }
    const limits = (await this.context.limits(options.signal))?.onlineSession;
    const hasAttachment = options.hashOfCorrectedInvoice !== undefined && attachmentElement.test(Buffer.from(xml).toString('utf8'));
    const maxMb = limits ? (hasAttachment ? limits.maxInvoiceWithAttachmentSizeInMB : limits.maxInvoiceSizeInMB) : hasAttachment ? 3 : 1;
    // KSeF counts MB in SI units: 1 MB = 1,000,000 bytes (`limity/limity.md`).
    if (xml.length > maxMb * 1_000_000) {
      throw refused(`the invoice has ${xml.length} bytes, more than the ${maxMb} MB this context allows`);
    }
    const plain = fileMetadata(xml);
    return { sessionReferenceNumber: this.referenceNumber, invoiceHash: plain.hashSHA, invoiceSize: plain.fileSize };
  }

  /**
   * Sends one invoice, exactly once. When the response is lost (broken connection, timeout, 5xx)
   * the session's invoice list is searched by the invoice hash; if KSeF does not list it (yet), the
   * send fails with `invoice.outcomeUnknown` and nothing is resent — a slow KSeF may still register
   * the first upload, and "not listed now" does not prove it never arrived (ARCHITECTURE.md §3).
   * Look it up later with `findInvoiceByHash`.
   */
  async send(xml: Uint8Array, options: SendInvoiceOptions = {}): Promise<SentInvoice> {
    if (this.#closed) throw new KsefError(`Session ${this.referenceNumber} is closed; open a new session to send more invoices.`, { code: 'session.failed', recovery: 'retry', referenceNumber: this.referenceNumber });
    const prepared = await this.prepare(xml, options);
    const ciphertext = encryptBytes(xml, this.key);
    const encrypted = fileMetadata(ciphertext);
    const body: ApiSchema<'SendInvoiceRequest'> = {
      invoiceHash: prepared.invoiceHash,
      invoiceSize: prepared.invoiceSize,
      encryptedInvoiceHash: encrypted.hashSHA,
      encryptedInvoiceSize: encrypted.fileSize,
      encryptedInvoiceContent: ciphertext.toString('base64'),
      offlineMode: options.offlineMode ?? false,
      ...(options.hashOfCorrectedInvoice !== undefined && { hashOfCorrectedInvoice: options.hashOfCorrectedInvoice }),
    };
    await options.beforeSend?.(prepared);
    try {
      const { body: response } = await this.context.api.call('onlineSession.sendInvoice', {
        params: { referenceNumber: this.referenceNumber },
        body,
        ...(options.signal && { signal: options.signal }),
      });
      return { ...prepared, referenceNumber: response.referenceNumber, recoveredByQuery: false };
    } catch (error) {
      if (!outcomeUnknown(error)) throw error;
      const found = await this.#findAfterLostResponse(prepared.invoiceHash, options.signal);
      if (found) return { ...prepared, referenceNumber: found.referenceNumber, recoveredByQuery: true };
      throw new KsefError(
        `The outcome of sending invoice ${prepared.invoiceHash} in session ${this.referenceNumber} is unknown: the response was lost and the session does not list it yet. It was not resent; look it up later with findInvoiceByHash.`,
        { code: 'invoice.outcomeUnknown', recovery: 'retry', referenceNumber: this.referenceNumber, cause: error },
      );
    }
  }

  /** Finds an invoice of this session by its hash (session invoice list); undefined if KSeF does not list it. */
  async findInvoiceByHash(invoiceHash: string, signal?: AbortSignal): Promise<InvoiceOutcome | undefined> {
    let continuationToken: string | undefined;
    let match: InvoiceOutcome | undefined;
    do {
      const { body } = await this.context.api.call('sessions.invoices', {
        params: { referenceNumber: this.referenceNumber },
        query: { pageSize: 1000 },
        ...(continuationToken && { headers: { 'x-continuation-token': continuationToken } }),
        ...(signal && { signal }),
      });
      for (const invoice of body.invoices) {
        if (invoice.invoiceHash !== invoiceHash) continue;
        const outcome = invoiceOutcome(this.referenceNumber, invoice);
        // Several entries with one hash are duplicates of one document: prefer the accepted one.
        if (!match || (outcome.status.code === 200 && match.status.code !== 200)) match = outcome;
      }
      continuationToken = body.continuationToken ?? undefined;
    } while (continuationToken);
    return match;
  }

  /** The current status of one invoice of this session. */
  async invoiceStatus(invoiceReferenceNumber: string, signal?: AbortSignal): Promise<InvoiceOutcome> {
    const { body } = await this.context.api.call('sessions.invoiceStatus', {
      params: { referenceNumber: this.referenceNumber, invoiceReferenceNumber },
      ...(signal && { signal }),
    });
    return invoiceOutcome(this.referenceNumber, body);
  }

  /** Polls an invoice's status until it is final (accepted or rejected); throws `status.timeout` after `timeoutMs`. */
  async waitForInvoice(invoiceReferenceNumber: string, options: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<InvoiceOutcome> {
    return this.#poll(
      () => this.invoiceStatus(invoiceReferenceNumber, options.signal),
      (outcome) => outcome.final,
      options.timeoutMs,
      `invoice ${invoiceReferenceNumber}`,
      options.signal,
    );
  }

  /** The session's status, invoice counts and UPO pages. */
  async status(signal?: AbortSignal): Promise<SessionStatus> {
    const { body } = await this.context.api.call('sessions.status', {
      params: { referenceNumber: this.referenceNumber },
      ...(signal && { signal }),
    });
    const { code, description, details } = body.status;
    return {
      code,
      description,
      details: details ?? [],
      invoiceCount: body.invoiceCount ?? null,
      successfulInvoiceCount: body.successfulInvoiceCount ?? null,
      failedInvoiceCount: body.failedInvoiceCount ?? null,
      upoPages: body.upo?.pages ?? [],
      final: code !== 100 && code !== 170,
    };
  }

  /** Polls the session until it is processed (200) or failed (4xx); throws `status.timeout` after `timeoutMs`. */
  async waitForCompletion(options: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<SessionStatus> {
    return this.#poll(() => this.status(options.signal), (s) => s.final, options.timeoutMs, `session ${this.referenceNumber}`, options.signal);
  }

  /**
   * Closes the session (KSeF then generates the session UPO). If the response is lost, the session
   * status tells whether the close took effect; closing twice is harmless.
   */
  async close(signal?: AbortSignal): Promise<void> {
    if (this.#closed) return;
    try {
      await this.context.api.call('onlineSession.close', { params: { referenceNumber: this.referenceNumber }, ...(signal && { signal }) });
    } catch (error) {
      // 21180: the status forbids closing — it is already closed (by us, or after 12 h).
      const alreadyClosed = isKsefError(error, 'http.badRequest') && error.hasExceptionCode(21180);
      if (!alreadyClosed && !(outcomeUnknown(error) && (await this.status(signal)).code !== 100)) throw error;
    }
    this.#closed = true;
  }

  /** Downloads an accepted invoice's UPO: from its pre-signed link (no token), else through the API. */
  async invoiceUpo(invoice: InvoiceOutcome, signal?: AbortSignal): Promise<UpoFile> {
    if (invoice.upoDownloadUrl) return this.#presigned(invoice.upoDownloadUrl, undefined, signal);
    const response = await this.context.api.call('sessions.invoiceUpo', {
      params: { referenceNumber: this.referenceNumber, invoiceReferenceNumber: invoice.referenceNumber },
      ...(signal && { signal }),
    });
    return this.#verified(response.body, response.headers['x-ms-meta-hash'], undefined);
  }

  /** Downloads every page of the session UPO (available once the session is processed). */
  async sessionUpo(signal?: AbortSignal): Promise<UpoFile[]> {
    const { upoPages } = await this.status(signal);
    const files: UpoFile[] = [];
    for (const page of upoPages) {
      // An absolute link is pre-signed storage (no token); a path is the authenticated API route (ksef-api.md §6.2).
      if (/^https?:\/\//i.test(page.downloadUrl)) {
        files.push(await this.#presigned(page.downloadUrl, page.referenceNumber, signal));
      } else {
        const response = await this.context.api.call('sessions.upoPage', {
          params: { referenceNumber: this.referenceNumber, upoReferenceNumber: page.referenceNumber },
          ...(signal && { signal }),
        });
        files.push(this.#verified(response.body, response.headers['x-ms-meta-hash'], page.referenceNumber));
      }
    }
    return files;
  }

  /** Closes the session if it is still open (for `await using`). */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  async #presigned(url: string, referenceNumber: string | undefined, signal?: AbortSignal): Promise<UpoFile> {
    const document = await downloadDocument(url, { dispatcher: this.context.dispatcher, clock: this.context.clock, timeoutMs: this.context.timeoutMs, signal });
    return { ...document, upo: parseUpo(document.bytes), ...(referenceNumber !== undefined && { referenceNumber }) };
  }

  #verified(bytes: Uint8Array, expected: string | undefined, referenceNumber: string | undefined): UpoFile {
    const sha256 = fileMetadata(bytes).hashSHA;
    if (expected !== undefined && expected !== sha256) {
      throw new KsefError(`The UPO of session ${this.referenceNumber} does not match its x-ms-meta-hash; it was not used. Download it again.`, {
        code: 'download.hashMismatch', recovery: 'retry', referenceNumber: this.referenceNumber,
      });
    }
    return { bytes, sha256, hashVerified: expected !== undefined, upo: parseUpo(bytes), ...(referenceNumber !== undefined && { referenceNumber }) };
  }

  async #findAfterLostResponse(invoiceHash: string, signal?: AbortSignal): Promise<InvoiceOutcome | undefined> {
    // KSeF registers an accepted upload before answering 202; ask twice, a moment apart, in case
    // the request was still being handled when the connection broke.
    for (let check = 0; check < 2; check++) {
      if (check > 0) await this.context.clock.sleep(2_000, signal);
      const found = await this.findInvoiceByHash(invoiceHash, signal);
      if (found) return found;
    }
    return undefined;
  }

  async #poll<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number | undefined, what: string, signal?: AbortSignal): Promise<T> {
    const backoff = this.context.statusPolling;
    const limit = timeoutMs ?? backoff.totalMs;
    const started = this.context.clock.now().getTime();
    for (let attempt = 0; ; attempt++) {
      const value = await read();
      if (done(value)) return value;
      const delay = backoffDelay(backoff, attempt);
      if (this.context.clock.now().getTime() + delay - started > limit) {
        throw new KsefError(`KSeF has not finished processing ${what} after ${Math.round(limit / 1000)} s; nothing was resent. Ask for its status again later.`, {
          code: 'status.timeout', recovery: 'retry', referenceNumber: this.referenceNumber,
        });
      }
      await this.context.clock.sleep(delay, signal);
    }
  }
}

function refused(reason: string): KsefError {
  return new KsefError(`KSeF would refuse this invoice: ${reason}. It was not sent.`, { code: 'invoice.refused', recovery: 'skip' });
}

/** A send whose fate is unknown: the request may have reached KSeF. */
function outcomeUnknown(error: unknown): boolean {
  return isKsefError(error) && (error.code === 'network.responseLost' || error.code === 'network.timeout' || error.code === 'http.serverError');
}
