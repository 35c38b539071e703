import type { KsefEnvironmentName } from '../../KsefEnvironment.js';
import type { FormCodeName } from './FormCodeName.js';
import type { ValidationIssue } from './ValidationIssue.js';

/** The outcome of validating one invoice document. */
export interface InvoiceValidationResult {
  /** True when there are no errors (warnings do not make an invoice invalid). */
  readonly valid: boolean;
  /** The form the document was validated as: forced, or detected from its root element; null if neither. */
  readonly form: FormCodeName | null;
  readonly errors: ValidationIssue[];
  readonly warnings: ValidationIssue[];
}

/** How to validate an invoice. */
export interface InvoiceValidationOptions {
  /** Validate against this form's schema (as a session's form code would) instead of detecting it. */
  readonly form?: FormCodeName;
  /**
   * The environment whose rules apply. NIP checksums are checked by KSeF on production only
   * (`faktury/weryfikacja-faktury.md`): errors under `prod` (the default), warnings otherwise.
   * FA(2) is a `form` error except under `test` (`srodowiska.md`).
   */
  readonly env?: KsefEnvironmentName;
  /** "Today" for the P_1 rule; defaults to the injected clock's time. */
  readonly now?: Date;
}
