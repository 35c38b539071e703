import { readFile } from 'node:fs/promises';

/**
 * One invoice to submit: the name the caller knows it by (a file name, an ERP document id) and how
 * to read its XML. `read` is called when validating and again just before sending, so a run over
 * thousands of files holds one invoice in memory at a time, not the whole export.
 */
export interface SubmissionItem {
  readonly name: string;
  readonly read: () => Promise<Uint8Array>;
}

/** An invoice already in memory. */
export function invoiceFromBytes(name: string, xml: Uint8Array): SubmissionItem {
  return { name, read: async () => xml };
}

/** An invoice file, read from disk when needed; `name` defaults to the path. */
export function invoiceFromFile(path: string, name: string = path): SubmissionItem {
  return { name, read: () => readFile(path) };
}
