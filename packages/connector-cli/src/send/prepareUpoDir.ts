import { randomBytes } from 'node:crypto';
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../CliCommand.js';

/**
 * Makes sure `--upo-dir` can take the UPO files before anything is sent: creates the folder (with
 * its parents) and writes and removes a probe file in it. UPOs arrive only after KSeF has taken the
 * invoices, when a wrong folder can no longer stop the send, so a folder that cannot be used is a
 * usage error now. The probe write, not `access()`, decides: it also catches read-only file systems
 * and works for root, whom permission bits do not stop. `shown` is the folder as the user wrote it.
 */
export async function prepareUpoDir(shown: string, folder: string): Promise<void> {
  const refuse = (why: string): never => {
    throw new UsageError(`--upo-dir ${shown} cannot be used: ${why}. Choose another --upo-dir (or fix this one); nothing was sent.`);
  };
  try {
    await mkdir(folder, { recursive: true });
  } catch (error) {
    const code = errorCode(error);
    if (code === 'EEXIST' || code === 'ENOTDIR') refuse(`${await fileInTheWay(folder, shown)} is a file, not a folder`);
    refuse(`the folder cannot be created (${describeCode(code)})`);
  }
  const probe = path.join(folder, `.ksef-upo-probe-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await writeFile(probe, '');
  } catch (error) {
    refuse(`no file can be written into it (${describeCode(errorCode(error))})`);
  } finally {
    await rm(probe, { force: true });
  }
}

/** The file that keeps `folder` from being created (itself or a parent), named the way the user wrote it. */
async function fileInTheWay(folder: string, shown: string): Promise<string> {
  for (let current = folder; ; current = path.dirname(current)) {
    const info = await stat(current).catch(() => undefined);
    if (info !== undefined && !info.isDirectory()) return path.join(shown, path.relative(folder, current));
    if (path.dirname(current) === current) return shown;
  }
}

function errorCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'unknown error';
}

function describeCode(code: string): string {
  const known: Record<string, string> = { EACCES: 'permission denied', EPERM: 'operation not permitted', EROFS: 'read-only file system', ENOSPC: 'no space left' };
  return known[code] ?? code;
}
