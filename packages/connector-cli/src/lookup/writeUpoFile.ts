import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** A folder for UPO files: as the user named it (for messages) and as an absolute path. */
export interface UpoDir {
  readonly shown: string;
  readonly path: string;
}

/**
 * Writes one UPO into `dir` (created if missing) under `name` — `<ksefNumber>.xml` for an invoice,
 * `session-<referenceNumber>-<n>.xml` for a session UPO page, as `ksef send --upo-dir` names them —
 * and returns the path as shown to the user. The bytes are written exactly as KSeF served them.
 */
export async function writeUpoFile(dir: UpoDir, name: string, bytes: Uint8Array): Promise<string> {
  await mkdir(dir.path, { recursive: true });
  await writeFile(path.join(dir.path, name), bytes);
  return path.join(dir.shown, name);
}
