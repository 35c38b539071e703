import { chmodSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

/** A `dataDir` file's text, or undefined when it does not exist yet. */
export function readOwnerOnlyFile(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Replaces `file` with `text` atomically (temp file + rename), readable by its owner only: the
 * state holds open sessions' AES keys, the secrets file the private keys.
 */
export function writeOwnerOnlyFile(file: string, text: string): void {
  const temp = `${file}.tmp`;
  writeFileSync(temp, text, { mode: 0o600 });
  // `mode` applies only when the file is created; a temp file left by a crash keeps its old mode.
  chmodSync(temp, 0o600);
  renameSync(temp, file);
}
