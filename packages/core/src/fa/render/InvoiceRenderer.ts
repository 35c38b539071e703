import type { Clock } from '../../time/Clock.js';
import type { InvoiceValidator } from '../validation/InvoiceValidator.js';
import type { InvoiceDraft } from '../model/InvoiceDraft.js';
import type { RenderedInvoice } from './RenderedInvoice.js';
import { renderInvoice, type RenderOptions } from './renderInvoice.js';

/** Renders drafts to validated FA XML with the container's clock and invoice validator; see `renderInvoice`. */
export class InvoiceRenderer {
  constructor(
    private readonly clock: Clock,
    private readonly validator: InvoiceValidator,
  ) {}

  /** Renders one draft; `options.now` defaults to the injected clock. */
  render(draft: InvoiceDraft, options: Omit<RenderOptions, 'validator'> = {}): RenderedInvoice {
    return renderInvoice(draft, { ...options, now: options.now ?? this.clock.now(), validator: this.validator });
  }
}
