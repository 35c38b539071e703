import type { ApiSchema } from '@ksef-connect/spec';
import { encryptBytes } from '../crypto/aes256Cbc.js';
import { fileMetadata } from '../crypto/FileMetadata.js';
import type { SymmetricKey } from '../crypto/SymmetricKey.js';
import { InvoiceValidationError } from '../errors/InvoiceValidationError.js';
import { isKsefError, KsefError } from '../errors/KsefError.js';
import type { FormCodeName } from '../fa/validation/FormCodeName.js';
import type { InvoiceValidationOptions, InvoiceValidationResult } from '../fa/validation/InvoiceValidationResult.js';
import type { KsefEnvironmentName } from '../KsefEnvironment.js';
import type { InvoiceOutcome } from './InvoiceOutcome.js';
import { SessionReader, type SessionContext } from './SessionReader.js';

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
  /**
   * The caller has validated these exact bytes with the session's rules already (the submission
   * pipeline validates every file before the first session opens): skip validating them again.
   */
  readonly validated?: boolean;
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

/** Everything an online session needs from its client. */
export interface OnlineSessionContext extends SessionContext {
  readonly validator: InvoiceChecker | undefined;
  /** The named environment, when the client was made for one (its rules apply to validation). */
  readonly env: KsefEnvironmentName | undefined;
  /** Context limits (`GET /limits/context`), fetched once per client. */
  readonly limits: (signal?: AbortSignal) => Promise<ApiSchema<'EffectiveContextLimits'> | undefined>;
}

// Attachments (FA(3) `Zalacznik`) are accepted only in batch sessions, except in technical
// corrections (`sesja-interaktywna.md`, ksef-api.md §4.2).
const attachmentElement = /<(?:[\w.-]+:)?Zalacznik[\s>/]/;

/**
 * An open online (interactive) session (`sesja-interaktywna.md`): its reference is known before the
 * first send; each `send` validates, checks what KSeF would refuse, hashes, encrypts and POSTs one
 * invoice; `close` ends it. Status and UPO reads work before and after close.
 * `await using session = await client.openOnlineSession(...)` closes it when the block ends.
 */
export class OnlineSession extends SessionReader implements AsyncDisposable {
  #closed = false;
  readonly #online: OnlineSessionContext;
  readonly #key: SymmetricKey;

  constructor(
    context: OnlineSessionContext,
    /** The session reference (`…-SO-…`). */
    referenceNumber: string,
    readonly formCode: FormCodeName,
    /** KSeF closes the session by itself at this time (12 h after opening). */
    readonly validUntil: Date,
    key: SymmetricKey,
  ) {
    super(context, referenceNumber);
    this.#online = context;
    this.#key = key;
  }

  /** True once `close()` succeeded. */
  get closed(): boolean {
    return this.#closed;
  }

  /**
   * Checks an invoice as `send` would and returns its hash and size, without sending anything.
   * Throws `InvoiceValidationError` (invalid) or `KsefError` `invoice.refused` (KSeF would refuse it).
   */
  async prepare(xml: Uint8Array, options: SendInvoiceOptions = {}): Promise<PreparedInvoice> {
    const validator = options.validated ? undefined : this.#online.validator;
    if (validator) {
      const result = validator.validate(xml, { form: this.formCode, ...(this.#online.env && { env: this.#online.env }), now: this.context.clock.now() });
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
    const limits = (await this.#online.limits(options.signal))?.onlineSession;
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
    const ciphertext = encryptBytes(xml, this.#key);
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
        `The outcome of sending invoice ${prepared.invoiceHash} in session ${this.referenceNumber} is unknown: the response was lost and the session does not list it yet. It was not resent; look it up later by its hash (ksef status --session ${this.referenceNumber}).`,
        { code: 'invoice.outcomeUnknown', recovery: 'retry', referenceNumber: this.referenceNumber, cause: error },
      );
    }
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

  /** Closes the session if it is still open (for `await using`). */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
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
}

function refused(reason: string): KsefError {
  return new KsefError(`KSeF would refuse this invoice: ${reason}. It was not sent.`, { code: 'invoice.refused', recovery: 'skip' });
}

/** A send whose fate is unknown: the request may have reached KSeF. */
function outcomeUnknown(error: unknown): boolean {
  return isKsefError(error) && (error.code === 'network.responseLost' || error.code === 'network.timeout' || error.code === 'http.serverError');
}
