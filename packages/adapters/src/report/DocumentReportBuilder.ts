import { checkInvoiceDraft, type InvoiceDraft } from '@ksef-connect/core';
import type { DocumentReport, ReportIssue } from '../MappingReport.js';

// Adapters are pure, so the draft checks get a fixed "today": the future-issue-date rule belongs to
// rendering and sending (KSeF compares P_1 with the day it receives the invoice), not to mapping.
const mappingNow = new Date('2050-01-01T00:00:00Z');

/**
 * Collects what an adapter learns about one source document (assumptions, unmapped fields, issues)
 * and turns it into a `DocumentReport` — running core's draft checks, so a draft is only handed out
 * when it can become a valid FA(3).
 */
export class DocumentReportBuilder {
  readonly #assumptions: string[] = [];
  readonly #unmapped = new Set<string>();
  readonly #issues: ReportIssue[] = [];

  constructor(
    /** The document's number, once known. */
    public number: string | null = null,
  ) {}

  /** Notes a value the adapter chose where the source was silent or ambiguous. */
  assume(text: string): void {
    if (!this.#assumptions.includes(text)) this.#assumptions.push(text);
  }

  /** Notes a source field that has no FA(3) counterpart. */
  unmapped(field: string): void {
    this.#unmapped.add(field);
  }

  /** The document cannot be mapped: `field` and `line` locate the cause in the source. */
  error(message: string, field: string | null = null, line: number | null = null): void {
    this.#issues.push({ severity: 'error', message, field, line });
  }

  /** Mapped, but the user should look at this. */
  warning(message: string, field: string | null = null, line: number | null = null): void {
    this.#issues.push({ severity: 'warning', message, field, line });
  }

  /** True once an error was recorded. */
  get hasErrors(): boolean {
    return this.#issues.some((i) => i.severity === 'error');
  }

  /**
   * Finishes the document: when there is a draft and no mapping error, core's `checkInvoiceDraft`
   * runs; its errors (named by draft path, e.g. `lines[2].netValue`, with the source line of that
   * draft line when `lineNumbers` gives it) keep the draft out. A kept draft is appended to `drafts`.
   */
  finish(draft: InvoiceDraft | undefined, drafts: InvoiceDraft[], lineNumbers: readonly (number | null)[] = []): DocumentReport {
    if (draft !== undefined && !this.hasErrors) {
      for (const issue of checkInvoiceDraft(draft, { form: 'FA (3)', now: mappingNow })) {
        const lineIndex = /^lines\[(\d+)\]/.exec(issue.path);
        const line = lineIndex ? (lineNumbers[Number(lineIndex[1])] ?? null) : null;
        this.#issues.push({ severity: issue.severity, message: `${issue.path}: ${issue.message}`, field: issue.path, line });
      }
    }
    let draftIndex: number | null = null;
    if (draft !== undefined && !this.hasErrors) {
      draftIndex = drafts.length;
      drafts.push(draft);
    }
    return {
      number: this.number,
      draftIndex,
      assumptions: [...this.#assumptions],
      unmappedFields: [...this.#unmapped],
      issues: [...this.#issues],
    };
  }
}
