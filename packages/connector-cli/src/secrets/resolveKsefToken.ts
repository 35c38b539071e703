import { UsageError } from '../CliCommand.js';
import type { CliIo } from '../CliIo.js';
import { readSecretFile } from './readSecretArgument.js';
import { Secret } from './Secret.js';

/** The token options of `ksef send`, as parsed. */
export interface KsefTokenArguments {
  readonly token?: string | undefined;
  readonly tokenFile?: string | undefined;
}

/**
 * Finds the KSeF token: `--token` (works, but shows in the process list — a hint says so),
 * `--token-file F` (`-` = standard input), or the `KSEF_TOKEN` environment variable. Undefined when
 * none is given. Giving two explicit sources is a usage error.
 */
export async function resolveKsefToken(
  args: KsefTokenArguments,
  io: CliIo,
  claimStdin: (option: string) => void,
): Promise<Secret | undefined> {
  if (args.token !== undefined && args.tokenFile !== undefined) throw new UsageError('give the KSeF token once: --token or --token-file, not both');
  let secret: Secret | undefined;
  if (args.token !== undefined) {
    io.stderr('ksef: hint: a --token on the command line is visible to other users in the process list; KSEF_TOKEN=… or --token-file keep it out.\n');
    secret = new Secret(args.token.trim(), '--token');
  } else if (args.tokenFile !== undefined) {
    const content = await readSecretFile(args.tokenFile, '--token-file', { io, claimStdin });
    secret = new Secret(content.trim(), `--token-file ${args.tokenFile}`);
  } else if (io.env['KSEF_TOKEN'] !== undefined) {
    secret = new Secret(io.env['KSEF_TOKEN'].trim(), 'KSEF_TOKEN');
  }
  if (secret !== undefined && secret.reveal() === '') throw new UsageError(`the KSeF token from ${secret.source} is empty`);
  return secret;
}
