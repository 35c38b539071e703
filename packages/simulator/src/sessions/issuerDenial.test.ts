import type { ApiSchema } from '@ksef-connect/spec';
import { TestClient, uniqueInvoiceNumber } from '../__fixtures__/TestClient.js';
import { sampleInvoice } from '../domain/__fixtures__/invoiceTemplates.js';
import { SimulatorClock } from '../domain/SimulatorClock.js';
import { startSimulator, type RunningSimulator } from '../startSimulator.js';

/** Another checksum-valid NIP: the seller the sample context is not. */
const otherSeller = '5265877635';

/** The official FA(3) sample: `seller` in Podmiot1, `buyer` in Podmiot2, optionally a PodmiotUpowazniony. */
function invoice(seller: string, buyer: string, authorized?: { nip: string; rolaPU: 1 | 2 | 3 }): Buffer {
  let xml = sampleInvoice('fa3', { nip: seller, invoice_number: uniqueInvoiceNumber() }).toString('utf8');
  xml = xml.replace('<NIP>1111111111</NIP>', `<NIP>${buyer}</NIP>`);
  if (authorized !== undefined) {
    xml = xml.replace('<Fa>', [
      '<PodmiotUpowazniony><DaneIdentyfikacyjne>',
      `<NIP>${authorized.nip}</NIP><Nazwa>Podmiot upoważniony</Nazwa>`,
      '</DaneIdentyfikacyjne><Adres><KodKraju>PL</KodKraju><AdresL1>ul. Prosta 1</AdresL1></Adres>',
      `<RolaPU>${authorized.rolaPU}</RolaPU></PodmiotUpowazniony><Fa>`,
    ].join(''));
  }
  return Buffer.from(xml, 'utf8');
}

describe('an invoice for a seller other than the context ends in 410 unless a permission allows it', () => {
  const clock = SimulatorClock.frozen('2026-03-10T10:00:00Z');
  let sim: RunningSimulator;
  let client: TestClient;
  let nip: string;

  beforeAll(async () => {
    sim = await startSimulator({ clock, seed: 'issuer-permissions', limits: 'off', accessTokenTtlSeconds: 24 * 3600 });
    client = new TestClient(sim);
    nip = sim.sample.nip;
    await client.login();
  });
  afterAll(() => sim.close());

  const outcome = async (xml: Buffer): Promise<ApiSchema<'SessionInvoiceStatusResponse'>['status']> => {
    const session = await client.openSession();
    const sent = await client.sendInvoice(session, xml);
    expect(sent.status).toBe(202);
    return (await client.invoiceOutcome(session.reference, sent.body.referenceNumber)).body.status;
  };

  it('refuses a foreign seller with 410 "Nieprawidłowy zakres uprawnień", naming context and seller', async () => {
    expect(await outcome(invoice(otherSeller, '1111111111'))).toEqual({
      code: 410,
      description: 'Nieprawidłowy zakres uprawnień',
      details: [`Kontekst Nip ${nip} nie ma uprawnień do wystawienia faktury w imieniu sprzedawcy ${otherSeller} (Podmiot1).`],
    });
    // Its own NIP as seller is fine.
    expect((await outcome(invoice(nip, '1111111111'))).code).toBe(200);
  });

  it('self-billing: the buyer context may issue for a seller who granted it SelfInvoicing', async () => {
    // Without the grant the buyer is refused; a grant to someone else does not help.
    expect((await outcome(invoice(otherSeller, nip))).code).toBe(410);
    sim.control.grantPermissions({ context: { type: 'Nip', value: otherSeller }, subject: { type: 'Nip', value: '1111111111' }, permissions: ['SelfInvoicing'] });
    expect((await outcome(invoice(otherSeller, nip))).code).toBe(410);
    sim.control.grantPermissions({ context: { type: 'Nip', value: otherSeller }, subject: { type: 'Nip', value: nip }, permissions: ['SelfInvoicing'] });
    expect((await outcome(invoice(otherSeller, nip))).code).toBe(200);
    // SelfInvoicing is for the buyer only: the same context named nowhere on the invoice is refused.
    expect((await outcome(invoice(otherSeller, '1111111111'))).code).toBe(410);
  });

  it('tax representative: PodmiotUpowazniony with RolaPU 3 and the seller\'s TaxRepresentative grant', async () => {
    const seller = '7980332920';
    expect((await outcome(invoice(seller, '1111111111', { nip, rolaPU: 3 }))).code).toBe(410);
    sim.control.grantPermissions({ context: { type: 'Nip', value: seller }, subject: { type: 'Nip', value: nip }, permissions: ['TaxRepresentative'] });
    expect((await outcome(invoice(seller, '1111111111', { nip, rolaPU: 3 }))).code).toBe(200);
    // The grant does not stand in for the role on the invoice.
    expect((await outcome(invoice(seller, '1111111111'))).code).toBe(410);
  });

  it('enforcement: a session with EnforcementOperations issuing as PodmiotUpowazniony RolaPU 2 (komornik)', async () => {
    const seller = '1234563218';
    // The sample token holds EnforcementOperations (every token permission).
    expect((await outcome(invoice(seller, '1111111111', { nip, rolaPU: 2 }))).code).toBe(200);
    const writer = sim.control.createKsefToken({ nip, permissions: ['InvoiceWrite'] });
    const plain = new TestClient(sim);
    await plain.login(nip, writer.token);
    const session = await plain.openSession();
    const sent = await plain.sendInvoice(session, invoice(seller, '1111111111', { nip, rolaPU: 2 }));
    expect((await plain.invoiceOutcome(session.reference, sent.body.referenceNumber)).body.status.code).toBe(410);
  });
});
