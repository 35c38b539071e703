import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { InvoiceValidationOptions, InvoiceValidationResult } from './InvoiceValidationResult.js';

// Larger files are not read at all: KSeF's limit is 3 000 000 B, and reading a multi-GB file
// whole would exhaust memory before we could say so.
const maxReadBytes = 32_000_000;

/** A validation result for one file, named as given. */
export type InvoiceFileValidationResult = InvoiceValidationResult & { readonly file: string };

/** A file's bytes, or the result that already settles it (unreadable: `io`; far too large: `size`). */
export type InvoiceFileContent = { readonly file: string; readonly bytes: Uint8Array } | { readonly file: string; readonly result: InvoiceFileValidationResult };

/**
 * Reads one invoice file, synchronously: bulk validation reads a batch of small files at once, and
 * one synchronous read is far cheaper than the four thread-pool round trips of an async one.
 * Never throws.
 */
export function readInvoiceFile(file: string, options: InvoiceValidationOptions): InvoiceFileContent {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    return { file, result: ioResult(file, `Cannot read the file: ${describe(error)}.`) };
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) return { file, result: ioResult(file, 'Cannot read the file: it is a directory.') };
    if (stat.size > maxReadBytes) {
      const message = `The invoice is ${stat.size} bytes: KSeF accepts at most 1000000 bytes (3000000 with attachments); the file was not read further.`;
      return { file, result: { file, valid: false, form: options.form ?? null, warnings: [], errors: [{ line: null, column: null, path: null, rule: 'size', message }] } };
    }
    // Read to the end rather than trusting the size: a file can grow between fstat and read.
    const regular = stat.isFile();
    const chunks: Buffer[] = [];
    let chunk = Buffer.allocUnsafe(Math.max(stat.size + 1, 4096));
    let total = 0;
    for (;;) {
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > maxReadBytes) break;
      // A regular file's read comes back short only at its end: no further read (one syscall of
      // five per file in a bulk run). Pipes and devices do return short reads, so they read on.
      if (regular && n < chunk.length) break;
      chunk = Buffer.allocUnsafe(65536);
    }
    return { file, bytes: chunks.length === 1 ? (chunks[0] ?? Buffer.alloc(0)) : Buffer.concat(chunks) };
  } catch (error) {
    return { file, result: ioResult(file, `Cannot read the file: ${describe(error)}.`) };
  } finally {
    closeSync(fd);
  }
}

function ioResult(file: string, message: string): InvoiceFileValidationResult {
  return { file, valid: false, form: null, warnings: [], errors: [{ line: null, column: null, path: null, message, rule: 'io' }] };
}

function describe(error: unknown): string {
  // Duck-typed: fs errors may come from another realm (e.g. a test VM), failing `instanceof Error`.
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = String(error.code);
    if (code === 'ENOENT') return 'no such file';
    if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
    if (code === 'EISDIR') return 'it is a directory';
    return code;
  }
  return typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : String(error);
}
