import type { ApiSchema } from '@ksef-connect/spec';
import type { Dispatcher } from 'undici';
import type { KsefApi } from '../api/KsefApi.js';
import { fileMetadata } from '../crypto/FileMetadata.js';
import { KsefError } from '../errors/KsefError.js';
import type { Clock } from '../time/Clock.js';
import { type Backoff, backoffDelay } from './Backoff.js';
import { downloadDocument, type DownloadedDocument } from './downloadDocument.js';
import { invoiceOutcome, type InvoiceOutcome } from './InvoiceOutcome.js';
import { parseUpo, type Upo } from './Upo.js';

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
  /** True when the status will not change any more (not 100 open, 150 processing, 170 closed). */
  readonly final: boolean;
}

/** A downloaded UPO: the exact bytes, their hash check, and the lenient parse. */
export interface UpoFile extends DownloadedDocument {
  readonly upo: Upo | undefined;
  /** The UPO page reference for session UPOs. */
  readonly referenceNumber?: string;
}

/** Everything reading a session needs from its client. */
export interface SessionContext {
  readonly api: KsefApi;
  readonly clock: Clock;
  /** For pre-signed UPO links, which take no Authorization header. */
  readonly dispatcher: Dispatcher;
  readonly timeoutMs: number;
  readonly statusPolling: Backoff;
}

/** Status polling: 0.5 s growing to 5 s; within `invoiceStatus`/`sessionMisc` budgets. */
export const defaultStatusPolling: Backoff = { initialMs: 500, factor: 1.5, maxMs: 5_000, totalMs: 300_000 };

/**
 * Any session of the context, online or batch, known by its reference: its status, its invoices
 * (by reference, by hash, or all of them), and its UPOs. Needs no session key, so a session opened
 * by another run or another machine can be looked up later (`ksef status --session`).
 */
export class SessionReader {
  constructor(
    protected readonly context: SessionContext,
    /** The session reference (`…-SO-…` online, `…-SB-…` batch). */
    readonly referenceNumber: string,
  ) {}

  /** Every invoice the session lists (`GET /sessions/{ref}/invoices`), page by page. */
  async *invoices(signal?: AbortSignal): AsyncGenerator<InvoiceOutcome> {
    let continuationToken: string | undefined;
    do {
      const { body } = await this.context.api.call('sessions.invoices', {
        params: { referenceNumber: this.referenceNumber },
        query: { pageSize: 1000 },
        ...(continuationToken && { headers: { 'x-continuation-token': continuationToken } }),
        ...(signal && { signal }),
      });
      for (const invoice of body.invoices) yield invoiceOutcome(this.referenceNumber, invoice);
      continuationToken = body.continuationToken ?? undefined;
    } while (continuationToken);
  }

  /** Finds an invoice of this session by its hash (session invoice list); undefined if KSeF does not list it. */
  async findInvoiceByHash(invoiceHash: string, signal?: AbortSignal): Promise<InvoiceOutcome | undefined> {
    let match: InvoiceOutcome | undefined;
    for await (const outcome of this.invoices(signal)) {
      if (outcome.invoiceHash !== invoiceHash) continue;
      // Several entries with one hash are duplicates of one document: prefer the accepted one.
      if (!match || (outcome.status.code === 200 && match.status.code !== 200)) match = outcome;
    }
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
      // 100 open, 170 closed (online) and 150 processing (batch, ksef-api.md §5.5) are still moving.
      final: code !== 100 && code !== 150 && code !== 170,
    };
  }

  /** Polls the session until it is processed (200) or failed (4xx); throws `status.timeout` after `timeoutMs`. */
  async waitForCompletion(options: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<SessionStatus> {
    return this.#poll(() => this.status(options.signal), (s) => s.final, options.timeoutMs, `session ${this.referenceNumber}`, options.signal);
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

  /** Downloads the UPO of an invoice of this session by its KSeF number (`…/invoices/ksef/{ksefNumber}/upo`). */
  async invoiceUpoByKsefNumber(ksefNumber: string, signal?: AbortSignal): Promise<UpoFile> {
    const response = await this.context.api.call('sessions.invoiceUpoByKsefNumber', {
      params: { referenceNumber: this.referenceNumber, ksefNumber },
      ...(signal && { signal }),
    });
    return this.#verified(response.body, response.headers['x-ms-meta-hash'], undefined);
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
