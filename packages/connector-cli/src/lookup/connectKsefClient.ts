import { createKsefClient, nipContext, type KsefClient } from '@ksef-connect/core';
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
  const client = createKsefClient({
    ...(args.target.baseUrl !== undefined ? { baseUrl: args.target.baseUrl, env: args.target.env } : { env: args.target.env }),
    context: nipContext(args.nip),
    credentials: loaded.credentials,
    // Nothing is sent, so nothing is validated.
    validator: false,
    // Someone is watching: an unreachable host should fail in seconds, not after the library's
    // 30 s backoff ceiling. 429s still wait for their Retry-After.
    retryPolicy: { maxDelayMs: 2_000 },
    onWarning: (warning) => io.stderr(`KSeF warning (${warning.operation}): ${warning.code ? `[${warning.code}] ` : ''}${warning.message}\n`),
  });
  return { client, description: loaded.description };
}
