import type { CliIo } from '../CliIo.js';
import { distinctiveSecretValues } from './distinctiveSecretValues.js';
import type { Secret } from './Secret.js';
import { scrubJsonOutput } from './scrubJsonOutput.js';

/** How {@link redactingIo} treats standard output. */
export interface RedactingIoOptions {
  /** Standard output carries one JSON document per write (`--json`): scrub inside its strings only. */
  readonly jsonStdout?: boolean;
}

/**
 * Wraps an io as a last line of defence: messages are built without secrets in the first place,
 * but text we do not control (a server's echo, an unexpected exception) might quote one. Only
 * secrets long enough not to occur by chance are replaced ({@link distinctiveSecretValues} says
 * why), so that ordinary output is never changed. Human text gets `[redacted]` in their place;
 * `--json` output is scrubbed inside its string values and stays valid JSON ({@link scrubJsonOutput}).
 */
export function redactingIo(io: CliIo, secrets: () => readonly Secret[], options: RedactingIoOptions = {}): CliIo {
  const scrubText = (text: string): string => {
    let result = text;
    for (const value of distinctiveSecretValues(secrets())) result = result.split(value).join('[redacted]');
    return result;
  };
  return {
    ...io,
    stdout: (text) => io.stdout(options.jsonStdout === true ? scrubJsonOutput(text, distinctiveSecretValues(secrets())) : scrubText(text)),
    stderr: (text) => io.stderr(scrubText(text)),
  };
}
