import type { KsefClient } from '@ksef-connect/core';
import { createCliKsefClient } from '../client/createCliKsefClient.js';
import type { ConnectionArguments } from '../args/connectionArguments.js';
import type { CliIo } from '../CliIo.js';
import type { Secret } from '../secrets/Secret.js';
import { loadAuthCredentials } from '../send/loadAuthCredentials.js';

/** A client for the command line's target and context, and how it authenticates (safe to print). */
export interface ConnectedClient {
  readonly client: KsefClient;
  /** E.g. `KSeF token from KSEF_TOKEN`. */
  readonly description: string;
}

/**
 * Reads the credentials named on the command line exactly as `ksef send` does (each secret goes to
 * `remember` first, for output redaction) and creates a client for `--env`/`--base-url` and the
 * `--nip` context. Nothing is called yet: authentication happens on the first request. Usage
 * errors (missing credentials, unreadable files) throw a UsageError; a bad certificate, core's
 * `CredentialsError`.
 */
export async function connectKsefClient(args: ConnectionArguments, io: CliIo, remember: (secret: Secret) => void): Promise<ConnectedClient> {
  const loaded = await loadAuthCredentials(args.credentials, io, remember);
  const client = createCliKsefClient(args.target, args.nip, loaded.credentials, (line) => io.stderr(`${line}\n`));
  return { client, description: loaded.description };
}
