import path from 'node:path';
import { UsageError } from '../CliCommand.js';
import { createCliKsefClient } from '../client/createCliKsefClient.js';
import type { CliIo } from '../CliIo.js';
import type { Secret } from '../secrets/Secret.js';
import { findInvoiceFiles } from '../validate/findInvoiceFiles.js';
import { checkCredentialsNip } from './checkCredentialsNip.js';
import { requireReadablePaths } from './requireReadablePaths.js';
import { describeFatalError, type FatalErrorReport } from './describeFatalError.js';
import { loadAuthCredentials } from './loadAuthCredentials.js';
import { prepareUpoDir } from './prepareUpoDir.js';
import { requireReadableInvoiceFiles } from './requireReadableInvoiceFiles.js';
import type { SendArguments } from './SendArguments.js';
import { sendExitCode, type SendReport } from './SendReport.js';
import { sendInvoiceFiles } from './sendInvoiceFiles.js';

/**
 * How a `ksef send` run ended: a report (exit 0, 1 some file not sent, 2, 3, or 130 interrupted) or
 * a fatal error (exit 1) with the report as far as it got.
 */
export type SendOutcome =
  | { readonly exitCode: 0 | 1 | 2 | 3 | 130; readonly report: SendReport; readonly baseUrl: string; readonly error?: undefined }
  | { readonly exitCode: 1; readonly error: FatalErrorReport; readonly report?: SendReport | undefined };

/** What `runSend` may do besides sending: react to Ctrl+C, and print what is known on a second one. */
export interface RunSendControl {
  readonly signal?: AbortSignal;
  readonly started?: (snapshot: () => SendReport) => void;
}

/**
 * Runs `ksef send` after argument parsing — shared by `ksef send` and `ksef demo`: reads the
 * credentials (each secret goes to `remember` first, for output redaction), expands folders,
 * then validates, sends and waits through {@link sendInvoiceFiles}. Progress goes to `io.stderr`;
 * formatting the outcome is the caller's job. Usage errors (bad paths, missing credentials) throw.
 */
export async function runSend(args: SendArguments, io: CliIo, remember: (secret: Secret) => void, control: RunSendControl = {}): Promise<SendOutcome> {
  const shownTarget = args.target.baseUrl ?? `KSeF ${args.target.env.toUpperCase()}`;
  const progress = (line: string): void => io.stderr(`${line}\n`);
  let loaded;
  try {
    loaded = await loadAuthCredentials(args.credentials, io, remember);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    return { exitCode: 1, error: describeFatalError(error, shownTarget) };
  }
  const nipMismatch = await checkCredentialsNip(loaded, args.nip, progress);
  if (nipMismatch !== undefined) return { exitCode: 1, error: nipMismatch };
  await requireReadablePaths(args.paths, io.cwd);
  const files = requireReadableInvoiceFiles(await findInvoiceFiles(args.paths, io.cwd));
  if (files.length === 0) throw new UsageError(`no XML files found in ${args.paths.join(', ')}`);
  if (args.upoDir !== undefined) await prepareUpoDir(args.upoDir, path.resolve(io.cwd, args.upoDir));

  const client = createCliKsefClient(args.target, args.nip, loaded.credentials, progress);
  try {
    progress(`Sending ${files.length} file(s) to ${client.baseUrl} for NIP ${args.nip} (${loaded.description}).`);
    const report = await sendInvoiceFiles(
      client,
      files.map((file) => ({ file, path: path.resolve(io.cwd, file) })),
      {
        env: args.target.env,
        upoDir: args.upoDir === undefined ? undefined : { shown: args.upoDir, path: path.resolve(io.cwd, args.upoDir) },
        waitTimeoutMs: args.waitTimeoutMs,
        transport: args.transport,
        ...(args.transport === 'batch' && { batch: { compression: args.compression } }),
        progress,
        ...(control.signal && { signal: control.signal }),
        ...(control.started && { started: control.started }),
      },
    );
    if (report.stopped === 'error') {
      // Cut short: every file is still reported, with what is known of it.
      return { exitCode: 1, error: describeFatalError(report.error, client.baseUrl, report), report: report.sessions.length > 0 ? report : undefined };
    }
    return { exitCode: report.stopped === 'interrupted' ? 130 : sendExitCode(report), report, baseUrl: client.baseUrl };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    return { exitCode: 1, error: describeFatalError(error, client.baseUrl) };
  } finally {
    await client.close();
  }
}
