import type { ApiSchema } from '@ksef-connect/spec';
import { fa3Invoice, TestClient } from '../__fixtures__/TestClient.js';
import { startSimulator, type RunningSimulator } from '../startSimulator.js';

describe('finishProcessing (slow processing, finished on demand)', () => {
  let sim: RunningSimulator;
  let client: TestClient;

  beforeAll(async () => {
    // Every stage lasts a million reads: nothing finishes by being read.
    sim = await startSimulator({ seed: 'finish-processing-test', config: { readsPerStage: 1_000_000, stageDelayMs: null } });
    client = new TestClient(sim);
    await client.login();
  });
  afterAll(() => sim.close());

  it('a closed online session reaches 200 with its KSeF numbers and UPOs at once (in-process)', async () => {
    const session = await client.openSession();
    const sent = await client.sendInvoice(session, fa3Invoice(sim.sample.nip));
    await client.call('POST', `/sessions/online/${session.reference}/close`);
    const before = await client.call<ApiSchema<'SessionStatusResponse'>>('GET', `/sessions/${session.reference}`);
    expect(before.body.status.code).toBe(170);

    sim.control.finishProcessing(session.reference);
    const after = await client.call<ApiSchema<'SessionStatusResponse'>>('GET', `/sessions/${session.reference}`);
    expect(after.body.status.code).toBe(200);
    expect(after.body.upo?.pages).toHaveLength(1);
    const invoice = await client.call<ApiSchema<'SessionInvoiceStatusResponse'>>('GET', `/sessions/${session.reference}/invoices/${sent.body.referenceNumber}`);
    expect(invoice.body.status.code).toBe(200);
    expect(invoice.body.ksefNumber).toMatch(new RegExp(`^${sim.sample.nip}-`));
  });

  it('an open session keeps its status while its invoices get their outcome (over HTTP); an unknown session is a 400', async () => {
    const session = await client.openSession();
    const sent = await client.sendInvoice(session, fa3Invoice(sim.sample.nip));
    const pending = await client.call<ApiSchema<'SessionInvoiceStatusResponse'>>('GET', `/sessions/${session.reference}/invoices/${sent.body.referenceNumber}`);
    expect(pending.body.status.code).toBe(100);

    const finish = await fetch(`${sim.controlUrl}/sessions/${session.reference}/finish`, { method: 'POST' });
    expect(finish.status).toBe(204);
    const invoice = await client.call<ApiSchema<'SessionInvoiceStatusResponse'>>('GET', `/sessions/${session.reference}/invoices/${sent.body.referenceNumber}`);
    expect(invoice.body.status.code).toBe(200);
    expect((await client.call<ApiSchema<'SessionStatusResponse'>>('GET', `/sessions/${session.reference}`)).body.status.code).toBe(100);

    const unknown = await fetch(`${sim.controlUrl}/sessions/20260101-SO-0000000000-0000000000-00/finish`, { method: 'POST' });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toEqual({ error: 'No session 20260101-SO-0000000000-0000000000-00' });
  });
});
