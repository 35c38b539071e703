import type { ApiSchema } from '@ksef-connect/spec';
import { fa3Invoice, TestClient, uniqueInvoiceNumber } from '../__fixtures__/TestClient.js';
import { SimulatorClock } from '../domain/SimulatorClock.js';
import { startSimulator, type RunningSimulator } from '../startSimulator.js';

type InvoiceStatusBody = ApiSchema<'SessionInvoiceStatusResponse'>;
type SessionStatusBody = ApiSchema<'SessionStatusResponse'>;

describe('processing stages end after stageDelayMs on the simulator clock, read or not', () => {
  const clock = SimulatorClock.frozen('2026-03-10T10:00:00Z');
  let sim: RunningSimulator;
  let client: TestClient;

  beforeAll(async () => {
    sim = await startSimulator({ clock, seed: 'stage-delay', limits: 'off', accessTokenTtlSeconds: 24 * 3600 });
    client = new TestClient(sim);
    await client.login();
  });
  afterAll(() => sim.close());

  const invoiceStatus = async (session: string, invoice: string): Promise<number> =>
    (await client.call<InvoiceStatusBody>('GET', `/sessions/${session}/invoices/${invoice}`)).body.status.code;

  it('an invoice nobody polled is final after two stages of 300 ms, a closed session after 300 ms more', async () => {
    const session = await client.openSession();
    const sent = await client.sendInvoice(session, fa3Invoice(sim.sample.nip));
    expect(sent.status).toBe(202);
    sim.control.advanceClock(299);
    // Still within the first stage: the read shows 100 (and the read does not end it early).
    expect(await invoiceStatus(session.reference, sent.body.referenceNumber)).toBe(100);
    sim.control.advanceClock(301);
    // 100 ended at 300 ms and 150 at 600 ms: the first read after that sees the outcome.
    const done = await client.call<InvoiceStatusBody>('GET', `/sessions/${session.reference}/invoices/${sent.body.referenceNumber}`);
    expect([done.body.status.code, done.body.ksefNumber]).toEqual([200, expect.stringMatching(new RegExp(`^${sim.sample.nip}-`))]);

    expect((await client.call('POST', `/sessions/online/${session.reference}/close`)).status).toBe(204);
    sim.control.advanceClock(300);
    const closed = await client.call<SessionStatusBody>('GET', `/sessions/${session.reference}`);
    expect(closed.body.status.code).toBe(200);
    expect(closed.body.upo?.pages).toHaveLength(1);
  });

  it('a rerun that sends the same invoice again meets the 440 duplicate of the unpolled first send', async () => {
    const number = uniqueInvoiceNumber();
    // The first run sends and is interrupted: it never reads a status nor closes its session.
    const interrupted = await client.openSession();
    const first = await client.sendInvoice(interrupted, fa3Invoice(sim.sample.nip, number));
    expect(first.status).toBe(202);
    sim.control.advanceClock(5_000);
    // The rerun opens a new session and sends the same invoice.
    const rerun = await client.openSession();
    const second = await client.sendInvoice(rerun, fa3Invoice(sim.sample.nip, number));
    const original = await client.call<InvoiceStatusBody>('GET', `/sessions/${interrupted.reference}/invoices/${first.body.referenceNumber}`);
    expect(original.body.status.code).toBe(200);
    const duplicate = await client.invoiceOutcome(rerun.reference, second.body.referenceNumber);
    expect([duplicate.body.status.code, duplicate.body.status.extensions?.['originalKsefNumber']]).toEqual([440, original.body.ksefNumber]);
  });

  it('of two copies still in flight, the one received first wins when their time is over', async () => {
    const number = uniqueInvoiceNumber();
    const early = await client.openSession();
    const late = await client.openSession();
    const firstSent = await client.sendInvoice(early, fa3Invoice(sim.sample.nip, number));
    sim.control.advanceClock(100);
    const secondSent = await client.sendInvoice(late, fa3Invoice(sim.sample.nip, number));
    sim.control.advanceClock(1_000);
    // Read the later copy first: its outcome still follows the order in which the stages ended.
    const second = await client.call<InvoiceStatusBody>('GET', `/sessions/${late.reference}/invoices/${secondSent.body.referenceNumber}`);
    const first = await client.call<InvoiceStatusBody>('GET', `/sessions/${early.reference}/invoices/${firstSent.body.referenceNumber}`);
    expect([first.body.status.code, second.body.status.code]).toEqual([200, 440]);
  });

  it('a session closed with nothing sent reads 170 until the delay is over, then 440', async () => {
    const session = await client.openSession();
    expect((await client.call('POST', `/sessions/online/${session.reference}/close`)).status).toBe(204);
    expect((await client.call<SessionStatusBody>('GET', `/sessions/${session.reference}`)).body.status.code).toBe(170);
    sim.control.advanceClock(300);
    expect((await client.call<SessionStatusBody>('GET', `/sessions/${session.reference}`)).body.status.code).toBe(440);
  });
});

describe('stageDelayMs: null keeps stages read-driven only', () => {
  const clock = SimulatorClock.frozen('2026-03-10T10:00:00Z');
  let sim: RunningSimulator;
  let client: TestClient;

  beforeAll(async () => {
    sim = await startSimulator({ clock, seed: 'reads-only', limits: 'off', accessTokenTtlSeconds: 24 * 3600, config: { stageDelayMs: null } });
    client = new TestClient(sim);
    await client.login();
  });
  afterAll(() => sim.close());

  it('an hour later an unread invoice still reads 100, then 150', async () => {
    const session = await client.openSession();
    const sent = await client.sendInvoice(session, fa3Invoice(sim.sample.nip));
    sim.control.advanceClock(3_600_000);
    const read = async (): Promise<number> => (await client.call<InvoiceStatusBody>('GET', `/sessions/${session.reference}/invoices/${sent.body.referenceNumber}`)).body.status.code;
    expect([await read(), await read(), await read()]).toEqual([100, 150, 200]);
  });

  it('refuses a negative or non-finite delay', async () => {
    await expect(startSimulator({ config: { stageDelayMs: -1 } })).rejects.toThrow(/stageDelayMs must be a number of milliseconds ≥ 0, or null/);
  });
});
