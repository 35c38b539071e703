import type { InvoiceSchema } from '@ksef-connect/spec';

/** An invoice form's `systemCode` as KSeF spells it (`FA (3)`, with the space). */
export type FormCodeName = InvoiceSchema['systemCode'];

/** Every form code name, in the order of `invoiceSchemas`. */
export const formCodeNames: readonly FormCodeName[] = ['FA (2)', 'FA (3)', 'FA_RR (1)', 'PEF (3)', 'PEF_KOR (3)'];

/** Narrows a string (e.g. a `--form` value) to a form code name; undefined for anything else. */
export function parseFormCodeName(value: string): FormCodeName | undefined {
  return formCodeNames.find((name) => name === value);
}
