import type { Dirent, Stats } from 'node:fs';
import { readdir, readlink, realpath, stat } from 'node:fs/promises';
import path from 'node:path';

/** One path found by {@link findInvoiceFiles}: a file to read, or a link that cannot be followed. */
export interface FoundInvoiceFile {
  /** As the user would write it: the argument, or the argument joined with the path below it. */
  readonly file: string;
  /** Why the path cannot be read (a broken symbolic link, a loop, a folder that cannot be listed); null when it can be tried. */
  readonly problem: string | null;
}

/**
 * Expands the paths given to `ksef validate` and `ksef send`: a folder becomes every `*.xml` below
 * it (recursively, sorted), following symbolic links to files and folders; a file stays as given,
 * and a path that does not exist stays too, so that it gets its own `io` error. Links that cannot
 * be followed — broken, looping, or leading back into a folder being searched — are listed with a
 * `problem` whatever their name (a broken link may have been a folder of invoices), so that they
 * are reported rather than silently left out. Paths are resolved against `cwd` for reading but
 * reported as the user wrote them.
 */
export async function findInvoiceFiles(args: readonly string[], cwd: string): Promise<FoundInvoiceFile[]> {
  const files: FoundInvoiceFile[] = [];
  for (const arg of args) {
    const where = path.resolve(cwd, arg);
    let info;
    try {
      info = await stat(where);
    } catch {
      files.push({ file: arg, problem: null });
      continue;
    }
    // One by one: spreading a folder of many thousand files into push() would overflow the stack.
    if (info.isDirectory()) for (const found of await xmlFilesUnder(where, arg)) files.push(found);
    else files.push({ file: arg, problem: null });
  }
  return files;
}

/** A folder still to list: where it is, its real path (for loop detection) and the real paths of the folders above it. */
interface PendingFolder {
  readonly folder: string;
  readonly real: string;
  readonly ancestors: ReadonlySet<string>;
  /** Its path relative to the searched folder, with a trailing separator ('' for the folder itself). */
  readonly relative: string;
}

/**
 * The `*.xml` files below `folder`, sorted by their path relative to it, each named
 * `path.join(shownAs, relative)`. Names are joined per folder, not per file: path.relative/path.join
 * for each of 10 000 files cost more than listing them (string ops give the same names, since a
 * file's own name has no separators to normalise). Only symbolic links cost a `stat` each.
 */
async function xmlFilesUnder(folder: string, shownAs: string): Promise<FoundInvoiceFile[]> {
  const found: Array<{ relative: string; problem: string | null }> = [];
  const root = await realpath(folder);
  const pending: PendingFolder[] = [{ folder, real: root, ancestors: new Set([root]), relative: '' }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { folder: current, real, ancestors, relative } = next;
    let entries: Dirent[];
    try {
      entries = await readdir(current, { withFileTypes: true });
    } catch (error) {
      found.push({ relative: relative.slice(0, -1), problem: `the folder cannot be listed (${errorCode(error)})` });
      continue;
    }
    for (const e of entries) {
      const name = relative + e.name;
      if (e.isFile()) {
        if (isXml(e.name)) found.push({ relative: name, problem: null });
      } else if (e.isDirectory()) {
        const childReal = path.join(real, e.name);
        pending.push({ folder: path.join(current, e.name), real: childReal, ancestors: new Set([...ancestors, childReal]), relative: name + path.sep });
      } else if (e.isSymbolicLink()) {
        const followed = await followLink(path.join(current, e.name), name, ancestors);
        if ('problem' in followed) found.push(followed);
        else if (followed.kind === 'folder') pending.push(followed.folder);
        else if (followed.kind === 'file' && isXml(e.name)) found.push({ relative: name, problem: null });
      }
    }
  }
  // join(…, 'x') minus the 'x': the folder's normalised name with its trailing separator.
  const prefix = path.join(shownAs, 'x').slice(0, -1);
  return found
    .sort((a, b) => (a.relative < b.relative ? -1 : a.relative > b.relative ? 1 : 0))
    .map((f) => ({ file: f.relative === '' ? shownAs : prefix + f.relative, problem: f.problem }));
}

/** What a symbolic link leads to: a file, a folder to search, or a problem to report. */
type FollowedLink = { readonly kind: 'file' | 'other' } | { readonly kind: 'folder'; readonly folder: PendingFolder } | { readonly relative: string; readonly problem: string };

async function followLink(link: string, relative: string, ancestors: ReadonlySet<string>): Promise<FollowedLink> {
  let target: Stats;
  try {
    target = await stat(link);
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ELOOP') return { relative, problem: 'a symbolic link loop: its links lead back to each other' };
    if (code === 'ENOENT') return { relative, problem: `a broken symbolic link: its target ${await readlink(link).catch(() => '?')} does not exist` };
    return { relative, problem: `a symbolic link that cannot be followed (${code})` };
  }
  if (target.isFile()) return { kind: 'file' };
  // Sockets, pipes and devices are skipped, linked or not.
  if (!target.isDirectory()) return { kind: 'other' };
  const real = await realpath(link);
  // A link to a folder it is inside would be searched forever (`find -L` calls it a loop too).
  if (ancestors.has(real)) return { relative, problem: 'a symbolic link loop: it leads back to a folder that contains it' };
  return { kind: 'folder', folder: { folder: link, real, ancestors: new Set([...ancestors, real]), relative: relative + path.sep } };
}

function isXml(name: string): boolean {
  return name.toLowerCase().endsWith('.xml');
}

function errorCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'unknown error';
}
