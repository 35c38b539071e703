import { UsageError } from '../CliCommand.js';
import type { FoundInvoiceFile } from '../validate/findInvoiceFiles.js';

/**
 * The files `ksef send` will read, or a usage error naming every path that cannot be followed (a
 * broken or looping symbolic link in a folder). Like an unreadable file named on the command line,
 * such a link stops the run before anything is sent: it may stand for invoices the user meant to
 * send, so it is never silently left out.
 */
export function requireReadableInvoiceFiles(found: readonly FoundInvoiceFile[]): string[] {
  const problems = found.filter((f) => f.problem !== null);
  if (problems.length > 0) {
    const list = problems.map((f) => `${f.file} (${f.problem ?? ''})`).join('; ');
    throw new UsageError(`cannot read ${list}; fix or remove ${problems.length === 1 ? 'it' : 'them'} and run the command again; nothing was sent`);
  }
  return found.map((f) => f.file);
}
