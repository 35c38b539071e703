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
    if (info.isDirectory()) files.push(...(await xmlFilesUnder(path.resolve(cwd, arg), arg)));
    else files.push(arg);
  }
  return files;
}

/**
 * The `*.xml` files below `folder`, sorted by their path relative to it, each named
 * `path.join(shownAs, relative)`. Joined per folder, not per file: path.relative/path.join for
 * each of 10 000 files cost more than listing them (string ops give the same names, since a
 * file's own name has no separators to normalise).
 */
async function xmlFilesUnder(folder: string, shownAs: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  const prefixes = new Map<string, { relative: string; shown: string }>();
  const found: Array<{ relative: string; shown: string }> = [];
  for (const e of entries) {
    if (!e.isFile() || !e.name.toLowerCase().endsWith('.xml')) continue;
    let prefix = prefixes.get(e.parentPath);
    if (prefix === undefined) {
      const dir = path.relative(folder, e.parentPath);
      // join(…, 'x') minus the 'x': the folder's normalised name with its trailing separator.
      prefix = { relative: dir === '' ? '' : dir + path.sep, shown: path.join(shownAs, dir, 'x').slice(0, -1) };
      prefixes.set(e.parentPath, prefix);
    }
    found.push({ relative: prefix.relative + e.name, shown: prefix.shown + e.name });
  }
  return found.sort((a, b) => (a.relative < b.relative ? -1 : a.relative > b.relative ? 1 : 0)).map((f) => f.shown);
}
