import type { InvoiceDraft } from '../model/InvoiceDraft.js';
import type { InvoiceLine } from '../model/InvoiceLine.js';
import { computeInvoiceTotals } from './computeInvoiceTotals.js';

const base: InvoiceDraft = {
  kind: 'VAT',
  number: 'T/1',
  issueDate: '2026-02-10',
  seller: { nip: '9510001115', name: 'S', address: { countryCode: 'PL', line1: 'x' } },
  buyer: { id: { nip: '7771112226' }, name: 'B', address: { countryCode: 'PL', line1: 'y' } },
  lines: [],
};
const draft = (lines: InvoiceLine[], extra: Partial<InvoiceDraft> = {}): InvoiceDraft => ({ ...base, lines, ...extra });

describe('computeInvoiceTotals', () => {
  it('taxes the summed net per rate, not each line (half-up to 0.01)', () => {
    // Each line's tax would be 0.0023 → 0.00; the sum 100 × 0.01 = 1.00 at 23% is 0.23.
    const lines = Array.from({ length: 100 }, (): InvoiceLine => ({ description: 'x', netValue: '0.01', vatRate: '23' }));
    const { totals } = computeInvoiceTotals(draft(lines));
    expect(totals.netByRate['1']).toBe('1.00');
    expect(totals.vatByRate['1']).toBe('0.23');
    expect(totals.grossTotal).toBe('1.23');
  });

  it('rounds an exact half cent up', () => {
    // 0.50 × 5% = 0.025 → 0.03; 1.50 × 23% = 0.345 → 0.35
    const { totals } = computeInvoiceTotals(draft([
      { description: 'a', netValue: '0.50', vatRate: '5' },
      { description: 'b', netValue: '1.50', vatRate: '23' },
    ]));
    expect(totals.vatByRate['3']).toBe('0.03');
    expect(totals.vatByRate['1']).toBe('0.35');
  });

  it('sums 10 000 lines exactly', () => {
    const lines = Array.from({ length: 10000 }, (_, i): InvoiceLine => ({ description: 'x', netValue: i % 2 ? '0.10' : '0.20', vatRate: '8' }));
    const { totals } = computeInvoiceTotals(draft(lines));
    expect(totals.netByRate['2']).toBe('1500.00');
    expect(totals.vatByRate['2']).toBe('120.00');
    expect(totals.grossTotal).toBe('1620.00');
  });

  it('derives tax from the summed gross for gross-priced lines: gross × rate / (100 + rate)', () => {
    const { totals, pricing } = computeInvoiceTotals(draft([
      { description: 'a', grossValue: '100.00', vatRate: '23' },
      { description: 'b', grossValue: '23.00', vatRate: '23' },
    ]));
    expect(pricing).toBe('gross');
    // 123.00 × 23 / 123 = 23.00 exactly; net is the rest.
    expect(totals.vatByRate['1']).toBe('23.00');
    expect(totals.netByRate['1']).toBe('100.00');
    expect(totals.grossTotal).toBe('123.00');
  });

  it('keeps 23% and 22% (and 8%/7%) apart for the tax, together in the bucket', () => {
    const { totals } = computeInvoiceTotals(draft([
      { description: 'a', netValue: '0.02', vatRate: '23' }, // 0.0046 → 0.00
      { description: 'b', netValue: '0.03', vatRate: '22' }, // 0.0066 → 0.01
    ]));
    expect(totals.netByRate['1']).toBe('0.05');
    expect(totals.vatByRate['1']).toBe('0.01');
  });

  it('computes a missing line value from quantity × price and notes it', () => {
    const result = computeInvoiceTotals(draft([{ description: 'a', quantity: '3', unitPriceNet: '0.335', vatRate: '23' }]));
    expect(result.lineValues).toEqual(['1.01']); // 1.005 → 1.01
    expect(result.notes).toEqual(['lines[0]: P_11 computed as quantity × unit price = 1.01']);
  });

  it('subtracts before-lines on a correction, taxing each side', () => {
    const { totals } = computeInvoiceTotals(draft([
      { description: 'a', netValue: '10.01', vatRate: '23', before: true }, // tax 2.3023 → 2.30
      { description: 'a', netValue: '10.03', vatRate: '23' }, // tax 2.3069 → 2.31
    ], { kind: 'KOR' }));
    expect(totals.netByRate['1']).toBe('0.02');
    expect(totals.vatByRate['1']).toBe('0.01'); // 2.31 − 2.30, not round(0.02 × 23%) = 0.00
    expect(totals.grossTotal).toBe('0.03');
  });

  it('converts the tax of a foreign-currency invoice to PLN (P_14_xW), half-up', () => {
    const { totals } = computeInvoiceTotals(draft([{ description: 'a', netValue: '100.00', vatRate: '23' }], { currency: 'EUR', exchangeRate: '4.3215' }));
    expect(totals.vatByRate['1']).toBe('23.00');
    expect(totals.vatByRatePln['1']).toBe('99.39'); // 23 × 4.3215 = 99.3945
  });

  describe('source totals', () => {
    const lines: InvoiceLine[] = [
      { description: 'a', netValue: '33.33', vatRate: '23' },
      { description: 'b', netValue: '33.33', vatRate: '23' },
      { description: 'c', netValue: '33.33', vatRate: '23' },
    ]; // ours: net 99.99, tax 23.00 (22.9977); an ERP rounding per line says 7.67 × 3 = 23.01

    it('keeps a source value within 0.01 and notes it', () => {
      const result = computeInvoiceTotals(draft(lines, { sourceTotals: { vatByRate: { '1': '23.01' }, grossTotal: '123.01' } }));
      expect(result.mismatches).toEqual([]);
      expect(result.totals.vatByRate['1']).toBe('23.01');
      // P_15 is compared with the sum of the kept buckets: 99.99 + 23.01 = 123.00.
      expect(result.totals.grossTotal).toBe('123.01');
      expect(result.notes).toEqual([
        "P_14_1: kept the source's 23.01 (computed 23.00, within 0.01)",
        "P_15: kept the source's 123.01 (computed 123.00, within 0.01)",
      ]);
    });

    it('reports a larger difference with both values', () => {
      const result = computeInvoiceTotals(draft(lines, { sourceTotals: { netByRate: { '1': '100.00' }, vatByRate: { '1': '23.02' } } }));
      expect(result.mismatches).toEqual([
        { field: 'P_14_1', path: 'sourceTotals.vatByRate.1', ours: '23.00', source: '23.02' },
      ]);
      // net 100.00 vs 99.99 is within 0.01: kept.
      expect(result.totals.netByRate['1']).toBe('100.00');
    });

    it('reports a source bucket we do not have', () => {
      const result = computeInvoiceTotals(draft(lines, { sourceTotals: { netByRate: { '7': '5.00' } } }));
      expect(result.mismatches).toEqual([{ field: 'P_13_7', path: 'sourceTotals.netByRate.7', ours: '0.00', source: '5.00' }]);
    });
  });

  it('splits an advance over the order rates in proportion to gross, the parts adding up', () => {
    const { totals } = computeInvoiceTotals(draft([], {
      kind: 'ZAL',
      advance: {
        amount: '1000.00',
        order: { lines: [
          { netValue: '100.00', vatRate: '23' }, // gross 123
          { netValue: '100.00', vatRate: '8' }, // gross 108
          { netValue: '100.00', vatRate: 'zw' }, // gross 100
        ] },
      },
    }));
    // shares: 1000 × 123/331 = 371.60, 1000 × 108/331 = 326.28, rest 302.12
    expect(totals.netByRate['1']).toBe('302.11'); // 371.60 − 69.49
    expect(totals.vatByRate['1']).toBe('69.49');
    expect(totals.netByRate['2']).toBe('302.11'); // 326.28 − 24.17
    expect(totals.vatByRate['2']).toBe('24.17');
    expect(totals.netByRate['7']).toBe('302.12');
    expect(totals.grossTotal).toBe('1000.00');
  });
});
