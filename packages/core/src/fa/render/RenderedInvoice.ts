import type { InvoiceTotals } from '../amounts/computeInvoiceTotals.js';
import type { InvoiceDraftIssue } from '../checks/InvoiceDraftIssue.js';
import type { ValidationIssue } from '../validation/ValidationIssue.js';
import type { DerivedAnnotations } from './deriveAnnotations.js';
import type { FaForm } from './FaForm.js';

/** What the renderer did besides writing XML. */
export interface RenderReport {
  readonly form: FaForm;
  /** Facts worth a look: source totals kept within 0.01, line values computed, annotation overrides. */
  readonly notes: readonly string[];
  /** Non-blocking draft issues. */
  readonly warnings: readonly InvoiceDraftIssue[];
  /** Warnings of the XML validator (e.g. NIP checksums outside production). */
  readonly validationWarnings: readonly ValidationIssue[];
  /** The totals as rendered. */
  readonly totals: InvoiceTotals;
  /** `Adnotacje` as rendered. */
  readonly annotations: Omit<DerivedAnnotations, 'notes'>;
}

/** A rendered invoice: XSD-valid XML (UTF-8, no BOM) and the report. */
export interface RenderedInvoice {
  readonly xml: string;
  /** `xml` encoded as UTF-8 — the bytes to hash, encrypt and send. */
  readonly bytes: Uint8Array;
  readonly report: RenderReport;
}
