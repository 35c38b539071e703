import type { Nip } from '@ksef-connect/core';
import { connectionOptions, parseConnectionArguments, type CredentialArguments, type KsefTarget } from '../args/connectionArguments.js';
import { parseCommandArgs } from '../args/parseCommandArgs.js';
import { parseWaitTimeout } from '../args/parseWaitTimeout.js';
import { UsageError } from '../CliCommand.js';

/** How `ksef send` proves who it is, as given on the command line (secrets not read yet). */
export type { CredentialArguments } from '../args/connectionArguments.js';

/** Where to send: the environment whose rules apply, and the base URL when it is not the environment's own. */
export type SendTarget = KsefTarget;

/** The parsed command line of `ksef send`. */
export interface SendArguments {
  /** Files and folders, as the user wrote them. */
  readonly paths: readonly string[];
  readonly target: SendTarget;
  readonly nip: Nip;
  readonly credentials: CredentialArguments;
  readonly upoDir: string | undefined;
  readonly waitTimeoutMs: number;
  readonly json: boolean;
  /** `--batch` or `--online` (the default). */
  readonly transport: 'online' | 'batch';
  /** `--compression zip|tar.gz` (batch only; default zip). */
  readonly compression: 'Zip' | 'TarGz';
}

/** The default of `--wait-timeout`, in seconds. */
export const defaultWaitTimeoutSeconds = 120;

/** Parses `ksef send`'s arguments; throws a UsageError saying what is wrong. */
export function parseSendArguments(args: readonly string[]): SendArguments {
  const { values, positionals } = parseCommandArgs(args, {
    allowPositionals: true,
    options: {
      ...connectionOptions,
      'upo-dir': { type: 'string' },
      'wait-timeout': { type: 'string' },
      json: { type: 'boolean' },
      batch: { type: 'boolean' },
      online: { type: 'boolean' },
      compression: { type: 'string' },
    },
  });
  if (positionals.length === 0) throw new UsageError('give at least one invoice file or folder to send');
  const connection = parseConnectionArguments(values, { action: 'send', nipRole: 'the taxpayer you send for (the session context)' });
  return {
    paths: positionals,
    ...connection,
    upoDir: values['upo-dir'],
    waitTimeoutMs: parseWaitTimeout(values['wait-timeout'], defaultWaitTimeoutSeconds),
    json: values.json === true,
    ...parseTransport(values.batch === true, values.online === true, values.compression),
  };
}

function parseTransport(batch: boolean, online: boolean, compression: string | undefined): Pick<SendArguments, 'transport' | 'compression'> {
  if (batch && online) throw new UsageError('choose one of --batch and --online');
  if (compression !== undefined && !batch) throw new UsageError('--compression goes with --batch');
  const compressions: Record<string, 'Zip' | 'TarGz'> = { zip: 'Zip', 'tar.gz': 'TarGz' };
  const chosen = compressions[(compression ?? 'zip').toLowerCase()];
  if (chosen === undefined) throw new UsageError(`--compression must be zip or tar.gz, got "${compression}"`);
  return { transport: batch ? 'batch' : 'online', compression: chosen };
}
