import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Adapter, AdapterOptions, ReportIssue } from '@ksef-connect/adapters';
import { InvoiceDraftError, RenderedInvoiceInvalidError, renderInvoice } from '@ksef-connect/core';

/** One document of an input, as `ksef convert` reports it. */
export interface ConvertedDocument {
  /** The written FA(3) file (relative to the working directory), or null when none was written. */
  readonly file: string | null;
  readonly number: string | null;
  readonly valid: boolean;
  readonly issues: readonly ReportIssue[];
}

/** One input's outcome: its documents, and the full report written to `<stem>.report.json`. */
export interface ConvertedInput {
  readonly input: string;
  /** False when the input could not be read at all. */
  readonly readable: boolean;
  readonly documents: readonly ConvertedDocument[];
  /**
   * The input's own issues, outside any document (a CSV row that belongs to no invoice, an EDI++
   * document skipped as not an invoice, a JPK_FA row of no invoice): empty when there are none or
   * when the input has no documents (they are then that input's one entry in `documents`).
   */
  readonly issues: readonly ReportIssue[];
  readonly reportFile: string | null;
}

/**
 * Reads one input, maps it with the adapter, renders each draft to FA(3) (validated), writes
 * `<stem>-<n>.xml` per valid document (n = the document's 1-based position in the input) and
 * `<stem>.report.json` with everything the adapter and the renderer said.
 */
export async function convertInput(
  inputPath: string,
  adapter: Adapter,
  options: AdapterOptions & Record<string, unknown>,
  outDir: string,
  cwd: string,
  now: Date,
): Promise<ConvertedInput> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path.resolve(cwd, inputPath)));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message;
    const issue: ReportIssue = { severity: 'error', message: `Cannot read the input: ${reason}.`, field: null, line: null };
    return { input: inputPath, readable: false, documents: [{ file: null, number: null, valid: false, issues: [issue] }], issues: [], reportFile: null };
  }
  const { drafts, report } = adapter.map({ bytes, name: path.basename(inputPath) }, options);
  const stem = path.basename(inputPath, path.extname(inputPath));
  const absoluteOut = path.resolve(cwd, outDir);
  await mkdir(absoluteOut, { recursive: true });

  const documents: ConvertedDocument[] = [];
  const detailed: unknown[] = [];
  for (const [index, document] of report.documents.entries()) {
    const issues: ReportIssue[] = [...document.issues];
    let file: string | null = null;
    let notes: readonly string[] = [];
    const draft = document.draftIndex === null ? undefined : drafts[document.draftIndex];
    if (draft !== undefined) {
      try {
        const rendered = renderInvoice(draft, { form: 'FA (3)', now });
        file = path.join(outDir, `${stem}-${index + 1}.xml`);
        await writeFile(path.resolve(cwd, file), rendered.bytes);
        notes = rendered.report.notes;
        for (const w of rendered.report.warnings) issues.push({ severity: 'warning', message: `${w.path}: ${w.message}`, field: w.path, line: null });
      } catch (error) {
        if (error instanceof InvoiceDraftError) {
          for (const i of error.issues) issues.push({ severity: i.severity, message: `${i.path}: ${i.message}`, field: i.path, line: null });
        } else if (error instanceof RenderedInvoiceInvalidError) {
          issues.push({ severity: 'error', message: error.message, field: null, line: null });
        } else throw error;
      }
    }
    const valid = file !== null;
    if (!valid && !issues.some((i) => i.severity === 'error')) issues.push({ severity: 'error', message: 'the document could not be mapped', field: null, line: null });
    documents.push({ file, number: document.number, valid, issues });
    detailed.push({ number: document.number, file, valid, assumptions: document.assumptions, unmappedFields: document.unmappedFields, renderNotes: notes, issues });
  }
  // A readable input without any document still gets one entry, so its file-level errors show.
  const noDocuments = documents.length === 0;
  if (noDocuments) {
    const issues = report.issues.length > 0 ? report.issues : [{ severity: 'error' as const, message: 'no documents found in the input', field: null, line: null }];
    documents.push({ file: null, number: null, valid: false, issues: [...issues] });
  }
  const reportFile = path.join(outDir, `${stem}.report.json`);
  await writeFile(
    path.resolve(cwd, reportFile),
    `${JSON.stringify({ input: inputPath, adapter: adapter.name, encoding: report.encoding, issues: report.issues, documents: detailed }, null, 2)}\n`,
  );
  return { input: inputPath, readable: true, documents, issues: noDocuments ? [] : [...report.issues], reportFile };
}
