import type { KsefEnvironmentName } from '../../KsefEnvironment.js';
import { computeInvoiceTotals } from '../amounts/computeInvoiceTotals.js';
import { checkInvoiceDraft } from '../checks/checkInvoiceDraft.js';
import type { InvoiceDraft } from '../model/InvoiceDraft.js';
import type { InvoiceValidationOptions, InvoiceValidationResult } from '../validation/InvoiceValidationResult.js';
import { defaultInvoiceValidator } from '../validation/validateInvoice.js';
import { buildFaktura } from './buildFaktura.js';
import { deriveAnnotations } from './deriveAnnotations.js';
import type { FaForm } from './FaForm.js';
import { InvoiceDraftError } from './InvoiceDraftError.js';
import type { RenderedInvoice } from './RenderedInvoice.js';
import { RenderedInvoiceInvalidError } from './RenderedInvoiceInvalidError.js';
import { serializeXml } from './serializeXml.js';

/** Something that validates invoice XML the way `InvoiceValidator` does. */
export interface RenderedXmlValidator {
  validate(xml: Uint8Array, options?: InvoiceValidationOptions): InvoiceValidationResult;
}

/** How to render. */
export interface RenderOptions {
  /** Default `FA (3)`; `FA (2)` for KSeF's TEST environment. */
  readonly form?: FaForm;
  /** `DataWytworzeniaFa` and "today" for the date checks; default the current time. */
  readonly now?: Date;
  /**
   * Rules of which environment the output is validated under (NIP checksums are errors on `prod`);
   * default `prod`, or `test` for `FA (2)`, which only TEST accepts (`srodowiska.md`).
   */
  readonly env?: KsefEnvironmentName;
  /** Default: core's shared `InvoiceValidator` (libxml2 XSD + KSeF rules). */
  readonly validator?: RenderedXmlValidator;
}

const utf8 = new TextEncoder();

/**
 * Renders a draft as FA(3) (or FA(2)) XML: checks the draft (throws `InvoiceDraftError` listing the
 * fields), computes the totals with exact decimals, derives `Adnotacje`, writes the elements in the
 * XSD's order, and validates the result (throws `RenderedInvoiceInvalidError`). The returned XML is
 * always valid for the form.
 */
export function renderInvoice(draft: InvoiceDraft, options: RenderOptions = {}): RenderedInvoice {
  const form = options.form ?? 'FA (3)';
  const now = options.now ?? new Date();
  const issues = checkInvoiceDraft(draft, { form, now });
  if (issues.some((i) => i.severity === 'error')) throw new InvoiceDraftError(draft.number, issues);

  const computed = computeInvoiceTotals(draft);
  const annotations = deriveAnnotations(draft, computed.totals.grossTotal);
  const xml = serializeXml(buildFaktura(draft, { form, now, computed, annotations }));
  const bytes = utf8.encode(xml);

  const validator = options.validator ?? defaultInvoiceValidator();
  const result = validator.validate(bytes, { form, env: options.env ?? (form === 'FA (2)' ? 'test' : 'prod'), now });
  if (!result.valid) throw new RenderedInvoiceInvalidError(draft.number, form, result.errors, xml);

  const { notes: annotationNotes, ...rendered } = annotations;
  return {
    xml,
    bytes,
    report: {
      form,
      notes: [...computed.notes, ...annotationNotes],
      warnings: issues,
      validationWarnings: result.warnings,
      totals: computed.totals,
      annotations: rendered,
    },
  };
}
