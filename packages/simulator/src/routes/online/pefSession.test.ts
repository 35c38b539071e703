import type { ApiSchema } from '@ksef-connect/spec';
import { conformanceErrors } from '../../__fixtures__/expectConformance.js';
import { TestClient, type Exchange } from '../../__fixtures__/TestClient.js';
import { sampleInvoice } from '../../domain/__fixtures__/invoiceTemplates.js';
import { SimulatorClock } from '../../domain/SimulatorClock.js';
import { startSimulator, type RunningSimulator } from '../../startSimulator.js';

const pef3 = { systemCode: 'PEF (3)', schemaVersion: '2-1', value: 'PEF' };
const pefKor3 = { systemCode: 'PEF_KOR (3)', schemaVersion: '2-1', value: 'PEF' };
const fa3 = { systemCode: 'FA (3)', schemaVersion: '1-0E', value: 'FA' };

describe('PEF sessions need the Peppol provider permission PefInvoiceWrite', () => {
  const clock = SimulatorClock.frozen('2026-03-10T10:00:00Z');
  const log: Exchange[] = [];
  let sim: RunningSimulator;
  let ordinary: TestClient;
  let peppol: TestClient;

  beforeAll(async () => {
    sim = await startSimulator({ clock, seed: 'pef-sessions', limits: 'off', accessTokenTtlSeconds: 24 * 3600 });
    ordinary = new TestClient(sim, log);
    await ordinary.login();
    peppol = new TestClient(sim, log);
    await peppol.login(sim.sample.nip, sim.control.createKsefToken({ nip: sim.sample.nip, permissions: ['PefInvoiceWrite'] }).token);
  });
  afterAll(() => sim.close());

  it('an ordinary context (InvoiceWrite) is refused a PEF (3) or PEF_KOR (3) session with 403 missing-permissions', async () => {
    for (const formCode of [pef3, pefKor3]) {
      const refused = await ordinary.openSession({ formCode });
      expect(refused.answer.status).toBe(403);
      expect(refused.answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(refused.answer.body).toMatchObject({
        status: 403,
        reasonCode: 'missing-permissions',
        security: { requiredAnyOfPermissions: ['PefInvoiceWrite'], presentPermissions: expect.arrayContaining(['InvoiceWrite']) as unknown },
      });
    }
  });

  it('a context holding PefInvoiceWrite opens a PEF session and sends a PEF invoice to 200, but no FA session', async () => {
    const session = await peppol.openSession({ formCode: pef3 });
    expect(session.answer.status).toBe(201);
    const xml = sampleInvoice('pef3', {
      supplier_nip: sim.sample.nip, buyer_nip: '1111111111', buyer_reference: 'REF', iban: 'PL61109010140000071219812874',
      invoice_number: 'PEF/1', issue_date: '2026-03-01', due_date: '2026-03-31',
    });
    const sent = await peppol.sendInvoice(session, xml);
    expect(sent.status).toBe(202);
    expect((await peppol.invoiceOutcome(session.reference, sent.body.referenceNumber)).body.status.code).toBe(200);
    // The ordinary writer of the same context may not send into (or close) the PEF session.
    const intruder = await ordinary.sendInvoice(session, xml);
    expect([intruder.status, (intruder.body as unknown as { reasonCode?: string }).reasonCode]).toEqual([403, 'missing-permissions']);
    expect((await ordinary.call('POST', `/sessions/online/${session.reference}/close`)).status).toBe(403);
    expect((await peppol.call('POST', `/sessions/online/${session.reference}/close`)).status).toBe(204);

    const fa = await peppol.openSession({ formCode: fa3 });
    expect(fa.answer.status).toBe(403);
    expect((fa.answer.body as unknown as ApiSchema<'ForbiddenProblemDetails'>).security).toMatchObject({ requiredAnyOfPermissions: ['InvoiceWrite', 'EnforcementOperations'] });
  });

  it('every exchange conforms to open-api.json', () => {
    expect(conformanceErrors(log)).toEqual({ errors: [], undocumented: [] });
  });
});
