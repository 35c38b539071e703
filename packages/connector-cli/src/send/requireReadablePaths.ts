import { stat } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../CliCommand.js';

/**
 * Refuses a file or folder named on the command line that does not exist: a wrong argument, found
 * before anything is sent. (A file that cannot be read later is that file's own `invalid` outcome.)
 */
export async function requireReadablePaths(paths: readonly string[], cwd: string): Promise<void> {
  for (const given of paths) {
    try {
      await stat(path.resolve(cwd, given));
    } catch (error) {
      const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'unreadable';
      throw new UsageError(`cannot read ${given} (${code === 'ENOENT' ? 'no such file' : code}); nothing was sent`);
    }
  }
}
