import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * Expands the paths given to `ksef validate`: a folder becomes every `*.xml` below it (recursively,
 * sorted), a file stays as given, and a path that does not exist stays too, so that it gets its
 * own `io` error. Paths are resolved against `cwd` for reading but reported as the user wrote them.
 */
export async function findInvoiceFiles(args: readonly string[], cwd: string): Promise<string[]> {
  const files: string[] = [];
  for (const arg of args) {
    let info;
    try {
      info = await stat(path.resolve(cwd, arg));
    } catch {
      files.push(arg);
      continue;
    }
    if (info.isDirectory()) files.push(...(await xmlFilesUnder(path.resolve(cwd, arg))).map((f) => path.join(arg, f)));
    else files.push(arg);
  }
  return files;
}

async function xmlFilesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.toLowerCase().endsWith('.xml'))
    .map((e) => path.relative(folder, path.join(e.parentPath, e.name)))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
