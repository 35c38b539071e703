import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { invoiceXsdPath, xmllintErrors } from './xmllint.js';

const sample = readFileSync(fileURLToPath(new URL('../../examples/invoices/fa3-vat-invoice.xml', import.meta.url)), 'utf8');

describe('xmllintErrors (test support)', () => {
  it('accepts a valid FA(3) invoice given as text or bytes, resolving the crd.gov.pl imports', () => {
    expect(xmllintErrors(sample, invoiceXsdPath('FA (3)'))).toBe('');
    expect(xmllintErrors(new TextEncoder().encode(sample), invoiceXsdPath('FA (3)'))).toBe('');
  });

  it('returns the complaint for an invalid one', () => {
    const broken = sample.replace(/<P_2>[^<]*<\/P_2>/, '<P_2X>x</P_2X>');
    expect(broken).not.toBe(sample);
    expect(xmllintErrors(broken, invoiceXsdPath('FA (3)'))).toMatch(/P_2X.*not expected/);
  });

  it('fails to load the schema when an import cannot be resolved (no catalog rule, no network)', () => {
    expect(xmllintErrors(sample, invoiceXsdPath('FA (3)'), [{ uriPrefix: 'http://example.invalid/', localDir: path.sep }])).toMatch(
      /failed to load|Failed to|not a valid|Could not/i,
    );
  });
});
