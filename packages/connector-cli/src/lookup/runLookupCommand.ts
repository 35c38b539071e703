import type { ConnectionArguments } from '../args/connectionArguments.js';
import { UsageError } from '../CliCommand.js';
import type { CliIo } from '../CliIo.js';
import { literalSecretArguments } from '../secrets/literalSecretArguments.js';
import { redactingIo } from '../secrets/redactingIo.js';
import type { Secret } from '../secrets/Secret.js';
import { connectKsefClient, type ConnectedClient } from './connectKsefClient.js';
import { describeLookupError, type LookupTarget } from './describeLookupError.js';

/** The parts of a command that looks something up in KSeF by session reference (`ksef status`, `ksef upo`). */
export interface LookupCommandSpec<Parsed extends ConnectionArguments & { readonly session: string }> {
  readonly name: string;
  readonly usage: string;
  readonly parse: (args: readonly string[]) => Parsed;
  /** What the lookup concerns, for error messages. */
  readonly target: (parsed: Parsed, baseUrl: string) => LookupTarget;
  /** Does the work with a connected client; returns the exit code. Errors it throws become `fail`. */
  readonly lookUp: (parsed: Parsed, connected: ConnectedClient, io: CliIo, fail: (error: { code: string; message: string }) => number) => Promise<number>;
}

/**
 * Runs a lookup command the way every `ksef` command that talks to KSeF runs: secrets from the
 * command line known before parsing (so nothing can echo them) and scrubbed from all output, usage
 * errors with the usage text, failures as one line naming what to check (and `{"error"}` with
 * `--json`), never a stack trace; the client is always closed.
 */
export async function runLookupCommand<Parsed extends ConnectionArguments & { readonly session: string }>(spec: LookupCommandSpec<Parsed>, args: readonly string[], rawIo: CliIo): Promise<number> {
  const json = args.includes('--json');
  const secrets: Secret[] = literalSecretArguments(args);
  const io = redactingIo(rawIo, () => secrets, { jsonStdout: json });
  const fail = (error: { code: string; message: string }): number => {
    io.stderr(`ksef ${spec.name}: ${error.message}\n`);
    if (json) io.stdout(`${JSON.stringify({ error })}\n`);
    return 1;
  };
  let parsed: Parsed | undefined;
  let connected: ConnectedClient;
  try {
    parsed = spec.parse(args);
    connected = await connectKsefClient(parsed, io, (secret) => void secrets.push(secret));
  } catch (error) {
    if (!(error instanceof UsageError)) {
      return fail(describeLookupError(error, parsed ? spec.target(parsed, parsed.target.baseUrl ?? parsed.target.env) : { baseUrl: '?', nip: '?', session: '?' }));
    }
    io.stderr(`ksef ${spec.name}: ${error.message}\n\n${spec.usage}\n`);
    if (json) io.stdout(`${JSON.stringify({ error: { code: 'usage', message: error.message } })}\n`);
    return 1;
  }
  const { client } = connected;
  try {
    return await spec.lookUp(parsed, connected, io, fail);
  } catch (error) {
    return fail(describeLookupError(error, spec.target(parsed, client.baseUrl)));
  } finally {
    await client.close();
  }
}
