import { createKsefClient, nipContext, parseNip, type KsefClient } from '@ksef-connect/core';
import { startSimulator, type RunningSimulator } from '@ksef-connect/simulator';
import { sampleInvoice } from './invoiceFixtures.js';
import { simulatorClock } from './simulatorClock.js';

describe('KsefClient against the simulator: KSeF token auth and an online session', () => {
  let simulator: RunningSimulator;
  let client: KsefClient;

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0 });
  });

  afterAll(async () => {
    await simulator.close();
  });

  beforeEach(() => {
    client = createKsefClient({
      baseUrl: simulator.url,
      env: 'test',
      context: nipContext(parseNip(simulator.sample.nip)),
      credentials: { ksefToken: simulator.sample.token },
      clock: simulatorClock(simulator),
      onWarning: () => undefined,
    });
  });

  afterEach(async () => {
    await client.close();
  });

  test('authenticates with the KSeF token and redeems access and refresh tokens', async () => {
    await client.authenticate();
    expect(client.auth.referenceNumber).toMatch(/^\d{8}-AU-/);
    expect(JSON.stringify(client.auth)).not.toContain(simulator.sample.token);
  });

  test('sends FA(3) and FA(2) invoices, gets KSeF numbers, invoice UPOs and the session UPO', async () => {
    const nip = simulator.sample.nip;
    for (const form of ['FA (3)', 'FA (2)'] as const) {
      await using session = await client.openOnlineSession({ formCode: form });
      expect(session.referenceNumber).toMatch(/^\d{8}-SO-/);
      const sent = [];
      for (let i = 0; i < 3; i++) {
        const xml = sampleInvoice(form, nip);
        const intents: string[] = [];
        const result = await session.send(xml, { beforeSend: (p) => void intents.push(p.invoiceHash) });
        expect(intents).toEqual([result.invoiceHash]);
        expect(result.referenceNumber).toMatch(/^\d{8}-EE-/);
        sent.push(result);
      }
      for (const invoice of sent) {
        const outcome = await session.waitForInvoice(invoice.referenceNumber);
        expect(outcome.status.code).toBe(200);
        expect(outcome.ksefNumber).toMatch(new RegExp(`^${nip}-`));
        expect(outcome.invoiceHash).toBe(invoice.invoiceHash);
        const upo = await session.invoiceUpo(outcome);
        expect(upo.hashVerified).toBe(true);
        expect(upo.upo?.documents.map((d) => d.ksefNumber)).toContain(outcome.ksefNumber);
        expect(upo.upo?.documents.find((d) => d.ksefNumber === outcome.ksefNumber)?.invoiceHash).toBe(invoice.invoiceHash);
      }
      await session.close();
      const status = await session.waitForCompletion();
      expect(status.code).toBe(200);
      expect(status.successfulInvoiceCount).toBe(3);
      const pages = await session.sessionUpo();
      expect(pages.length).toBeGreaterThan(0);
      expect(pages.every((p) => p.hashVerified)).toBe(true);
      expect(pages.flatMap((p) => p.upo?.documents ?? []).map((d) => d.invoiceHash).sort()).toEqual(sent.map((s) => s.invoiceHash).sort());
    }
  });
});
