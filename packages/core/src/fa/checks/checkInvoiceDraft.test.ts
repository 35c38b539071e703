import { advance, correction, settlement, simplified, vatMixedRates } from '../render/__fixtures__/invoiceDrafts.js';
import type { InvoiceDraft } from '../model/InvoiceDraft.js';
import { checkInvoiceDraft } from './checkInvoiceDraft.js';

const now = new Date('2026-02-10T09:30:00Z');
const errorsOf = (draft: InvoiceDraft, form: 'FA (2)' | 'FA (3)' = 'FA (3)') =>
  checkInvoiceDraft(draft, { now, form }).filter((i) => i.severity === 'error');
const pathsOf = (draft: InvoiceDraft, form?: 'FA (2)' | 'FA (3)') => errorsOf(draft, form).map((i) => i.path);

describe('checkInvoiceDraft', () => {
  it('passes the golden scenarios', () => {
    for (const draft of [vatMixedRates, correction, advance, settlement, simplified]) expect(errorsOf(draft)).toEqual([]);
  });

  it('names NIP fields with a wrong check digit', () => {
    const draft: InvoiceDraft = {
      ...vatMixedRates,
      seller: { ...vatMixedRates.seller, nip: '9510001116' },
      buyer: { ...vatMixedRates.buyer, id: { nip: '777111222' } },
    };
    const errors = errorsOf(draft);
    expect(errors.map((e) => e.path)).toEqual(['seller.nip', 'buyer.id.nip']);
    expect(errors[0]?.message).toMatch(/check digit/);
    expect(errors[1]?.message).toMatch(/exactly 10 digits/);
  });

  it('checks the NIP inside an internal identifier', () => {
    const draft: InvoiceDraft = { ...vatMixedRates, thirdParties: [{ id: { internalId: '7771112227-00001' }, name: 'X', role: 'recipient' }] };
    expect(errorsOf(draft)).toEqual([{ path: 'thirdParties[0].id.internalId', severity: 'error', message: expect.stringMatching(/check digit/) }]);
  });

  it('rejects an issue date in the future (Warsaw calendar day)', () => {
    // 23:30 UTC on 10 Feb is already 11 Feb in Warsaw.
    const late = new Date('2026-02-10T23:30:00Z');
    expect(checkInvoiceDraft({ ...vatMixedRates, issueDate: '2026-02-11' }, { now: late }).filter((i) => i.severity === 'error')).toEqual([]);
    const errors = errorsOf({ ...vatMixedRates, issueDate: '2026-02-11' });
    expect(errors).toEqual([{ path: 'issueDate', severity: 'error', message: expect.stringMatching(/in the future .*2026-02-10/) }]);
  });

  it('rejects malformed dates and warns on a sale far after the issue', () => {
    expect(pathsOf({ ...vatMixedRates, issueDate: '2026-02-30' })).toEqual(['issueDate']);
    const issues = checkInvoiceDraft({ ...vatMixedRates, saleDate: '2026-06-01' }, { now });
    expect(issues).toEqual([{ path: 'saleDate', severity: 'warning', message: expect.stringMatching(/60 days/) }]);
  });

  it('names the line and field of bad amounts and rates', () => {
    const draft: InvoiceDraft = {
      ...vatMixedRates,
      lines: [
        { description: 'a', netValue: '1 234,50', vatRate: '23' },
        { description: 'b', netValue: '10.005', vatRate: '23' },
        { description: 'c', netValue: '10.00', vatRate: '19' as never },
        { description: 'd', vatRate: '23' },
      ],
    };
    const errors = errorsOf(draft);
    expect(errors.map((e) => e.path)).toEqual(['lines[0].netValue', 'lines[1].netValue', 'lines[2].vatRate', 'lines[3].netValue']);
    expect(errors[0]?.message).toMatch(/not a plain decimal/);
    expect(errors[1]?.message).toMatch(/3 decimal places/);
    expect(errors[2]?.message).toMatch(/not an FA rate/);
    expect(errors[3]?.message).toMatch(/give netValue, or quantity and unitPriceNet/);
  });

  it('accepts the largest amount FA takes (16 + 2 digits) and refuses one digit more', () => {
    const line = (netValue: string) => ({ description: 'x', netValue, vatRate: '23' as const });
    expect(pathsOf({ ...vatMixedRates, lines: [line('9999999999999999.99'), line('-0.01')] })).not.toContain('lines[0].netValue');
    expect(pathsOf({ ...vatMixedRates, lines: [line('10000000000000000.00')] })).toContain('lines[0].netValue');
  });

  it('requires the legal basis of an exemption', () => {
    const { annotations: _dropped, ...draft } = vatMixedRates;
    expect(errorsOf(draft)).toEqual([{ path: 'annotations.exemption', severity: 'error', message: expect.stringMatching(/legal basis/) }]);
  });

  it('requires what each kind needs', () => {
    const { correction: _c, ...kor } = correction;
    expect(pathsOf(kor)).toEqual(['correction']);
    const { advance: _a, ...zal } = advance;
    expect(pathsOf(zal)).toEqual(['advance']);
    const { settlement: _s, ...roz } = settlement;
    expect(pathsOf(roz)).toEqual(['settlement']);
    expect(pathsOf({ ...vatMixedRates, lines: [], additionalInfo: [] })).toEqual(['lines']);
    expect(pathsOf({ ...vatMixedRates, buyer: { id: { nip: '7771112226' } } })).toEqual(['buyer.name', 'buyer.address']);
    expect(pathsOf({ ...simplified, buyer: { id: { nip: '7771112226' } } })).toEqual([]);
  });

  it('checks a corrected invoice\'s KSeF number', () => {
    const draft: InvoiceDraft = {
      ...correction,
      correction: { corrected: [{ issueDate: '2026-01-15', number: 'FV/1', ksefNumber: '9510001115-20260115-0A1B2C3D4E5F-00' }] },
    };
    expect(pathsOf(draft)).toEqual(['correction.corrected[0].ksefNumber']);
  });

  it('refuses before-lines outside corrections and mixed pricing', () => {
    const draft: InvoiceDraft = {
      ...vatMixedRates,
      annotations: undefined,
      lines: [
        { description: 'a', netValue: '1.00', vatRate: '23', before: true },
        { description: 'b', grossValue: '1.23', vatRate: '23' },
      ],
    };
    expect(pathsOf(draft)).toEqual(['lines[0].before', 'lines[1].grossValue']);
  });

  it('needs an exchange rate for taxed foreign-currency invoices', () => {
    expect(errorsOf({ ...vatMixedRates, currency: 'EUR' })).toEqual([
      { path: 'exchangeRate', severity: 'error', message: expect.stringMatching(/in EUR with taxed lines/) },
    ]);
  });

  it('reports source totals off by more than 0.01 with both values', () => {
    const errors = errorsOf({ ...vatMixedRates, sourceTotals: { vatByRate: { '1': '367.05' } } });
    expect(errors).toEqual([{ path: 'sourceTotals.vatByRate.1', severity: 'error', message: 'P_14_1: the source says 367.05 but the lines give 367.00 (difference over 0.01); fix the source totals or the lines' }]);
  });

  it('insists on split payment where annex 15 requires it', () => {
    const draft: InvoiceDraft = {
      ...vatMixedRates,
      annotations: undefined,
      lines: [{ description: 'Telefony', netValue: '20000.00', vatRate: '23', annex15: true }],
      payment: { splitPayment: false },
    };
    expect(pathsOf(draft)).toEqual(['payment.splitPayment']);
  });

  it('refuses characters KSeF rejects and empty strings', () => {
    const draft: InvoiceDraft = { ...vatMixedRates, issuePlace: 'War\u0007szawa', buyer: { ...vatMixedRates.buyer, customerNumber: ' ' } };
    expect(pathsOf(draft)).toEqual(['issuePlace', 'buyer.customerNumber']);
  });

  it('knows what FA(2) lacks', () => {
    const draft: InvoiceDraft = {
      ...vatMixedRates,
      thirdParties: [{ id: { nip: '5840003339' }, name: 'Pracownik', role: 'employee' }],
      payment: { dueDates: [{ relative: { count: 14, unit: 'dni', from: 'od doręczenia' } }] },
    };
    expect(pathsOf(draft, 'FA (2)')).toEqual(['thirdParties[0].role', 'thirdParties[0].address', 'payment.dueDates[0].date']);
    expect(pathsOf(draft, 'FA (3)')).toEqual([]);
  });
});
