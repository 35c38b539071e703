import { open } from 'node:fs/promises';
import type { InvoiceValidationOptions, InvoiceValidationResult } from './InvoiceValidationResult.js';

// Larger files are not read at all: KSeF's limit is 3 000 000 B, and reading a multi-GB file
// whole would exhaust memory before we could say so.
const maxReadBytes = 32_000_000;

/** A validation result for one file, named as given. */
export type InvoiceFileValidationResult = InvoiceValidationResult & { readonly file: string };

/** A file's bytes, or the result that already settles it (unreadable: `io`; far too large: `size`). */
export type InvoiceFileContent = { readonly file: string; readonly bytes: Uint8Array } | { readonly file: string; readonly result: InvoiceFileValidationResult };

/** Reads one invoice file; never rejects. */
export async function readInvoiceFile(file: string, options: InvoiceValidationOptions): Promise<InvoiceFileContent> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    return { file, result: ioResult(file, `Cannot read the file: ${describe(error)}.`) };
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) return { file, result: ioResult(file, 'Cannot read the file: it is a directory.') };
    if (stat.size > maxReadBytes) {
      const message = `The invoice is ${stat.size} bytes: KSeF accepts at most 1000000 bytes (3000000 with attachments); the file was not read further.`;
      return { file, result: { file, valid: false, form: options.form ?? null, warnings: [], errors: [{ line: null, column: null, path: null, rule: 'size', message }] } };
    }
    return { file, bytes: await handle.readFile() };
  } catch (error) {
    return { file, result: ioResult(file, `Cannot read the file: ${describe(error)}.`) };
  } finally {
    await handle.close();
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
