import path from 'node:path';
import type { ApiSchema } from '@ksef-connect/spec';
import type { OpenBatchSessionOptions, OpenOnlineSessionOptions } from '../client/KsefClient.js';
import { fileMetadata } from '../crypto/FileMetadata.js';
import { generateSymmetricKey } from '../crypto/generateSymmetricKey.js';
import { InvoiceValidationError } from '../errors/InvoiceValidationError.js';
import { isKsefError, KsefError } from '../errors/KsefError.js';
import type { FormCodeName } from '../fa/validation/FormCodeName.js';
import { defaultInvoiceValidator } from '../fa/validation/validateInvoice.js';
import type { KsefEnvironmentName } from '../KsefEnvironment.js';
import type { BatchPackage } from '../sessions/BatchPackage.js';
import { BatchPackageBuilder, maxBatchPartBytes } from '../sessions/BatchPackageBuilder.js';
import { BatchSession } from '../sessions/BatchSession.js';
import type { InvoiceOutcome, InvoiceStatus } from '../sessions/InvoiceOutcome.js';
import type { InvoiceChecker, OnlineSession } from '../sessions/OnlineSession.js';
import type { SessionReader, SessionStatus } from '../sessions/SessionReader.js';
import type { Clock } from '../time/Clock.js';
import { systemClock } from '../time/systemClock.js';
import { maxZipBytes, maxZipFiles } from '../sessions/ZipArchiveWriter.js';
import type { BatchTransportOptions } from './BatchTransportOptions.js';
import { DuplicateOriginals } from './DuplicateOriginals.js';
import type { SubmissionEvent } from './SubmissionEvent.js';
import type { SubmissionHooks } from './SubmissionHooks.js';
import type { SubmissionIssue } from './SubmissionIssue.js';
import type { SubmissionItem } from './SubmissionItem.js';
import type { SubmissionOutcome, SubmissionOutcomeKind } from './SubmissionOutcome.js';
import type { SubmissionReport, SubmittedInvoice, SubmittedSession } from './SubmissionReport.js';

/** What the pipeline needs from a client: `KsefClient` fits; tests pass one over a fake `KsefApi`. */
export interface SubmissionClient {
  /** The named environment, when known: its validation rules apply unless `env` says otherwise. */
  readonly env: KsefEnvironmentName | undefined;
  openOnlineSession(options: OpenOnlineSessionOptions): Promise<OnlineSession>;
  /** Opens a batch session declaring a built package (the `batch` transport). */
  openBatchSession(options: OpenBatchSessionOptions): Promise<BatchSession>;
  /** The context's limits (`GET /limits/context`); undefined falls back to the documented ones. */
  contextLimits(signal?: AbortSignal): Promise<ApiSchema<'EffectiveContextLimits'> | undefined>;
  session(referenceNumber: string): SessionReader;
}

/** Options of {@link InvoiceSubmission}; the hooks are for durable callers (a ledger). */
export interface InvoiceSubmissionOptions extends SubmissionHooks {
  /** Whose rules local validation applies; default the client's environment, else `prod`. */
  readonly env?: KsefEnvironmentName;
  /** Default the core's `InvoiceValidator`. */
  readonly validator?: InvoiceChecker;
  readonly clock?: Clock;
  /** How long to wait for final statuses once everything is sent; default 120 s. */
  readonly waitTimeoutMs?: number;
  /** Invoices in flight at once within a session; default 4. */
  readonly concurrency?: number;
  /**
   * `online` (default): one POST per invoice in an online session. `batch`: per form code, the
   * invoices are packed, encrypted and uploaded as a batch session (`sesja-wsadowa.md`), split into
   * several sessions when the limits require it; settling, duplicates, resends and UPOs are the same.
   */
  readonly transport?: 'online' | 'batch';
  readonly batch?: BatchTransportOptions;
  /** How often invoices KSeF provably never got (its session is final and does not list them) are sent again in a new session; default 1. */
  readonly resendRounds?: number;
  readonly onEvent?: (event: SubmissionEvent) => void;
  /**
   * Stops the run (Ctrl+C): no further invoice is sent, sends in flight finish or time out, every
   * open session is closed, and the statuses are read once without waiting.
   */
  readonly signal?: AbortSignal;
}

/** A session this submission opened. */
interface OpenedSession {
  readonly session: OnlineSession | BatchSession;
  closed: boolean;
  status: SessionStatus | null;
}

/** One input during the run. */
interface Entry {
  readonly item: SubmissionItem;
  hash: string | null;
  /** Bytes of the XML when validated. */
  size: number;
  form: FormCodeName | null;
  session: OpenedSession | null;
  /** `maybe`: the POST went out and its response was lost; KSeF may have the invoice. */
  sent: 'no' | 'yes' | 'maybe';
  /** The session is final and does not list it: KSeF never got it. */
  absent: boolean;
  /** Its invoice reference, once KSeF answered the upload or listed it. */
  reference: string | null;
  /** KSeF's entry for it in the session's invoice list, once read. */
  listed: InvoiceOutcome | null;
  /** For `alreadyInKsef`: the original invoice, whose UPO is the one that counts. */
  original: { readonly session: string; readonly outcome: InvoiceOutcome } | null;
  outcome: SubmissionOutcome | null;
}

const defaultWaitTimeoutMs = 120_000;
// Online session close: the docs give no retry rule; closing twice is harmless (21180 "already
// closed" is taken as success), so a 5xx or lost response is retried a few times, a second apart.
const closeAttempts = 3;

// Documented batch limits (ksef-api.md §5.1, §10.3; `limity/limity.md`), in SI units; the
// per-invoice and per-session counts come from `GET /limits/context` when it answers.
const maxBatchParts = 50;
const maxBatchArchiveBytes = 5_000_000_000;
const defaultBatchLimits = { maxInvoices: 10_000, maxInvoiceSizeInMB: 1, maxInvoiceWithAttachmentSizeInMB: 3 };
// How many invoices a batch package reads ahead of the one it is adding (each at most a few MB).
const packageReadAhead = 8;
// Attachments (FA(3) `Zalacznik`) raise the size limit (ksef-api.md §10.3).
const attachmentElement = /<(?:[\w.-]+:)?Zalacznik[\s>/]/;
// KSeF's duplicate key is seller NIP + invoice kind + number (ARCHITECTURE.md §3); within one
// package the seller NIP and number (P_2) are what can clash.
const invoiceNumberElement = /<(?:[\w.-]+:)?P_2>([^<]*)</;
const sellerNipElement = /<(?:[\w.-]+:)?Podmiot1>[\s\S]*?<(?:[\w.-]+:)?NIP>([^<]*)</;

/**
 * The one way invoices get into KSeF: validate every input first (invalid ones are never sent),
 * open one online session per form code, send (a few at a time), close, wait for final statuses,
 * resolve duplicates by content, send again what KSeF provably never got, and fetch UPOs. Every
 * input ends with exactly one {@link SubmissionOutcome}, matched by hash, never by position.
 * With `transport: 'batch'` the invoices travel as batch packages instead (see `#sendBatchRound`).
 * `ksef send` and later the daemon run this; a rerun after any interruption is safe.
 */
export class InvoiceSubmission {
  readonly #client: SubmissionClient;
  readonly #options: InvoiceSubmissionOptions;
  readonly #clock: Clock;
  readonly #entries: Entry[] = [];
  readonly #sessions: OpenedSession[] = [];
  /** Aborts waits (never sends) when the run stops. */
  readonly #waits = new AbortController();
  /** Compares 440 duplicates with their originals, reading each original session once. */
  readonly #originals: DuplicateOriginals;
  #stopped: 'interrupted' | 'error' | null = null;
  #error: unknown;
  #position = 0;
  #started = false;

  constructor(client: SubmissionClient, options: InvoiceSubmissionOptions = {}) {
    this.#client = client;
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
    this.#originals = new DuplicateOriginals(client);
  }

  /** Runs the submission once over `items`; resolves with every input's outcome (never rejects for KSeF or network errors). */
  async run(items: Iterable<SubmissionItem> | AsyncIterable<SubmissionItem>): Promise<SubmissionReport> {
    if (this.#started) throw new Error('An InvoiceSubmission runs once; create another for more invoices.');
    this.#started = true;
    const signal = this.#options.signal;
    const onAbort = (): void => this.#stop('interrupted', undefined, 'Stopping: no further invoices are sent; open sessions are being closed.');
    if (signal?.aborted) onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      await this.#guard(() => this.#validateAll(items));
      let pending = this.#entries.filter((e) => e.outcome === null && e.hash !== null);
      this.#emit({ type: 'validated', total: this.#entries.length, valid: pending.length });
      const rounds = 1 + Math.max(0, this.#options.resendRounds ?? 1);
      for (let round = 0; round < rounds && pending.length > 0 && this.#stopped === null; round++) {
        if (round > 0) this.#emit({ type: 'resending', invoices: pending.length });
        for (const entry of pending) Object.assign(entry, { session: null, sent: 'no', absent: false, reference: null, listed: null });
        const opened = this.#options.transport === 'batch' ? await this.#sendBatchRound(pending) : await this.#sendRound(pending);
        await this.#guard(() => this.#settle(opened));
        pending = this.#entries.filter((e) => e.outcome === null && e.absent);
      }
      if (this.#options.onUpo && this.#stopped === null) await this.#guard(() => this.#deliverUpos());
      await this.#guard(() => this.#finish());
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
    return this.report();
  }

  /**
   * The report as things stand: inputs still in progress show as `unknown` (KSeF took or may have
   * taken them) or `notSent`. For a second Ctrl+C that must print what is known and exit at once.
   */
  report(): SubmissionReport {
    return {
      sessions: this.#sessions.map((s): SubmittedSession => ({
        referenceNumber: s.session.referenceNumber,
        formCode: s.session.formCode,
        status: s.status ? { code: s.status.code, description: s.status.description } : null,
      })),
      invoices: this.#entries.map((e): SubmittedInvoice => ({ name: e.item.name, invoiceHash: e.hash, formCode: e.form, outcome: e.outcome ?? this.#pendingOutcome(e) })),
      stopped: this.#stopped,
      error: this.#error,
    };
  }

  async #validateAll(items: Iterable<SubmissionItem> | AsyncIterable<SubmissionItem>): Promise<void> {
    const validator = this.#options.validator ?? defaultInvoiceValidator();
    const env = this.#options.env ?? this.#client.env ?? 'prod';
    for await (const item of items) {
      const entry: Entry = { item, hash: null, size: 0, form: null, session: null, sent: 'no', absent: false, reference: null, listed: null, original: null, outcome: null };
      this.#entries.push(entry);
      if (this.#stopped !== null) continue;
      let bytes: Uint8Array;
      try {
        bytes = await item.read();
      } catch (error) {
        await this.#settleAs(entry, 'invalid', { issues: [issue('io', `cannot be read (${describe(error)})`)], message: `${item.name} could not be read (${describe(error)}); it was not sent.` });
        continue;
      }
      const result = validator.validate(bytes, { env, now: this.#clock.now() });
      entry.form = result.form;
      if (!result.valid || result.form === null) {
        const issues = result.errors.length > 0 ? result.errors : [issue('form', 'the document is not an invoice form KSeF accepts')];
        const first = issues[0];
        await this.#settleAs(entry, 'invalid', {
          issues,
          message: `${item.name} is not valid (${issues.length} error(s), first: ${first?.line != null ? `line ${first.line}: ` : ''}${first?.message}); it was not sent. Fix it and check it with \`ksef validate\`.`,
        });
        continue;
      }
      entry.hash = fileMetadata(bytes).hashSHA;
      entry.size = bytes.length;
    }
  }

  /** Opens a session per form code, sends the entries, closes; returns the sessions opened. */
  async #sendRound(entries: readonly Entry[]): Promise<OpenedSession[]> {
    const byForm = groupByForm(entries);
    const total = entries.length;
    const opened: OpenedSession[] = [];
    this.#position = 0;
    for (const [formCode, group] of byForm) {
      if (this.#stopped !== null) break;
      this.#emit({ type: 'sessionOpening', formCode, invoices: group.length, transport: 'online' });
      let session: OnlineSession;
      try {
        session = await this.#client.openOnlineSession({ formCode });
      } catch (error) {
        if (isKsefError(error, 'invoice.refused')) {
          // E.g. FA (2) on DEMO/PROD: only this form's invoices are affected.
          for (const entry of group) await this.#guard(() => this.#settleAs(entry, 'invalid', { issues: [issue('refused', error.message)], message: `${entry.item.name}: ${error.message}` }));
          continue;
        }
        this.#stop('error', error);
        break;
      }
      const current: OpenedSession = { session, closed: false, status: null };
      this.#sessions.push(current);
      opened.push(current);
      this.#emit({ type: 'sessionOpened', formCode, sessionReferenceNumber: session.referenceNumber });
      const queue = group[Symbol.iterator]();
      const worker = async (): Promise<void> => {
        for (let next = queue.next(); !next.done && this.#stopped === null; next = queue.next()) {
          await this.#guard(() => this.#sendOne(current, session, next.value, total));
        }
      };
      await Promise.all(Array.from({ length: Math.max(1, Math.min(this.#options.concurrency ?? 4, group.length)) }, worker));
      await this.#close(current);
    }
    return opened;
  }

  async #sendOne(opened: OpenedSession, session: OnlineSession, entry: Entry, total: number): Promise<void> {
    const { item } = entry;
    this.#emit({ type: 'sending', name: item.name, position: ++this.#position, total });
    let bytes: Uint8Array;
    try {
      bytes = await item.read();
    } catch (error) {
      await this.#settleAs(entry, 'invalid', { issues: [issue('io', `cannot be read any more (${describe(error)})`)], message: `${item.name} could not be read any more (${describe(error)}); it was not sent.` });
      return;
    }
    const invoiceHash = fileMetadata(bytes).hashSHA;
    if (invoiceHash !== entry.hash) {
      await this.#settleAs(entry, 'invalid', {
        issues: [issue('changed', 'the file changed after it was validated')],
        message: `${item.name} changed after it was validated; it was not sent. Check it and run the same command again.`,
      });
      return;
    }
    entry.session = opened;
    const sessionReferenceNumber = opened.session.referenceNumber;
    let posted = false;
    try {
      const sent = await session.send(bytes, {
        validated: true,
        beforeSend: async (prepared) => {
          await this.#options.beforeSend?.({ item, sessionReferenceNumber, invoiceHash, invoiceSize: prepared.invoiceSize });
          posted = true;
        },
      });
      entry.sent = 'yes';
      entry.reference = sent.referenceNumber;
      this.#emit({ type: 'sent', name: item.name, invoiceReferenceNumber: sent.referenceNumber, recoveredByQuery: sent.recoveredByQuery });
      await this.#options.afterSend?.({ item, sessionReferenceNumber, invoiceHash, invoiceSize: sent.invoiceSize, invoiceReferenceNumber: sent.referenceNumber });
    } catch (error) {
      if (error instanceof InvoiceValidationError) {
        await this.#settleAs(entry, 'invalid', { issues: error.issues, message: `${item.name}: ${error.message}` });
      } else if (isKsefError(error, 'invoice.refused')) {
        await this.#settleAs(entry, 'invalid', { issues: [issue('refused', error.message)], message: `${item.name}: ${error.message}` });
      } else if (isKsefError(error, 'http.badRequest') && posted) {
        // KSeF refused this upload at once (e.g. 21402 wrong size, 21403 wrong hash): it took nothing.
        const first = error.exceptions[0];
        const status: InvoiceStatus = { code: first?.code ?? 400, description: first?.description ?? error.message, details: error.exceptions.flatMap((e) => e.details), extensions: {} };
        await this.#settleAs(entry, 'rejected', { status, sessionReferenceNumber, message: `KSeF refused ${item.name}: ${status.code} ${status.description}.` });
      } else if (posted && !provablyNotTaken(error)) {
        entry.sent = 'maybe';
        this.#emit({ type: 'sendUnknown', name: item.name, sessionReferenceNumber, message: describe(error) });
        await this.#options.afterSend?.({ item, sessionReferenceNumber, invoiceHash, invoiceSize: bytes.length, invoiceReferenceNumber: null });
      } else {
        // Nothing about this invoice: KSeF is unreachable, the token was refused, a hook failed… Stop.
        this.#stop('error', error);
      }
    }
  }

  /**
   * The batch transport: per form code, the entries are cut into sessions that fit KSeF's limits
   * (invoices per session, 50 parts, 5 GB), and each session's package is built, declared, uploaded
   * and the session closed. Returns the sessions opened; `#settle` does the rest as for online.
   */
  async #sendBatchRound(entries: readonly Entry[]): Promise<OpenedSession[]> {
    const limits = await this.#batchLimits();
    const byForm = groupByForm(entries);
    const opened: OpenedSession[] = [];
    for (const [formCode, group] of byForm) {
      for (const chunk of this.#planBatchSessions(group, limits.maxInvoices)) {
        if (this.#stopped !== null) return opened;
        const current = await this.#sendBatch(formCode, chunk, limits);
        if (current !== null) opened.push(current);
      }
    }
    return opened;
  }

  /** The context's batch limits (`GET /limits/context`), else the documented ones. */
  async #batchLimits(): Promise<typeof defaultBatchLimits> {
    let limits: ApiSchema<'EffectiveContextLimits'> | undefined;
    try {
      limits = await this.#client.contextLimits(this.#options.signal);
    } catch {
      limits = undefined;
    }
    const batch = limits?.batchSession ?? defaultBatchLimits;
    const cap = this.#options.batch?.maxInvoicesPerSession;
    return { ...batch, maxInvoices: Math.max(1, Math.min(batch.maxInvoices, cap ?? Number.POSITIVE_INFINITY)) };
  }

  /**
   * Cuts a form's entries into sessions: at most `maxInvoices` each, and an archive that surely fits
   * 50 parts and 5 GB (estimated from the XML sizes plus each format's worst-case overhead, since
   * deflate may store a file unchanged). A ZIP also stays within what a ZIP without ZIP64 can hold.
   */
  #planBatchSessions(group: readonly Entry[], maxInvoices: number): Entry[][] {
    const zip = (this.#options.batch?.compression ?? 'Zip') === 'Zip';
    const partSize = this.#options.batch?.partSizeBytes ?? maxBatchPartBytes;
    const maxFiles = zip ? Math.min(maxInvoices, maxZipFiles) : maxInvoices;
    const maxBytes = Math.min(maxBatchArchiveBytes, maxBatchParts * partSize, zip ? maxZipBytes : Number.POSITIVE_INFINITY) - 2_048;
    const sessions: Entry[][] = [];
    let current: Entry[] = [];
    let bytes = 0;
    for (const entry of group) {
      const name = Buffer.byteLength(archiveFileName(entry.item.name));
      // ZIP: two headers (30 + 46 bytes) and the name twice; TAR.GZ: a 512-byte header, up to 511
      // bytes of padding, and deflate's stored-block overhead (5 bytes per 16 KB at worst).
      const estimate = zip ? entry.size + 76 + 2 * name : entry.size + 1_023 + 5 * Math.ceil(entry.size / 16_000);
      if (current.length > 0 && (current.length >= maxFiles || bytes + estimate > maxBytes)) {
        sessions.push(current);
        current = [];
        bytes = 0;
      }
      current.push(entry);
      bytes += estimate;
    }
    if (current.length > 0) sessions.push(current);
    return sessions;
  }

  /** Builds one session's package, opens the session, uploads the parts and closes it. */
  async #sendBatch(formCode: FormCodeName, chunk: readonly Entry[], limits: typeof defaultBatchLimits): Promise<OpenedSession | null> {
    this.#emit({ type: 'sessionOpening', formCode, invoices: chunk.length, transport: 'batch' });
    const built = await this.#buildPackage(chunk, limits);
    if (built === null) return null;
    const { batchPackage, included } = built;
    try {
      this.#emit({ type: 'packageBuilt', formCode, invoices: included.length, bytes: batchPackage.fileSize, parts: batchPackage.parts.length });
      let session: BatchSession;
      try {
        session = await this.#client.openBatchSession({ formCode, batchPackage, ...(this.#options.signal && { signal: this.#options.signal }) });
      } catch (error) {
        if (isKsefError(error, 'invoice.refused')) {
          for (const entry of included) await this.#guard(() => this.#settleAs(entry, 'invalid', { issues: [issue('refused', error.message)], message: `${entry.item.name}: ${error.message}` }));
        } else {
          this.#stop('error', error);
        }
        return null;
      }
      const current: OpenedSession = { session, closed: false, status: null };
      this.#sessions.push(current);
      const sessionReferenceNumber = session.referenceNumber;
      this.#emit({ type: 'sessionOpened', formCode, sessionReferenceNumber });
      // The intent of every invoice is recorded before a byte of the package leaves (ARCHITECTURE.md §3).
      for (const entry of included) {
        if (this.#stopped !== null) return current;
        await this.#guard(async () => {
          await this.#options.beforeSend?.({ item: entry.item, sessionReferenceNumber, invoiceHash: entry.hash ?? '', invoiceSize: entry.size });
          entry.session = current;
        });
      }
      if (this.#stopped !== null) return current;
      const totalBytes = batchPackage.parts.reduce((sum, p) => sum + p.fileSize, 0);
      let uploadedParts = 0;
      let uploadedBytes = 0;
      try {
        await session.uploadParts({
          concurrency: this.#options.batch?.uploadConcurrency ?? 4,
          ...(this.#options.signal && { signal: this.#options.signal }),
          onPartUploaded: (part) => {
            uploadedParts++;
            uploadedBytes += part.fileSize;
            this.#emit({ type: 'partUploaded', sessionReferenceNumber, uploadedParts, parts: batchPackage.parts.length, uploadedBytes, totalBytes });
          },
        });
      } catch (error) {
        // Without a close KSeF never processes the package: none of its invoices reached KSeF.
        const why = this.#stopped === 'interrupted' ? 'the run was interrupted while its package was being uploaded' : `uploading the package of batch session ${sessionReferenceNumber} failed (${describe(error)})`;
        for (const entry of included) {
          await this.#guard(() =>
            this.#settleAs(entry, 'notSent', {
              sessionReferenceNumber,
              message: `${entry.item.name} was not sent: ${why}, so KSeF processes none of the invoices of session ${sessionReferenceNumber}. Sending it again is safe: run the same command again.`,
            }),
          );
        }
        this.#stop('error', error);
        return current;
      }
      for (const entry of included) entry.sent = 'maybe';
      await this.#close(current);
      if (!current.closed) return current;
      for (const entry of included) {
        entry.sent = 'yes';
        // KSeF gives batch invoices their references only once it has processed the package.
        await this.#guard(async () => this.#options.afterSend?.({ item: entry.item, sessionReferenceNumber, invoiceHash: entry.hash ?? '', invoiceSize: entry.size, invoiceReferenceNumber: null }));
      }
      return current;
    } finally {
      await batchPackage.dispose();
    }
  }

  /**
   * Reads each entry again and streams it into a new package, settling as `invalid` what KSeF would
   * refuse or could not tell apart within the package: a file changed since validation, one over the
   * size limit, a second file with the same name or the same seller NIP and invoice number.
   */
  async #buildPackage(chunk: readonly Entry[], limits: typeof defaultBatchLimits): Promise<{ batchPackage: BatchPackage; included: Entry[] } | null> {
    const batch = this.#options.batch;
    const builder = new BatchPackageBuilder({
      compression: batch?.compression ?? 'Zip',
      key: generateSymmetricKey(),
      modified: this.#clock.now(),
      ...(batch?.partSizeBytes !== undefined && { partSizeBytes: batch.partSizeBytes }),
      ...(batch?.temporaryDirectory !== undefined && { directory: batch.temporaryDirectory }),
    });
    const included: Entry[] = [];
    const byFileName = new Map<string, Entry>();
    const byNumber = new Map<string, Entry>();
    // Files are read a few ahead: each read waits on the file system (open, stat, read, close), which
    // then overlaps compressing and encrypting the invoices before it instead of adding to them.
    const reads = new Map<number, Promise<Uint8Array | { readonly error: unknown }>>();
    const readAhead = (index: number): void => {
      const entry = chunk[index];
      if (entry === undefined || reads.has(index)) return;
      reads.set(index, Promise.resolve().then(() => entry.item.read()).then((bytes) => bytes, (error: unknown) => ({ error })));
    };
    try {
      for (const [index, entry] of chunk.entries()) {
        if (this.#stopped !== null) break;
        for (let next = index; next < index + packageReadAhead; next++) readAhead(next);
        const read = reads.get(index);
        reads.delete(index);
        if (read === undefined) continue;
        const problem = await this.#addToPackage(builder, entry, await read, limits, byFileName, byNumber);
        if (problem === null) included.push(entry);
        else await this.#settleAs(entry, 'invalid', problem);
      }
      if (this.#stopped !== null || included.length === 0) {
        await builder.discard();
        return null;
      }
      return { batchPackage: await builder.finish(), included };
    } catch (error) {
      await builder.discard();
      this.#stop('error', error);
      return null;
    }
  }

  /** Adds one entry to the package; returns why it cannot go, or null when it was added. */
  async #addToPackage(
    builder: BatchPackageBuilder,
    entry: Entry,
    read: Uint8Array | { readonly error: unknown },
    limits: typeof defaultBatchLimits,
    byFileName: Map<string, Entry>,
    byNumber: Map<string, Entry>,
  ): Promise<{ issues: SubmissionIssue[]; message: string } | null> {
    const name = entry.item.name;
    if (!(read instanceof Uint8Array)) {
      const { error } = read;
      return { issues: [issue('io', `cannot be read any more (${describe(error)})`)], message: `${name} could not be read any more (${describe(error)}); it was not sent.` };
    }
    const bytes = read;
    if (fileMetadata(bytes).hashSHA !== entry.hash) {
      return { issues: [issue('changed', 'the file changed after it was validated')], message: `${name} changed after it was validated; it was not sent. Check it and run the same command again.` };
    }
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
    const withAttachment = attachmentElement.test(text);
    const maxMb = withAttachment ? limits.maxInvoiceWithAttachmentSizeInMB : limits.maxInvoiceSizeInMB;
    // KSeF counts MB in SI units: 1 MB = 1,000,000 bytes (`limity/limity.md`).
    if (bytes.length > maxMb * 1_000_000) {
      const reason = `it has ${bytes.length} bytes, more than the ${maxMb} MB KSeF accepts for an invoice${withAttachment ? ' with an attachment' : ''} in a batch session`;
      return { issues: [issue('refused', reason)], message: `${name} was not sent: ${reason}. Make it smaller, e.g. move attachments out of the invoice.` };
    }
    const fileName = archiveFileName(name);
    const sameName = byFileName.get(fileName);
    if (sameName !== undefined) {
      const reason = `its file name ${fileName} is already taken in the same batch package by ${sameName.item.name}`;
      return { issues: [issue('refused', reason)], message: `${name} was not sent: ${reason}. Rename one of the two files and run the same command again.` };
    }
    const number = invoiceNumberElement.exec(text)?.[1];
    // A regex match is a slice of the whole invoice text (in V8) and would keep every invoice's text
    // alive as long as the package's map: the key is copied into a string of its own.
    const numberKey = number === undefined ? undefined : Buffer.from(`${sellerNipElement.exec(text)?.[1] ?? ''}/${number}`, 'utf8').toString('utf8');
    const sameNumber = numberKey === undefined ? undefined : byNumber.get(numberKey);
    if (sameNumber !== undefined) {
      const reason = `its invoice number ${number} is already used in the same batch package by ${sameNumber.item.name} (same seller), and KSeF would reject the second as a duplicate`;
      return { issues: [issue('refused', reason)], message: `${name} was not sent: ${reason}. Give it a number of its own, or send only one of the two.` };
    }
    await builder.add(fileName, bytes);
    byFileName.set(fileName, entry);
    if (numberKey !== undefined) byNumber.set(numberKey, entry);
    return null;
  }

  /** Closes a session, retrying what may be transient; a session left open still gets its statuses read. */
  async #close(opened: OpenedSession): Promise<void> {
    const { session } = opened;
    for (let attempt = 1; ; attempt++) {
      try {
        await session.close();
        opened.closed = true;
        this.#emit({ type: 'sessionClosed', sessionReferenceNumber: session.referenceNumber });
        return;
      } catch (error) {
        const transient = isKsefError(error) && (error.code === 'http.serverError' || error.code.startsWith('network.') || error.code === 'http.tooManyRequests');
        if (!transient || attempt >= closeAttempts) {
          this.#emit({
            type: 'problem',
            message: `Could not close session ${session.referenceNumber} (${describe(error)}); KSeF closes it by itself by ${session.validUntil.toISOString()}. The statuses of its invoices are still read.`,
          });
          return;
        }
        await this.#clock.sleep(1_000 * attempt);
      }
    }
  }

  /** Waits (unless stopping) for the sessions' statuses, then classifies every invoice sent in them. */
  async #settle(opened: readonly OpenedSession[]): Promise<void> {
    if (opened.length === 0) return;
    const waitMs = this.#stopped === null ? (this.#options.waitTimeoutMs ?? defaultWaitTimeoutMs) : 0;
    const deadline = this.#clock.now().getTime() + waitMs;
    const remaining = (): number => (this.#stopped === null ? Math.max(0, deadline - this.#clock.now().getTime()) : 0);
    if (waitMs > 0) this.#emit({ type: 'waiting', sessions: opened.length, timeoutMs: waitMs });
    for (const current of opened) {
      const { session } = current;
      const mine = this.#entries.filter((e) => e.session === current && e.outcome === null && e.sent !== 'no');
      current.status = await this.#readStatus(current, remaining);
      const ended = current.status;
      if (session instanceof BatchSession && ended?.final && ended.code === 200) {
        this.#emit({ type: 'batchProcessed', sessionReferenceNumber: session.referenceNumber, invoices: ended.invoiceCount ?? 0, accepted: ended.successfulInvoiceCount ?? 0, failed: ended.failedInvoiceCount ?? 0 });
      }
      if (session instanceof BatchSession && ended?.final && ended.code !== 200) {
        // A failed package (e.g. 405 a part that does not match its hash) has no invoices processed.
        const details = ended.details.length > 0 ? ` (${ended.details.join('; ')})` : '';
        this.#emit({ type: 'problem', message: `Batch session ${session.referenceNumber} ended with status ${ended.code} ${ended.description}${details}; the invoices it does not list never reached KSeF.` });
      }
      let listing: Map<string, InvoiceOutcome>;
      try {
        listing = await this.#list(session).catch(async () => {
          // One more try a moment later: the list is what turns "sent" into an outcome.
          await this.#clock.sleep(1_000, this.#waits.signal);
          return this.#list(session);
        });
      } catch (error) {
        this.#emit({ type: 'problem', message: `Could not list the invoices of session ${session.referenceNumber} (${describe(error)}); their outcomes stay unknown.` });
        continue;
      }
      for (const entry of mine) {
        const found = entry.hash === null ? undefined : listing.get(entry.hash);
        if (found === undefined) {
          // A final session lists every invoice it got: one it does not list never arrived.
          if (current.status?.final) entry.absent = true;
          continue;
        }
        entry.sent = 'yes';
        entry.reference = found.referenceNumber;
        entry.listed = found;
        // A session left open (its close failed), or one read while its invoices were still being
        // settled, is waited for invoice by invoice.
        if (!found.final && remaining() > 0) {
          try {
            entry.listed = await session.waitForInvoice(found.referenceNumber, { timeoutMs: remaining(), signal: this.#waits.signal });
          } catch (error) {
            if (!isKsefError(error, 'status.timeout') && this.#stopped === null) this.#emit({ type: 'problem', message: `Could not read the status of ${entry.item.name}: ${describe(error)}` });
          }
        }
        if (entry.listed.final) await this.#classify(entry, entry.listed);
      }
    }
  }

  async #readStatus(current: OpenedSession, remaining: () => number): Promise<SessionStatus | null> {
    const { session } = current;
    try {
      if (current.closed && remaining() > 0) return await session.waitForCompletion({ timeoutMs: remaining(), signal: this.#waits.signal });
    } catch (error) {
      if (!isKsefError(error, 'status.timeout') && this.#stopped === null) this.#emit({ type: 'problem', message: `Could not read the status of session ${session.referenceNumber}: ${describe(error)}` });
    }
    try {
      return await session.status();
    } catch (error) {
      this.#emit({ type: 'problem', message: `Could not read the status of session ${session.referenceNumber}: ${describe(error)}` });
      return current.status;
    }
  }

  /** The session's invoices by hash; of several with one hash (duplicates of one document) the accepted one. */
  async #list(session: SessionReader): Promise<Map<string, InvoiceOutcome>> {
    const byHash = new Map<string, InvoiceOutcome>();
    for await (const outcome of session.invoices()) {
      const seen = byHash.get(outcome.invoiceHash);
      if (!seen || (outcome.status.code === 200 && seen.status.code !== 200)) byHash.set(outcome.invoiceHash, outcome);
    }
    return byHash;
  }

  /** Turns a final KSeF status into the entry's outcome; a 440 duplicate is judged by content. */
  async #classify(entry: Entry, found: InvoiceOutcome): Promise<void> {
    const { status } = found;
    const where = { sessionReferenceNumber: found.sessionReferenceNumber, invoiceReferenceNumber: found.referenceNumber, status };
    if (status.code === 200 && found.ksefNumber !== null) {
      await this.#settleAs(entry, 'accepted', { ...where, ksefNumber: found.ksefNumber, message: `${entry.item.name} accepted: KSeF number ${found.ksefNumber}.` });
      return;
    }
    if (status.code === 440 && status.extensions['originalKsefNumber']) {
      await this.#judgeDuplicate(entry, found);
      return;
    }
    const details = status.details.length > 0 ? ` (${status.details.join('; ')})` : '';
    await this.#settleAs(entry, 'rejected', { ...where, message: `KSeF rejected ${entry.item.name}: ${status.code} ${status.description}${details}.` });
  }

  /**
   * A 440 names the invoice KSeF already has under the same seller NIP, kind and number. Same
   * SHA-256 → this very document is in KSeF (a rerun after an interruption); otherwise the number
   * is taken by a different document, which needs a person to look at it.
   */
  async #judgeDuplicate(entry: Entry, found: InvoiceOutcome): Promise<void> {
    const where = { sessionReferenceNumber: found.sessionReferenceNumber, invoiceReferenceNumber: found.referenceNumber, status: found.status };
    const verdict = await this.#originals.judge(found, entry.hash ?? '');
    const originalNumber = found.status.extensions['originalKsefNumber'] ?? '?';
    const originalSession = found.status.extensions['originalSessionReferenceNumber'];
    switch (verdict.kind) {
      case 'sameDocument':
        entry.original = { session: verdict.sessionReferenceNumber, outcome: verdict.original };
        await this.#settleAs(entry, 'alreadyInKsef', {
          ksefNumber: verdict.original.ksefNumber,
          sessionReferenceNumber: verdict.sessionReferenceNumber,
          invoiceReferenceNumber: verdict.original.referenceNumber,
          status: verdict.original.status,
          message: `${entry.item.name} was already in KSeF: the same document (same SHA-256) has KSeF number ${verdict.original.ksefNumber} from session ${verdict.sessionReferenceNumber}; nothing was registered twice.`,
        });
        return;
      case 'differentDocument':
        await this.#settleAs(entry, 'rejected', {
          ...where,
          message: `KSeF rejected ${entry.item.name}: its invoice number is already used by a different document (KSeF number ${verdict.originalKsefNumber}, session ${verdict.sessionReferenceNumber}). Give this invoice a number of its own, or issue a correction of the original instead.`,
        });
        return;
      case 'uncompared':
        await this.#settleAs(entry, 'rejected', {
          ...where,
          message: `KSeF rejected ${entry.item.name} as a duplicate of ${originalNumber}, and the two could not be compared (${verdict.reason}). Compare them by hand: \`ksef status --session ${originalSession ?? '<session>'}\` shows the original.`,
        });
    }
  }

  async #deliverUpos(): Promise<void> {
    const onUpo = this.#options.onUpo;
    if (!onUpo) return;
    this.#emit({ type: 'downloadingUpos', invoices: this.#entries.filter((e) => e.outcome?.ksefNumber != null).length });
    for (const entry of this.#entries) {
      if (this.#stopped !== null) return;
      const outcome = entry.outcome;
      if (outcome?.ksefNumber == null || (outcome.kind !== 'accepted' && outcome.kind !== 'alreadyInKsef')) continue;
      const source = entry.original ?? (entry.listed && entry.session ? { session: entry.session.session.referenceNumber, outcome: entry.listed } : null);
      if (source === null) continue;
      let file;
      try {
        file = await this.#client.session(source.session).invoiceUpo(source.outcome);
      } catch (error) {
        this.#emit({
          type: 'problem',
          message: `Could not download the UPO of ${entry.item.name} (${describe(error)}); the invoice is in KSeF all the same. Get it later with \`ksef upo --session ${source.session} --ksef-number ${outcome.ksefNumber}\`.`,
        });
        continue;
      }
      await onUpo({ kind: 'invoice', item: entry.item, ksefNumber: outcome.ksefNumber, sessionReferenceNumber: source.session, file });
    }
    for (const current of this.#sessions) {
      if (this.#stopped !== null || current.status?.code !== 200) continue;
      let pages;
      try {
        pages = await current.session.sessionUpo();
      } catch (error) {
        this.#emit({ type: 'problem', message: `Could not download the UPO of session ${current.session.referenceNumber}: ${describe(error)}` });
        continue;
      }
      for (const [index, file] of pages.entries()) await onUpo({ kind: 'session', sessionReferenceNumber: current.session.referenceNumber, page: index + 1, file });
    }
  }

  /** Gives every input still without an outcome its final one for this run. */
  async #finish(): Promise<void> {
    for (const entry of this.#entries) {
      if (entry.outcome !== null) continue;
      const outcome = this.#pendingOutcome(entry);
      entry.outcome = outcome;
      this.#emit({ type: 'outcome', name: entry.item.name, outcome });
      await this.#options.onOutcome?.(entry.item, outcome);
    }
  }

  /** What an unfinished input amounts to now: `unknown` if KSeF took or may have taken it, else `notSent`. */
  #pendingOutcome(entry: Entry): SubmissionOutcome {
    const name = entry.item.name;
    const sessionReferenceNumber = entry.session?.session.referenceNumber ?? null;
    if (entry.sent === 'no' || entry.absent || sessionReferenceNumber === null) {
      const ended = entry.session?.status;
      const why = entry.absent
        ? entry.session?.session instanceof BatchSession && ended
          ? `batch session ${sessionReferenceNumber} ended with status ${ended.code} ${ended.description} and does not list it, so KSeF never processed it`
          : `KSeF answered its upload with an error and session ${sessionReferenceNumber} does not list it now that the session is final, so it never arrived`
        : this.#stopped === 'interrupted'
          ? 'the run was interrupted before it was sent'
          : this.#stopped === 'error'
            ? `the run stopped before it was sent (${describe(this.#error)})`
            : 'it was not sent';
      return outcome('notSent', { sessionReferenceNumber: entry.absent ? sessionReferenceNumber : null, message: `${name} was not sent: ${why}. Sending it again is safe: run the same command again.` });
    }
    const invoiceReferenceNumber = entry.reference;
    const lookUp = `\`ksef status --session ${sessionReferenceNumber}${invoiceReferenceNumber ? ` --invoice ${invoiceReferenceNumber}` : ''}\``;
    const message =
      entry.sent === 'maybe'
        ? `The response to the upload of ${name} was lost and session ${sessionReferenceNumber} does not list it yet: KSeF may have it. It was not sent again; look it up with ${lookUp}.`
        : `KSeF took ${name} (session ${sessionReferenceNumber}${invoiceReferenceNumber ? `, invoice ${invoiceReferenceNumber}` : ''}) and has not finished processing it; look it up with ${lookUp}.`;
    return outcome('unknown', { sessionReferenceNumber, invoiceReferenceNumber, status: entry.listed?.status ?? null, message });
  }

  async #settleAs(entry: Entry, kind: SubmissionOutcomeKind, fields: Partial<SubmissionOutcome> & { readonly message: string }): Promise<void> {
    const result = outcome(kind, fields);
    entry.outcome = result;
    this.#emit({ type: 'outcome', name: entry.item.name, outcome: result });
    await this.#options.onOutcome?.(entry.item, result);
  }

  /** Runs a step; an error it throws (a hook's, or an unexpected one) stops the run instead of escaping it. */
  async #guard(step: () => Promise<void>): Promise<void> {
    try {
      await step();
    } catch (error) {
      this.#stop('error', error);
    }
  }

  #stop(reason: 'interrupted' | 'error', error?: unknown, message?: string): void {
    if (this.#stopped !== null) return;
    this.#stopped = reason;
    this.#error = error;
    this.#waits.abort();
    this.#emit({ type: 'stopping', reason, message: message ?? `Stopping: ${describe(error)}` });
  }

  #emit(event: SubmissionEvent): void {
    this.#options.onEvent?.(event);
  }
}

function outcome(kind: SubmissionOutcomeKind, fields: Partial<SubmissionOutcome> & { readonly message: string }): SubmissionOutcome {
  return {
    kind,
    ksefNumber: fields.ksefNumber ?? null,
    sessionReferenceNumber: fields.sessionReferenceNumber ?? null,
    invoiceReferenceNumber: fields.invoiceReferenceNumber ?? null,
    status: fields.status ?? null,
    issues: fields.issues ?? [],
    message: fields.message,
  };
}

/** The name an invoice gets inside a batch archive: the last part of its name, ending in `.xml`. */
function archiveFileName(name: string): string {
  const base = path.basename(name.replaceAll('\\', '/'));
  return /\.xml$/i.test(base) ? base : `${base}.xml`;
}

/** The entries by form code, in input order (one session per form). Appends in place: linear in the number of invoices. */
function groupByForm(entries: readonly Entry[]): Map<FormCodeName, Entry[]> {
  const byForm = new Map<FormCodeName, Entry[]>();
  for (const entry of entries) {
    if (entry.form === null) continue;
    const group = byForm.get(entry.form);
    if (group) group.push(entry);
    else byForm.set(entry.form, [entry]);
  }
  return byForm;
}

function issue(rule: SubmissionIssue['rule'], message: string): SubmissionIssue {
  return { line: null, column: null, path: null, rule, message };
}

/** Errors after which KSeF certainly did not take the upload: it answered with a refusal, or the connection never opened. */
function provablyNotTaken(error: unknown): boolean {
  return (
    isKsefError(error) &&
    (error.code === 'network.notSent' || error.code === 'http.tooManyRequests' || error.code === 'http.unauthorized' || error.code === 'http.forbidden' || error.code === 'http.notFound' || error.code === 'http.badRequest')
  );
}

function describe(error: unknown): string {
  if (error instanceof KsefError || error instanceof Error) return error.message;
  return String(error);
}
