import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../CliCommand.js';

/** What a sub-command tells `parseArgs`: its options and whether it takes positionals. */
export type CommandArgsConfig = Omit<ParseArgsConfig, 'args' | 'strict' | 'tokens'>;

/**
 * Parses a sub-command's arguments strictly (node:util `parseArgs`): an unknown option, a missing
 * value or an unexpected positional becomes a {@link UsageError}, which `main` prints with the usage.
 * node's messages quote the offending argument; for an unknown option that is its name only, so a
 * secret given to a misspelt option is never echoed.
 */
export function parseCommandArgs<T extends CommandArgsConfig>(args: readonly string[], config: T): ReturnType<typeof parseArgs<T & { args: string[]; strict: true }>> {
  try {
    return parseArgs({ ...config, args: [...args], strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}
