import type { ValidationIssue } from '../fa/validation/ValidationIssue.js';

/**
 * A local reason an invoice was not sent: a validation issue, a rule KSeF would refuse it by
 * (`refused`), or a file that changed between validation and sending (`changed`).
 */
export type SubmissionIssue = Omit<ValidationIssue, 'rule'> & { readonly rule: ValidationIssue['rule'] | 'refused' | 'changed' };
