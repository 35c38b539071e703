// @peculiar/x509 (loaded with core and the simulator) reads decorator metadata through the global Reflect API.
import 'reflect-metadata';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { AdapterRegistry, adapters, encodingName, type ReportIssue } from '@ksef-connect/adapters';
import { isValidNip } from '@ksef-connect/core';
import { parseCommandArgs } from '../args/parseCommandArgs.js';
import type { CliCommand } from '../CliCommand.js';
import { UsageError } from '../CliCommand.js';
import type { CliIo } from '../CliIo.js';
import { convertInput, type ConvertedInput } from '../convert/convertInput.js';

const registry = new AdapterRegistry(adapters);
const formats = (): string => registry.list().map((a) => a.name).join('|');

const usage = (): string => `Usage: ksef convert --from ${formats()} [--profile FILE] [--encoding E] [--seller-nip NIP] <inputs...> --out DIR [--json]

Converts ERP exports to FA(3) invoices: one <input-stem>-<n>.xml per document that maps to a
valid FA(3) (n = the document's position in the input) and one <input-stem>.report.json per input
with every assumption, unmapped source field and problem.
Inputs whose outputs would collide (same stem, or an output on an input) are refused.

Formats:
${registry.list().map((a) => `  ${a.name.padEnd(8)}${a.description}`).join('\n')}

Options:
  --from <format>     the input format (required)
  --profile <file>    mapping profile (JSON) — required for csv
  --encoding <name>   read the inputs in this encoding (e.g. windows-1250) instead of detecting it
  --seller-nip <nip>  the seller's NIP, for formats without it (or to override it)
  --out <dir>         where to write (created if missing; required)
  --json              print [{"input","documents":[{"file","number","valid","issues"}]}] (and
                      "issues" beside "documents" when the input has issues outside any document)

Exit code: 0 all documents converted, 2 some could not be mapped to a valid FA(3) (or an input
has an error outside any document, e.g. a row that belongs to no invoice),
1 an input could not be read or the arguments are wrong.`;

/** `ksef convert`: ERP exports → FA(3) XML files and mapping reports, through the adapter registry. */
export const convertCommand: CliCommand = {
  name: 'convert',
  get usage(): string {
    return usage();
  },
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(args, {
      allowPositionals: true,
      options: {
        from: { type: 'string' }, profile: { type: 'string' }, encoding: { type: 'string' },
        'seller-nip': { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' },
      },
    });
    if (values.from === undefined) throw new UsageError(`give the input format: --from ${formats()}`);
    const adapter = registry.get(values.from);
    if (adapter === undefined) throw new UsageError(`unknown format "${values.from}"; expected one of ${formats().split('|').join(', ')}`);
    if (values.out === undefined) throw new UsageError('give the output folder: --out DIR');
    if (positionals.length === 0) throw new UsageError('give at least one input file');
    if (values.encoding !== undefined && encodingName(values.encoding) === undefined) {
      throw new UsageError(`unknown encoding "${values.encoding}" (e.g. utf-8, windows-1250, iso-8859-2)`);
    }
    const sellerNip = values['seller-nip']?.replace(/[\s-]/g, '');
    if (sellerNip !== undefined && !isValidNip(sellerNip)) throw new UsageError(`--seller-nip ${values['seller-nip'] ?? ''} is not a valid NIP (10 digits with a check digit)`);
    let profile: unknown;
    if (values.profile !== undefined) {
      try {
        profile = JSON.parse(await readFile(path.resolve(io.cwd, values.profile), 'utf8'));
      } catch (error) {
        io.stderr(`ksef convert: cannot read the profile ${values.profile}: ${error instanceof Error ? error.message : String(error)}\n`);
        return 1;
      }
    } else if (adapter.name === 'csv') throw new UsageError('the csv format needs a mapping profile: --profile FILE');

    const options = {
      ...(values.encoding === undefined ? {} : { encoding: values.encoding }),
      ...(sellerNip === undefined ? {} : { sellerNip }),
      ...(profile === undefined ? {} : { profile }),
    };
    refuseOutputCollisions(positionals, values.out, io.cwd);
    const outProblem = await createOutFolder(path.resolve(io.cwd, values.out));
    if (outProblem !== undefined) {
      io.stderr(`ksef convert: --out ${values.out} ${outProblem}\n`);
      return 1;
    }
    const results: ConvertedInput[] = [];
    for (const input of positionals) results.push(await convertInput(input, adapter, options, values.out, io.cwd, new Date()));

    // An input's own issues (outside any document) are printed too, under "issues" when there are
    // any: a skipped row or document must show where the user looks, not only in the report file.
    io.stdout(values.json === true ? `${JSON.stringify(results.map(({ input, documents, issues }) => ({ input, documents, ...(issues.length > 0 ? { issues } : {}) })), null, 2)}\n` : humanReport(results));
    if (results.some((r) => !r.readable)) return 1;
    // An error outside any document means source data that reached no document (e.g. a CSV row
    // without an invoice number): not everything was converted.
    return results.every((r) => r.documents.every((d) => d.valid) && !r.issues.some((i) => i.severity === 'error')) ? 0 : 2;
  },
};

/** Creates the --out folder before anything is converted; why it cannot be one, or undefined. */
async function createOutFolder(absolute: string): Promise<string | undefined> {
  try {
    await mkdir(absolute, { recursive: true });
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return 'is a file, not a folder; give a folder (it is created if missing)';
    if (code === 'ENOTDIR') return 'is inside a file, not a folder; give a folder (it is created if missing)';
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return `cannot be created (${code}); give a folder this user may write`;
    throw error;
  }
}

/**
 * Every input writes `<stem>-<n>.xml` and `<stem>.report.json` into the one --out folder, so two
 * inputs with the same stem (`a/x.epp`, `b/x.epp`, or one file given twice) would overwrite each
 * other's output, and an output could land on an input (`--out .` next to `x-1.xml`). Both are
 * refused before anything is written. Stems compare case-insensitively: on Windows and macOS
 * `X.epp` and `x.epp` write the same files.
 */
function refuseOutputCollisions(inputs: readonly string[], outDir: string, cwd: string): void {
  const byStem = new Map<string, string>();
  for (const input of inputs) {
    const key = path.basename(input, path.extname(input)).toLowerCase();
    const earlier = byStem.get(key);
    if (earlier !== undefined) {
      throw new UsageError(path.resolve(cwd, earlier) === path.resolve(cwd, input)
        ? `${input} is given twice`
        : `${earlier} and ${input} have the same name stem, so their outputs in ${outDir} would overwrite each other — convert them in separate runs with different --out folders (or rename one)`);
    }
    byStem.set(key, input);
  }
  const out = path.resolve(cwd, outDir);
  for (const input of inputs) {
    const absolute = path.resolve(cwd, input);
    if (path.dirname(absolute) !== out) continue;
    const name = path.basename(absolute).toLowerCase();
    const writer = inputs.find((other) => {
      const stem = path.basename(other, path.extname(other)).toLowerCase();
      return name === `${stem}.report.json` || (name.startsWith(`${stem}-`) && /^\d+\.xml$/.test(name.slice(stem.length + 1)));
    });
    if (writer !== undefined) throw new UsageError(`the output of ${writer} in ${outDir} could overwrite the input ${input} — choose another --out folder`);
  }
}

function humanReport(results: readonly ConvertedInput[]): string {
  const lines: string[] = [];
  const where = (i: ReportIssue): string => [i.line === null ? null : `line ${i.line}`, i.field].filter((x) => x !== null).join(' ');
  for (const result of results) {
    const written = result.documents.filter((d) => d.valid).length;
    lines.push(`${result.input}: ${result.documents.length} document(s), ${written} written${result.reportFile ? ` (report: ${result.reportFile})` : ''}`);
    for (const issue of result.issues) lines.push(`  ${issue.severity}${where(issue) ? ` [${where(issue)}]` : ''}: ${issue.message}`);
    for (const document of result.documents) {
      lines.push(`  ${document.number ?? '(no number)'}: ${document.file ?? 'NOT CONVERTED'}`);
      for (const issue of document.issues) lines.push(`    ${issue.severity}${where(issue) ? ` [${where(issue)}]` : ''}: ${issue.message}`);
    }
  }
  const total = results.flatMap((r) => r.documents);
  lines.push(`${total.filter((d) => d.valid).length} of ${total.length} document(s) converted.`, '');
  return lines.join('\n');
}
