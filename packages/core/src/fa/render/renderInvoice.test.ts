import { Container } from 'inversify';
import { XMLParser } from 'fast-xml-parser';
import { coreModule } from '../../coreModule.js';
import { coreTokens } from '../../coreTokens.js';
import type { Clock } from '../../time/Clock.js';
import { isKsefError } from '../../errors/KsefError.js';
import type { InvoiceDraft } from '../model/InvoiceDraft.js';
import { goldenNow, simplified, vatMixedRates } from './__fixtures__/invoiceDrafts.js';
import { InvoiceDraftError } from './InvoiceDraftError.js';
import { InvoiceRenderer } from './InvoiceRenderer.js';
import { RenderedInvoiceInvalidError } from './RenderedInvoiceInvalidError.js';
import { renderInvoice } from './renderInvoice.js';

const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false, parseAttributeValue: false, isArray: (name) => ['FaWiersz', 'DodatkowyOpis', 'Podmiot3'].includes(name) });

interface ParsedFa {
  Faktura: {
    Podmiot2: Record<string, unknown>;
    Fa: Record<string, unknown> & { FaWiersz: { P_12?: string }[]; DodatkowyOpis: { Wartosc: string }[] };
  };
}

describe('renderInvoice', () => {
  it('writes UTF-8 without a BOM, and bytes equal to the text', () => {
    const { xml, bytes } = renderInvoice(simplified, { now: goldenNow });
    expect(bytes[0]).toBe(0x3c); // '<', no EF BB BF
    expect(new TextDecoder().decode(bytes)).toBe(xml);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<Faktura xmlns="http://crd.gov.pl/wzor/2025/06/25/13775/">')).toBe(true);
  });

  it('escapes markup in text so it reads back unchanged', () => {
    const { xml } = renderInvoice(vatMixedRates, { now: goldenNow });
    const parsed = parser.parse(xml) as ParsedFa;
    expect(parsed.Faktura.Fa.DodatkowyOpis[1]?.Wartosc).toBe('Dostawa <pilna> & ubezpieczona');
    expect(xml).toContain('Dostawa &lt;pilna&gt; &amp; ubezpieczona');
  });

  it('writes FA(2)\'s plain 0 and np while keeping the buckets apart, and no JST/GV', () => {
    const { xml, report } = renderInvoice(vatMixedRates, { form: 'FA (2)', now: goldenNow });
    const parsed = parser.parse(xml) as ParsedFa;
    const rates = parsed.Faktura.Fa.FaWiersz.map((l) => l.P_12);
    expect(rates).toEqual(['23', '22', '5', '8', '7', '4', '3', '0', '0', '0', 'zw', 'oo', 'np', 'np']);
    expect(parsed.Faktura.Fa).toMatchObject({ P_13_6_1: '500.00', P_13_6_2: '200.00', P_13_6_3: '150.50', P_13_8: '250.00', P_13_9: '400.00' });
    expect(parsed.Faktura.Podmiot2).not.toHaveProperty('JST');
    expect(report.form).toBe('FA (2)');
    expect(xml).toContain('<KodFormularza kodSystemowy="FA (2)" wersjaSchemy="1-0E">FA</KodFormularza>');
    expect(xml).toContain('<WariantFormularza>2</WariantFormularza>');
  });

  it('reports the derived annotations', () => {
    const { report } = renderInvoice(vatMixedRates, { now: goldenNow });
    expect(report.annotations).toMatchObject({ reverseCharge: true, exempt: true, splitPayment: false, margin: undefined });
  });

  it('keeps source totals within 0.01 and says so in the report', () => {
    const draft: InvoiceDraft = { ...simplified, sourceTotals: { vatByRate: { '1': '18.69' }, grossTotal: '99.99' } };
    const { xml, report } = renderInvoice(draft, { now: goldenNow });
    expect(xml).toContain('<P_14_1>18.69</P_14_1>');
    expect(xml).toContain('<P_15>99.99</P_15>');
    expect(report.notes).toEqual(["P_14_1: kept the source's 18.69 (computed 18.70, within 0.01)"]);
  });

  it('refuses a source total off by more than 0.01, showing both values', () => {
    const draft: InvoiceDraft = { ...simplified, sourceTotals: { grossTotal: '100.02' } };
    expect(() => renderInvoice(draft, { now: goldenNow })).toThrow(
      /sourceTotals\.grossTotal: P_15: the source says 100\.02 but the lines give 100\.00/,
    );
  });

  it('throws InvoiceDraftError naming the fields, before writing anything', () => {
    const draft: InvoiceDraft = { ...simplified, lines: [{ description: 'x', netValue: '1.00', vatRate: 'zw' }] };
    let caught: unknown;
    try {
      renderInvoice(draft, { now: goldenNow });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvoiceDraftError);
    expect(isKsefError(caught, 'invoice.invalid')).toBe(true);
    const error = caught as InvoiceDraftError;
    expect(error.recovery).toBe('skip');
    expect(error.issues.map((i) => i.path)).toEqual(['annotations.exemption']);
    expect(error.message).toMatch(/^Invoice PAR\/2026\/02\/0815 was not rendered: 1 error\(s\)/);
  });

  it('validates its output and throws RenderedInvoiceInvalidError when the XSD says no', () => {
    // The draft checks do not limit P_1M's length; the XSD's TZnakowy does (256).
    const draft: InvoiceDraft = { ...simplified, issuePlace: 'W'.repeat(300) };
    let caught: unknown;
    try {
      renderInvoice(draft, { now: goldenNow });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(RenderedInvoiceInvalidError);
    const error = caught as RenderedInvoiceInvalidError;
    expect(error.errors.map((e) => e.path)).toEqual(['/Faktura/Fa/P_1M']);
    expect(error.xml).toContain('<P_1M>WWW');
  });

  it('refuses a creation time before FA(3) existed', () => {
    expect(() => renderInvoice({ ...simplified, issueDate: '2025-08-01' }, { now: new Date('2025-08-02T00:00:00Z') })).toThrow(RenderedInvoiceInvalidError);
  });
});

describe('InvoiceRenderer', () => {
  it('is bound in coreModule and uses the injected clock', () => {
    const container = new Container();
    container.load(coreModule);
    const clock: Clock = { now: () => new Date('2026-02-11T08:00:00Z'), sleep: () => Promise.resolve() };
    container.rebind(coreTokens.Clock).toConstantValue(clock);
    const renderer = container.get<InvoiceRenderer>(coreTokens.InvoiceRenderer);
    const { xml } = renderer.render(simplified);
    expect(xml).toContain('<DataWytworzeniaFa>2026-02-11T08:00:00Z</DataWytworzeniaFa>');
  });
});
