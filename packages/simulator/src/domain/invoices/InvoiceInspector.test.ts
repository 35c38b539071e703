import { sampleInvoice } from '../__fixtures__/invoiceTemplates.js';
import { KsefNumberFactory } from '../ids/KsefNumberFactory.js';
import { parseKsefNumber } from '../ids/KsefNumber.js';
import { SimulatorClock } from '../SimulatorClock.js';
import { DuplicateRegistry } from './DuplicateRegistry.js';
import { InvoiceInspector, type FormCode } from './InvoiceInspector.js';
import { isNipChecksumValid } from './nipChecksum.js';

const fa3: FormCode = { systemCode: 'FA (3)', schemaVersion: '1-0E', value: 'FA' };
const fa2: FormCode = { systemCode: 'FA (2)', schemaVersion: '1-0E', value: 'FA' };
const faRr: FormCode = { systemCode: 'FA_RR (1)', schemaVersion: '1-1E', value: 'FA_RR' };
const pef: FormCode = { systemCode: 'PEF (3)', schemaVersion: '2-1', value: 'PEF' };
const seller = '5265877635';
const acceptedAt = new Date('2026-03-10T10:00:00Z');

function setup(strictness: 'test' | 'prd' = 'test', attachmentsAllowed?: (nip: string) => boolean) {
  const clock = SimulatorClock.frozen(acceptedAt);
  const duplicates = new DuplicateRegistry();
  return { clock, duplicates, inspector: new InvoiceInspector({ clock, duplicates, strictness, ...(attachmentsAllowed ? { attachmentsAllowed } : {}) }) };
}

describe('InvoiceInspector', () => {
  it('accepts the official FA(3) sample and reads its facts', () => {
    const { inspector } = setup();
    const result = inspector.inspect({ xml: sampleInvoice('fa3', { nip: seller, invoice_number: '1' }), formCode: fa3, sessionKind: 'online', acceptedAt });
    expect(result).toEqual({
      ok: true,
      facts: { sellerNip: seller, invoiceKind: 'VAT', invoiceNumber: 'FA/GRQMB-1/05/2025', issueDate: '2025-09-01', hasAttachment: false },
    });
  });

  it('reads FA(2), FA_RR(1) and PEF(3) facts', () => {
    const { inspector } = setup();
    const a = inspector.inspect({ xml: sampleInvoice('fa2', { nip: seller, invoice_number: '2' }), formCode: fa2, sessionKind: 'batch', acceptedAt });
    expect(a.ok && a.facts).toMatchObject({ sellerNip: seller, invoiceKind: 'VAT', invoiceNumber: 'FA/GRQMB-2/05/2025' });
    const b = inspector.inspect({ xml: sampleInvoice('faRr1', { nip: seller, buyer_nip: '1111111111', invoice_number: 'RR/7' }), formCode: faRr, sessionKind: 'batch', acceptedAt });
    expect(b.ok && b.facts).toMatchObject({ sellerNip: seller, invoiceKind: 'VAT_RR', invoiceNumber: 'RR/7', issueDate: '2026-02-23' });
    const c = inspector.inspect({
      xml: sampleInvoice('pef3', { supplier_nip: seller, buyer_nip: '1111111111', buyer_reference: 'REF', iban: 'PL61109010140000071219812874', invoice_number: 'P/1', issue_date: '2026-03-01', due_date: '2026-03-31' }),
      formCode: pef, sessionKind: 'online', acceptedAt,
    });
    if (!c.ok) throw new Error(JSON.stringify(c.status));
    expect(c.facts).toMatchObject({ invoiceKind: 'Invoice', invoiceNumber: 'P/1', issueDate: '2026-03-01' });
    expect(c.facts.sellerNip).toContain(seller);
  });

  it('rejects an XSD-invalid invoice, another form, a BOM and a processing instruction with 430', () => {
    const { inspector } = setup();
    const valid = sampleInvoice('fa3', { nip: seller, invoice_number: '3' }).toString('utf8');
    const cases: Array<[Buffer, FormCode]> = [
      [Buffer.from(valid.replace('<P_2>', '<P_2x>').replace('</P_2>', '</P_2x>')), fa3],
      [Buffer.from(valid), fa2],
      [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(valid)]), fa3],
      [Buffer.from(valid.replace('<Naglowek>', '<?pi data?><Naglowek>')), fa3],
      [Buffer.from(valid.replace('encoding="UTF-8"', 'encoding="ISO-8859-2"')), fa3],
      [Buffer.from(valid.replace('Elektrownia S.A.', 'Elektrownia\u0080S.A.')), fa3],
      [Buffer.from('<Faktura'), fa3],
    ];
    for (const [xml, formCode] of cases) {
      const result = inspector.inspect({ xml, formCode, sessionKind: 'online', acceptedAt });
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.status).toMatchObject({ code: 430, description: 'Błąd weryfikacji pliku faktury' });
        expect(result.status.details?.length).toBeGreaterThan(0);
      }
    }
  });

  it('rejects an attachment in an online session (415) but accepts it in batch unless consent is missing', () => {
    const xml = sampleInvoice('fa3WithAttachment', { nip: seller, invoice_number: '4' });
    const online = setup().inspector.inspect({ xml, formCode: fa3, sessionKind: 'online', acceptedAt });
    expect(!online.ok && online.status).toMatchObject({ code: 415, description: 'Brak możliwości wysyłania faktury z załącznikiem' });
    const batch = setup().inspector.inspect({ xml, formCode: fa3, sessionKind: 'batch', acceptedAt });
    expect(batch.ok && batch.facts.hasAttachment).toBe(true);
    expect(setup().inspector.inspect({ xml, formCode: fa3, sessionKind: 'online', acceptedAt, technicalCorrection: true }).ok).toBe(true);
    const noConsent = setup('test', () => false).inspector.inspect({ xml, formCode: fa3, sessionKind: 'batch', acceptedAt });
    expect(!noConsent.ok && noConsent.status.code).toBe(415);
  });

  it('rejects an issue date after the Warsaw day of acceptance with 450', () => {
    const { inspector } = setup();
    const future = Buffer.from(sampleInvoice('fa3', { nip: seller, invoice_number: '5' }).toString('utf8').replace('<P_1>2025-09-01</P_1>', '<P_1>2026-03-11</P_1>'));
    const result = inspector.inspect({ xml: future, formCode: fa3, sessionKind: 'online', acceptedAt });
    expect(!result.ok && result.status).toMatchObject({ code: 450, description: 'Błąd weryfikacji semantyki dokumentu faktury' });
    // 23:30 UTC on the 10th is already the 11th in Warsaw
    expect(inspector.inspect({ xml: future, formCode: fa3, sessionKind: 'online', acceptedAt: new Date('2026-03-10T23:30:00Z') }).ok).toBe(true);
  });

  it('checks NIP checksums only in prd mode', () => {
    const badNip = '5265877636';
    expect(isNipChecksumValid(seller)).toBe(true);
    expect(isNipChecksumValid(badNip)).toBe(false);
    const xml = sampleInvoice('fa3', { nip: badNip, invoice_number: '6' });
    expect(setup('test').inspector.inspect({ xml, formCode: fa3, sessionKind: 'online', acceptedAt }).ok).toBe(true);
    const prd = setup('prd').inspector.inspect({ xml, formCode: fa3, sessionKind: 'online', acceptedAt });
    expect(!prd.ok && prd.status.code).toBe(450);
  });

  it('assigns a KSeF number on acceptance and reports a later duplicate with 440 and its extensions', () => {
    const { inspector } = setup();
    const ksefNumbers = new KsefNumberFactory('t');
    const xml = sampleInvoice('fa3', { nip: seller, invoice_number: '7' });
    const first = inspector.accept({ xml, formCode: fa3, sessionKind: 'online', acceptedAt, sessionReferenceNumber: 'SESSION-A', ksefNumbers });
    if (!first.ok) throw new Error('first must pass');
    expect(parseKsefNumber(first.ksefNumber)).toBe(first.ksefNumber);
    expect(first.ksefNumber.startsWith(`${seller}-20260310-`)).toBe(true);
    const second = inspector.accept({ xml, formCode: fa3, sessionKind: 'batch', acceptedAt, sessionReferenceNumber: 'SESSION-B', ksefNumbers });
    expect(second.ok).toBe(false);
    if (second.ok) return;
    expect(second.status).toEqual({
      code: 440,
      description: 'Duplikat faktury',
      details: [`Duplikat faktury. Faktura o numerze KSeF: ${first.ksefNumber} została już prawidłowo przesłana do systemu w sesji: SESSION-A`],
      extensions: { originalSessionReferenceNumber: 'SESSION-A', originalKsefNumber: first.ksefNumber },
    });
    expect(second.facts?.invoiceNumber).toBe('FA/GRQMB-7/05/2025');
  });

  it('hands the parties to issuerDenial and fails with 410 when it objects, before the duplicate check', () => {
    const { inspector } = setup();
    const xml = sampleInvoice('fa3', { nip: seller, invoice_number: '410' }).toString('utf8').replace('<Fa>', [
      '<Podmiot3><DaneIdentyfikacyjne><NIP>7980332920</NIP><Nazwa>Faktor</Nazwa></DaneIdentyfikacyjne><Rola>1</Rola></Podmiot3>',
      '<PodmiotUpowazniony><DaneIdentyfikacyjne><NIP>1234563218</NIP><Nazwa>Przedstawiciel</Nazwa></DaneIdentyfikacyjne>',
      '<Adres><KodKraju>PL</KodKraju><AdresL1>ul. Prosta 1</AdresL1></Adres><RolaPU>3</RolaPU></PodmiotUpowazniony><Fa>',
    ].join(''));
    const seen: unknown[] = [];
    const result = inspector.inspect({
      xml: Buffer.from(xml),
      formCode: fa3,
      sessionKind: 'online',
      acceptedAt,
      issuerDenial: (parties) => {
        seen.push(parties);
        return 'not yours';
      },
    });
    expect(seen).toEqual([{ sellerNip: seller, buyerNip: '1111111111', authorized: [{ nip: '1234563218', role: '3' }], thirdParties: [{ nip: '7980332920', role: '1' }] }]);
    expect(!result.ok && result.status).toEqual({ code: 410, description: 'Nieprawidłowy zakres uprawnień', details: ['not yours'] });
  });
});
