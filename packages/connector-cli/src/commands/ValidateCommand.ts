import { statSync } from 'node:fs';
import path from 'node:path';
// The light entry point only: the validator itself (libxml2, ~75 ms to load) is imported in run(),
// after the worker threads have been started, so they load it at the same time.
import { formCodeNames, parseFormCodeName, parseKsefEnvironmentName, startInvoiceValidationWorkers } from '@ksef-connect/core/workers';
import { parseCommandArgs } from '../args/parseCommandArgs.js';
import type { CliCommand } from '../CliCommand.js';
import { UsageError } from '../CliCommand.js';
import type { CliIo } from '../CliIo.js';
import { findInvoiceFiles } from '../validate/findInvoiceFiles.js';
import { unreadableLinksInOrder } from '../validate/unreadableLinksInOrder.js';
import { formatValidationJson, formatValidationReport } from '../validate/formatValidationReport.js';

const usage = `Usage: ksef validate <files or folders...> [--json] [--form "FA (3)"] [--env prod|demo|test]

Validates invoices offline against their form's XSD and KSeF's acceptance rules
(UTF-8 without BOM, no processing instructions, allowed characters, size, P_1 not in
the future, NIP check digits, the forms the environment accepts). Folders are searched
recursively for *.xml, following symbolic links; a broken or looping link is reported
as that file's "io" error.

Options:
  --json         print one JSON array: {"file","valid","form","errors","warnings"} per file
  --form <code>  validate as this form instead of detecting it: ${formCodeNames.map((f) => `"${f}"`).join(', ')}
  --env <name>   whose rules apply: prod (default) and demo take FA (3), not FA (2) (a "form"
                 error); test takes both. Bad NIP check digits are errors on prod, warnings on
                 test and demo (KSeF checks them on production only)

Exit code: 0 all valid, 2 some invalid, 1 a file could not be read or the arguments are wrong.`;

/** `ksef validate`: validates invoice files and folders offline. */
export const validateCommand: CliCommand = {
  name: 'validate',
  usage,
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(args, {
      allowPositionals: true,
      options: { json: { type: 'boolean' }, form: { type: 'string' }, env: { type: 'string' } },
    });
    if (positionals.length === 0) throw new UsageError('give at least one file or folder to validate');
    const form = values.form === undefined ? undefined : parseFormCodeName(values.form);
    if (values.form !== undefined && form === undefined) {
      throw new UsageError(`unknown form "${values.form}"; expected one of ${formCodeNames.map((f) => `"${f}"`).join(', ')}`);
    }
    const env = values.env === undefined ? 'prod' : parseKsefEnvironmentName(values.env);
    if (env === undefined) throw new UsageError(`unknown environment "${values.env ?? ''}"; expected prod, demo or test`);

    // A folder (or many files) means a bulk run: start the workers before loading the validator
    // and listing the files (they take ~0.3 s to be ready; docs/adr/0001, "Throughput").
    const bulk = positionals.length >= 64 || positionals.some((p) => isFolder(path.resolve(io.cwd, p)));
    const workers = bulk ? startInvoiceValidationWorkers() : undefined;
    try {
      const { validateInvoiceFiles } = await import('@ksef-connect/core/validation');
      const found = await findInvoiceFiles(positionals, io.cwd);
      if (found.length === 0) {
        io.stderr(`ksef validate: no XML files found in ${positionals.join(', ')}.\n`);
        return 1;
      }
      const files = found.filter((f) => f.problem === null).map((f) => f.file);
      const results = await validateInvoiceFiles(
        files.map((f) => path.resolve(io.cwd, f)),
        { env, ...(form === undefined ? {} : { form }), ...(workers === undefined ? {} : { workers }) },
      );
      const named = unreadableLinksInOrder(found, results.map((r, i) => ({ ...r, file: files[i] ?? r.file })));
      io.stdout(values.json === true ? formatValidationJson(named) : formatValidationReport(named));
      if (named.some((r) => r.errors.some((e) => e.rule === 'io'))) return 1;
      return named.every((r) => r.valid) ? 0 : 2;
    } finally {
      await workers?.close();
    }
  },
};

function isFolder(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false; // missing or unreadable: findInvoiceFiles reports it
  }
}
