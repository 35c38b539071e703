import type { CliIo } from './CliIo.js';

/** One `ksef` sub-command. `run` returns the process exit code. */
export interface CliCommand {
  readonly name: string;
  /** Full usage text for `ksef <name> --help`. */
  readonly usage: string;
  run(args: readonly string[], io: CliIo): Promise<number>;
}

/** A sub-command as `ksef --help` lists it; `load` imports its module only when it is run. */
export interface CliCommandEntry {
  readonly name: string;
  readonly summary: string;
  load(): Promise<CliCommand>;
}

/** Raised for wrong arguments; `main` prints the message and the command's usage, exit code 1. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
