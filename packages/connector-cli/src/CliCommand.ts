import type { CliIo } from './CliIo.js';

/** One `ksef` sub-command. `run` returns the process exit code. */
export interface CliCommand {
  readonly name: string;
  /** One line for `ksef --help`. */
  readonly summary: string;
  /** Full usage text for `ksef <name> --help`. */
  readonly usage: string;
  run(args: readonly string[], io: CliIo): Promise<number>;
}

/** Raised for wrong arguments; `main` prints the message and the command's usage, exit code 1. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
