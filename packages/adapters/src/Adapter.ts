import type { InvoiceDraft } from '@ksef-connect/core';
import type { MappingReport } from './MappingReport.js';

/** One input file's bytes and the name used in messages (never opened by the adapter itself). */
export interface AdapterInput {
  readonly bytes: Uint8Array;
  /** File name (or another label) for messages: "invoices.epp line 12: …". */
  readonly name: string;
}

/** Options every adapter understands; an adapter may accept more. */
export interface AdapterOptions {
  /** Forces the input's text encoding (e.g. `windows-1250`) instead of detecting or assuming it. */
  readonly encoding?: string;
  /** The seller's NIP, for formats that do not carry it (or to override it). */
  readonly sellerNip?: string;
}

/** What an adapter returns: the drafts it could map, and a report on every document it found. */
export interface AdapterResult {
  readonly drafts: readonly InvoiceDraft[];
  readonly report: MappingReport;
}

/**
 * A pure mapper from one ERP export format to invoice drafts: no network, no file system, no clock
 * inside `map` — the same input and options always give the same result.
 */
export interface Adapter<Options extends AdapterOptions = AdapterOptions> {
  /** The `--from` name: `ubl`, `epp`, `optima`, `jpk-fa`, `csv`, or a third party's own. */
  readonly name: string;
  /** One line for `ksef convert --help`. */
  readonly description: string;
  /** File extensions this format usually has, lowercase with the dot (`.epp`). */
  readonly fileExtensions: readonly string[];
  map(input: AdapterInput, options?: Options): AdapterResult;
}
