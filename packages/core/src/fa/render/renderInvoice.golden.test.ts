import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { validateInvoice } from '../validation/validateInvoice.js';
import { goldenDrafts, goldenNow, vatMixedRates } from './__fixtures__/invoiceDrafts.js';
import { xmllintErrors } from '../../../../../test/support/xmllint.js';
import { faFormInfo, type FaForm } from './FaForm.js';
import { renderInvoice } from './renderInvoice.js';

// Golden files: the rendered XML of each scenario, committed. Regenerate after an intended change
// with `UPDATE_GOLDEN=1` (see package script `golden:update`) and review the diff.
const update = process.env.UPDATE_GOLDEN === '1';
const goldenPath = (name: string): string => fileURLToPath(new URL(`./__golden__/${name}.xml`, import.meta.url));

const cases: [string, string, FaForm][] = [
  ...Object.keys(goldenDrafts).map((name): [string, string, FaForm] => [name, `${name}.fa3`, 'FA (3)']),
  ['vat-mixed-rates', 'vat-mixed-rates.fa2', 'FA (2)'],
];

describe.each(cases)('golden %s → %s', (scenario, file, form) => {
  const draft = scenario === 'vat-mixed-rates' ? vatMixedRates : goldenDrafts[scenario];
  if (!draft) throw new Error(`no draft ${scenario}`);
  it('matches the committed golden file', () => {
    const { xml } = renderInvoice(draft, { form, now: goldenNow });
    if (update || !existsSync(goldenPath(file))) writeFileSync(goldenPath(file), xml);
    expect(xml).toBe(readFileSync(goldenPath(file), 'utf8'));
  });

  it('validates with xmllint against the XSD', () => {
    expect(xmllintErrors(readFileSync(goldenPath(file), 'utf8'), faFormInfo(form).xsdPath)).toBe('');
  });

  it('validates with core\'s InvoiceValidator (FA (2) under TEST rules, the only environment taking it)', () => {
    const result = validateInvoice(readFileSync(goldenPath(file)), { form, env: form === 'FA (2)' ? 'test' : 'prod', now: goldenNow });
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });
});
