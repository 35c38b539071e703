import { invoiceSchemas } from '@ksef-connect/spec';

/** The structured-invoice forms the renderer writes: FA(3), and FA(2) which KSeF's TEST environment still accepts. */
export type FaForm = 'FA (2)' | 'FA (3)';

/** Header values of a form: `KodFormularza` attributes, `WariantFormularza`, root namespace. */
export interface FaFormInfo {
  readonly systemCode: FaForm;
  readonly schemaVersion: string;
  readonly variant: string;
  readonly namespace: string;
  readonly xsdPath: string;
}

/** Looks up a form's header values in the spec package's schema catalogue. */
export function faFormInfo(form: FaForm): FaFormInfo {
  const schema = invoiceSchemas.find((s) => s.systemCode === form);
  if (!schema) throw new RangeError(`unknown invoice form ${String(form)}`);
  return {
    systemCode: form,
    schemaVersion: schema.schemaVersion,
    variant: form === 'FA (3)' ? '3' : '2',
    namespace: schema.namespace,
    xsdPath: schema.xsdPath,
  };
}
