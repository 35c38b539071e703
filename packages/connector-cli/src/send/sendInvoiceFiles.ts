import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  InvoiceSubmission,
  invoiceFromFile,
  type Clock,
  type BatchTransportOptions,
  type InvoiceChecker,
  type KsefEnvironmentName,
  type SubmissionClient,
  type SubmissionEvent,
  type SubmittedInvoice,
  type UpoDelivery,
} from '@ksef-connect/core';
import { describeSubmissionEvent } from './describeSubmissionEvent.js';
import type { InvoiceReport, SendReport } from './SendReport.js';

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
  /** Stops the run gracefully (Ctrl+C): nothing new is sent, open sessions are closed. */
  readonly signal?: AbortSignal;
  /** Receives the submission as soon as it exists, so a second Ctrl+C can print what is known. */
  readonly started?: (snapshot: () => SendReport) => void;
  /** Validates before anything is sent; default the core's validator. */
  readonly validator?: InvoiceChecker;
  readonly clock?: Clock;
  /** `online` (default) or `batch` (`--batch`), with the batch options. */
  readonly transport?: 'online' | 'batch';
  readonly batch?: BatchTransportOptions;
}

/**
 * The `ksef send` flow, shared with `ksef demo`: the core's {@link InvoiceSubmission} over the
 * files, with progress lines on stderr and UPOs written to `--upo-dir` (`<ksefNumber>.xml` per
 * invoice, `session-<ref>-<n>.xml` per session UPO page). Never throws for KSeF or network
 * failures: a run stopped early says so in `stopped` and still reports every file.
 */
export async function sendInvoiceFiles(client: SubmissionClient, files: readonly InvoiceFile[], options: SendInvoiceFilesOptions): Promise<SendReport> {
  const upoFiles = new Map<string, string>();
  const sessionUpoFiles = new Map<string, string[]>();
  const upoDir = options.upoDir;
  const submission = new InvoiceSubmission(client, {
    env: options.env,
    waitTimeoutMs: options.waitTimeoutMs,
    ...(options.signal && { signal: options.signal }),
    ...(options.validator && { validator: options.validator }),
    ...(options.clock && { clock: options.clock }),
    ...(options.transport && { transport: options.transport }),
    ...(options.batch && { batch: options.batch }),
    onEvent: (event: SubmissionEvent) => {
      const line = describeSubmissionEvent(event);
      if (line !== undefined) options.progress(line);
    },
    ...(upoDir && {
      onUpo: async (upo: UpoDelivery) => {
        const name = upo.kind === 'invoice' ? `${upo.ksefNumber}.xml` : `session-${upo.sessionReferenceNumber}-${upo.page}.xml`;
        try {
          // Checked before anything was sent (prepareUpoDir); created here again in case it was removed meanwhile.
          await mkdir(upoDir.path, { recursive: true });
          await writeFile(path.join(upoDir.path, name), upo.file.bytes);
        } catch (error) {
          options.progress(`Could not write ${path.join(upoDir.shown, name)} (${error instanceof Error ? error.message : String(error)}); the invoice is in KSeF all the same.`);
          return;
        }
        const shown = path.join(upoDir.shown, name);
        if (upo.kind === 'invoice') upoFiles.set(upo.item.name, shown);
        else {
          const pages = sessionUpoFiles.get(upo.sessionReferenceNumber);
          if (pages) pages.push(shown);
          else sessionUpoFiles.set(upo.sessionReferenceNumber, [shown]);
        }
      },
    }),
  });
  const toReport = (): SendReport => {
    const report = submission.report();
    return {
      sessions: report.sessions.map((s) => ({ referenceNumber: s.referenceNumber, formCode: s.formCode, status: s.status, upoFiles: sessionUpoFiles.get(s.referenceNumber) ?? [] })),
      invoices: report.invoices.map((invoice) => invoiceReport(invoice, upoFiles.get(invoice.name) ?? null)),
      stopped: report.stopped,
      error: report.error,
    };
  };
  options.started?.(toReport);
  await submission.run(files.map(({ file, path: where }) => invoiceFromFile(where, file)));
  return toReport();
}

function invoiceReport(invoice: SubmittedInvoice, upoFile: string | null): InvoiceReport {
  const { outcome } = invoice;
  const status = outcome.status;
  return {
    file: invoice.name,
    sessionReferenceNumber: outcome.sessionReferenceNumber,
    referenceNumber: outcome.invoiceReferenceNumber,
    ksefNumber: outcome.ksefNumber,
    status: status && {
      code: status.code,
      description: status.description,
      details: status.details,
      extensions: Object.keys(status.extensions).length > 0 ? status.extensions : null,
    },
    validationErrors: outcome.issues,
    upoFile,
    outcome: outcome.kind,
    message: outcome.message,
  };
}
