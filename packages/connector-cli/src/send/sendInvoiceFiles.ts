import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  defaultInvoiceValidator,
  fileMetadata,
  InvoiceValidationError,
  isKsefError,
  systemClock,
  type Clock,
  type FormCodeName,
  type InvoiceChecker,
  type InvoiceOutcome,
  type KsefClient,
  type KsefEnvironmentName,
  type OnlineSession,
} from '@ksef-connect/core';
import { UsageError } from '../CliCommand.js';
import { SendCutShortError } from './SendCutShortError.js';
import type { InvoiceReport, InvoiceStatusReport, LocalIssue, SendReport, SessionReport } from './SendReport.js';

/** One file to send: as the user named it, and where to read it. */
export interface InvoiceFile {
  readonly file: string;
  readonly path: string;
}

/** Options of {@link sendInvoiceFiles}. */
export interface SendInvoiceFilesOptions {
  /** Whose rules the local validation applies (FA(2) only on test; NIP check digits on prod). */
  readonly env: KsefEnvironmentName;
  /** Where to write UPOs: the folder as shown to the user and as an absolute path; none when undefined. */
  readonly upoDir?: { readonly shown: string; readonly path: string } | undefined;
  /** How long to wait for final statuses once everything is sent. */
  readonly waitTimeoutMs: number;
  /** Progress lines (stderr in the CLI), without a trailing newline. */
  readonly progress: (line: string) => void;
  /** Validates before anything is sent; default the core's validator. */
  readonly validator?: InvoiceChecker;
  readonly clock?: Clock;
}

/** The mutable state of one file during a run. */
interface Entry {
  readonly file: string;
  readonly bytes: Uint8Array;
  readonly form: FormCodeName | null;
  validationErrors: LocalIssue[];
  session: OnlineSession | undefined;
  referenceNumber: string | null;
  status: InvoiceStatusReport | null;
  outcome: InvoiceOutcome | undefined;
  upoFile: string | null;
}

interface SessionEntry {
  readonly session: OnlineSession;
  status: { code: number; description: string } | null;
  upoFiles: string[];
}

/**
 * The `ksef send` flow, shared with `ksef demo`: reads and validates every file first (invalid ones
 * are reported and never sent), opens one online session per form code, sends, closes, waits up
 * to `waitTimeoutMs` for final statuses (nothing is ever resent), and writes the UPOs. An error
 * that stops the run (authentication, network, a session that cannot be opened) closes what is
 * open and becomes a {@link SendCutShortError}; per-invoice problems become the invoice's result.
 */
export async function sendInvoiceFiles(client: KsefClient, files: readonly InvoiceFile[], options: SendInvoiceFilesOptions): Promise<SendReport> {
  const clock = options.clock ?? systemClock;
  const entries = await readAndValidate(files, options);
  const sendable = entries.filter((e) => e.validationErrors.length === 0);
  const invalid = entries.length - sendable.length;
  options.progress(`Validated ${entries.length} file(s): ${sendable.length} valid${invalid > 0 ? `, ${invalid} invalid (not sent)` : ''}.`);
  for (const entry of entries) {
    const first = entry.validationErrors[0];
    if (first) options.progress(`  ${entry.file}: not sent — ${first.line !== null ? `line ${first.line}: ` : ''}${first.message}`);
  }

  const sessions: SessionEntry[] = [];
  try {
    await sendAll(client, sendable, sessions, options);
  } catch (error) {
    // Every file still appears in the report, with what is known of it so far.
    throw new SendCutShortError(error, report(sessions, entries));
  }
  if (sessions.length > 0) await waitForOutcomes(sessions, sendable, clock, options);
  if (options.upoDir !== undefined && sessions.length > 0) await writeUpos(sessions, sendable, options.upoDir, options);
  return report(sessions, entries);
}

function report(sessions: readonly SessionEntry[], entries: readonly Entry[]): SendReport {
  return {
    sessions: sessions.map((s): SessionReport => ({ referenceNumber: s.session.referenceNumber, formCode: s.session.formCode, status: s.status, upoFiles: s.upoFiles })),
    invoices: entries.map((e): InvoiceReport => ({
      file: e.file,
      sessionReferenceNumber: e.session?.referenceNumber ?? null,
      referenceNumber: e.referenceNumber,
      ksefNumber: e.outcome?.ksefNumber ?? null,
      status: e.status,
      validationErrors: e.validationErrors,
      upoFile: e.upoFile,
    })),
  };
}

async function readAndValidate(files: readonly InvoiceFile[], options: SendInvoiceFilesOptions): Promise<Entry[]> {
  const validator = options.validator ?? defaultInvoiceValidator();
  const entries: Entry[] = [];
  for (const { file, path: where } of files) {
    let bytes: Buffer;
    try {
      bytes = await readFile(where);
    } catch (error) {
      const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'unreadable';
      // A path that cannot be read is a wrong argument: stop before anything is sent.
      throw new UsageError(`cannot read ${file} (${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory' : code}); nothing was sent`);
    }
    const result = validator.validate(bytes, { env: options.env });
    entries.push({ file, bytes, form: result.form, validationErrors: result.valid ? [] : result.errors, session: undefined, referenceNumber: null, status: null, outcome: undefined, upoFile: null });
  }
  return entries;
}

/** Opens the sessions (appended to `sessions` as they open), sends, closes; throws what stops the run. */
async function sendAll(client: KsefClient, sendable: readonly Entry[], sessions: SessionEntry[], options: SendInvoiceFilesOptions): Promise<void> {
  const byForm = new Map<FormCodeName, Entry[]>();
  for (const entry of sendable) {
    // A valid document always has a detected form; the validator reports one it cannot detect.
    if (entry.form === null) continue;
    byForm.set(entry.form, [...(byForm.get(entry.form) ?? []), entry]);
  }
  let n = 0;
  try {
    for (const [formCode, group] of byForm) {
      options.progress(`Opening an online session for ${formCode} (${group.length} invoice(s))…`);
      const session = await client.openOnlineSession({ formCode });
      sessions.push({ session, status: null, upoFiles: [] });
      options.progress(`Session ${session.referenceNumber} open.`);
      for (const entry of group) {
        n++;
        options.progress(`[${n}/${sendable.length}] sending ${entry.file}…`);
        await sendOne(session, entry, options);
      }
      await session.close();
      options.progress(`Session ${session.referenceNumber} closed.`);
    }
  } catch (error) {
    // Close what is open (best effort) so KSeF starts generating the UPO for what it has taken.
    await Promise.all(sessions.map((s) => s.session.close().catch(() => undefined)));
    throw error;
  }
}

/** Sends one invoice; problems that concern only this invoice become its result, others propagate. */
async function sendOne(session: OnlineSession, entry: Entry, options: SendInvoiceFilesOptions): Promise<void> {
  try {
    const sent = await session.send(entry.bytes);
    entry.session = session;
    entry.referenceNumber = sent.referenceNumber;
    options.progress(`  → invoice reference ${sent.referenceNumber}${sent.recoveredByQuery ? ' (the response was lost; KSeF had it — found by its hash, not resent)' : ''}`);
  } catch (error) {
    if (error instanceof InvoiceValidationError) {
      entry.validationErrors = [...error.issues];
    } else if (isKsefError(error, 'invoice.refused')) {
      entry.validationErrors = [{ line: null, column: null, path: null, rule: 'refused', message: error.message }];
    } else if (isKsefError(error, 'invoice.outcomeUnknown')) {
      entry.session = session;
      options.progress(`  → outcome unknown: ${error.message}`);
    } else if (isKsefError(error, 'http.badRequest')) {
      // KSeF refused this upload at once (e.g. 21402 wrong size, 21403 wrong hash).
      entry.session = session;
      const first = error.exceptions[0];
      entry.status = { code: first?.code ?? 400, description: first?.description ?? error.message, details: error.exceptions.flatMap((e) => e.details), extensions: null };
      options.progress(`  → refused by KSeF: ${entry.status.code} ${entry.status.description}`);
    } else {
      throw error;
    }
  }
}

async function waitForOutcomes(sessions: SessionEntry[], sendable: readonly Entry[], clock: Clock, options: SendInvoiceFilesOptions): Promise<void> {
  const deadline = clock.now().getTime() + options.waitTimeoutMs;
  const remaining = (): number => Math.max(0, deadline - clock.now().getTime());
  options.progress(`Waiting up to ${Math.round(options.waitTimeoutMs / 1000)} s for KSeF to process the invoices…`);
  for (const entry of sessions) {
    const { session } = entry;
    // A processed session has settled every invoice in it; waiting for it first saves one poll loop per invoice.
    try {
      const status = await session.waitForCompletion({ timeoutMs: remaining() });
      entry.status = { code: status.code, description: status.description };
    } catch (error) {
      if (!isKsefError(error, 'status.timeout')) options.progress(`Could not read the status of session ${session.referenceNumber}: ${describe(error)}`);
      try {
        const status = await session.status();
        entry.status = { code: status.code, description: status.description };
      } catch {
        // Reported above, or the same failure again; the session stays without a status.
      }
    }
    for (const invoice of sendable) {
      if (invoice.session !== session || (invoice.referenceNumber === null && invoice.status !== null)) continue;
      try {
        if (invoice.referenceNumber === null) {
          // The send's response was lost twice: ask the session for the invoice by its hash.
          const found = await session.findInvoiceByHash(fileMetadata(invoice.bytes).hashSHA);
          if (found === undefined) continue;
          invoice.referenceNumber = found.referenceNumber;
          record(invoice, found);
        }
        let outcome = await session.invoiceStatus(invoice.referenceNumber);
        record(invoice, outcome);
        if (!outcome.final && remaining() > 0) {
          outcome = await session.waitForInvoice(invoice.referenceNumber, { timeoutMs: remaining() });
          record(invoice, outcome);
        }
      } catch (error) {
        if (!isKsefError(error, 'status.timeout')) options.progress(`Could not read the status of invoice ${invoice.referenceNumber}: ${describe(error)}`);
      }
    }
  }
}

function record(entry: Entry, outcome: InvoiceOutcome): void {
  entry.outcome = outcome;
  const { code, description, details, extensions } = outcome.status;
  entry.status = { code, description, details, extensions: Object.keys(extensions).length > 0 ? extensions : null };
}

async function writeUpos(sessions: SessionEntry[], sendable: readonly Entry[], upoDir: { readonly shown: string; readonly path: string }, options: SendInvoiceFilesOptions): Promise<void> {
  try {
    await mkdir(upoDir.path, { recursive: true });
  } catch (error) {
    // The invoices are in KSeF whatever happens here: report them, just without UPO files.
    options.progress(`Could not create ${upoDir.shown} (${describe(error)}); no UPOs were written. The invoices' outcomes are reported all the same.`);
    return;
  }
  options.progress(`Writing UPOs into ${upoDir.shown}…`);
  for (const entry of sessions) {
    const { session } = entry;
    for (const invoice of sendable) {
      const outcome = invoice.outcome;
      if (invoice.session !== session || outcome?.ksefNumber == null) continue;
      try {
        const upo = await session.invoiceUpo(outcome);
        const name = `${outcome.ksefNumber}.xml`;
        await writeFile(path.join(upoDir.path, name), upo.bytes);
        invoice.upoFile = path.join(upoDir.shown, name);
      } catch (error) {
        options.progress(`Could not download the UPO of ${invoice.file} (${outcome.ksefNumber}): ${describe(error)}; the invoice is accepted all the same.`);
      }
    }
    if (entry.status?.code !== 200) continue;
    try {
      const pages = await session.sessionUpo();
      for (const [index, page] of pages.entries()) {
        const name = `session-${session.referenceNumber}-${index + 1}.xml`;
        await writeFile(path.join(upoDir.path, name), page.bytes);
        entry.upoFiles.push(path.join(upoDir.shown, name));
      }
    } catch (error) {
      options.progress(`Could not download the UPO of session ${session.referenceNumber}: ${describe(error)}`);
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
