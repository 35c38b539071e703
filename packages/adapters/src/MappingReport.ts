/** A problem found while mapping, located in the source where possible. */
export interface ReportIssue {
  /** `error`: the document could not be mapped to a valid draft; `warning`: mapped, but check this. */
  readonly severity: 'error' | 'warning';
  /** Plain words: what is wrong and what to do. */
  readonly message: string;
  /** The source field (e.g. `cac:InvoiceLine[3]/cbc:LineExtensionAmount`, `NAGLOWEK.13`), or null. */
  readonly field: string | null;
  /** 1-based line in the input file, or null when unknown. */
  readonly line: number | null;
}

/** The report on one source document (one .epp file or JPK_FA file can hold many). */
export interface DocumentReport {
  /** The document's own number (becomes `P_2`), or null when the source has none. */
  readonly number: string | null;
  /** Index into `AdapterResult.drafts`, or null when the document could not be mapped. */
  readonly draftIndex: number | null;
  /** Every assumption made where the source was silent (e.g. "no sale date: taken as the issue date"). */
  readonly assumptions: readonly string[];
  /** Source fields that have no FA(3) counterpart and were not carried over. */
  readonly unmappedFields: readonly string[];
  readonly issues: readonly ReportIssue[];
}

/** The report on one input: its encoding, file-level issues, and one entry per document found. */
export interface MappingReport {
  readonly input: string;
  /** The text encoding used to read it (`utf-8`, `windows-1250`), or null for binary formats. */
  readonly encoding: string | null;
  readonly issues: readonly ReportIssue[];
  readonly documents: readonly DocumentReport[];
}
