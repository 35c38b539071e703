import {
  createKsefClient,
  nipContext,
  parseNip,
  type KsefClient,
  type KsefClientOptions,
  type RateLimitWait,
  type SystemWarning,
} from '@ksef-connect/core';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '@ksef-connect/simulator';
import { sampleInvoice } from './invoiceFixtures.js';
import { simulatorClock } from './simulatorClock.js';
import { requestRecorder } from './requestRecorder.js';


type TestClient = KsefClient & { clock: ReturnType<typeof simulatorClock>; seen: string[]; warnings: SystemWarning[]; waits: RateLimitWait[] };

/** A simulator with limit profile `limits`, and clients on its clock that record every attempt, warning and announced wait. */
function simulatorWithClients(limits: NonNullable<SimulatorOptions['limits']>): { simulator: () => RunningSimulator; client: (overrides?: Partial<KsefClientOptions>) => TestClient } {
  let simulator: RunningSimulator;
  const clients: KsefClient[] = [];
  beforeAll(async () => {
    simulator = await startSimulator({ port: 0, limits });
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await simulator.close();
  });
  afterEach(() => simulator.control.clearFaults());
  return {
    simulator: () => simulator,
    client: (overrides = {}) => {
      const clock = simulatorClock(simulator);
      const { interceptor, seen } = requestRecorder();
      const warnings: SystemWarning[] = [];
      const waits: RateLimitWait[] = [];
      const created = createKsefClient({
        baseUrl: simulator.url,
        env: 'test',
        context: nipContext(parseNip(simulator.sample.nip)),
        credentials: { ksefToken: simulator.sample.token },
        clock,
        validator: false,
        interceptors: [interceptor],
        onWarning: (warning) => warnings.push(warning),
        onWait: (wait) => waits.push(wait),
        ...overrides,
      } as KsefClientOptions);
      clients.push(created);
      return Object.assign(created, { clock, seen, warnings, waits });
    },
  };
}

/** Sends `count` fresh invoices by `sellerNip` in one online session, one after another; resolves with the accepted count. */
async function sendMany(ksef: KsefClient, sellerNip: string, count: number): Promise<number> {
  await using session = await ksef.openOnlineSession({ formCode: 'FA (3)' });
  const sent = [];
  for (let i = 0; i < count; i++) sent.push(await session.send(sampleInvoice('FA (3)', sellerNip)));
  let accepted = 0;
  for (const invoice of sent) if ((await session.waitForInvoice(invoice.referenceNumber)).status.code === 200) accepted++;
  return accepted;
}

describe('KsefClient rate limits: budgets read from KSeF (GET /rate-limits)', () => {
  // `relaxed`: ten times the production limits, so KSeF's answer differs from the client's table.
  const { simulator, client } = simulatorWithClients('relaxed');

  test('the limits are read once per login, before the first protected call, and again after a new login', async () => {
    const ksef = client();
    await ksef.authenticate();
    expect(ksef.seen.filter((s) => s.startsWith('limits.rate'))).toEqual([]);
    await sendMany(ksef, simulator().sample.nip, 2);
    const firstProtected = ksef.seen.findIndex((s) => !s.startsWith('auth.') && !s.startsWith('security.'));
    expect(ksef.seen[firstProtected]).toBe('limits.rate 200');
    expect(ksef.seen.filter((s) => s.startsWith('limits.rate'))).toHaveLength(1);
    await ksef.auth.authenticate();
    await sendMany(ksef, simulator().sample.nip, 1);
    expect(ksef.seen.filter((s) => s.startsWith('limits.rate'))).toHaveLength(2);
  });

  test('the budget is what KSeF reports: 31 sends in a minute pass without waiting where the table allows 30', async () => {
    const ksef = client();
    await sendMany(ksef, simulator().sample.nip, 31);
    // (Sub-second sleeps are the login's status polling.)
    expect(ksef.clock.slept.filter((ms) => ms >= 1_000)).toEqual([]);
    expect(ksef.warnings).toEqual([]);
  });

  test('when the limits cannot be read, the production table applies and one warning says so', async () => {
    simulator().control.injectFault({ operation: 'GET /rate-limits', kind: 'status', status: 503 });
    const ksef = client({ retryPolicy: { maxAttempts: 1 } });
    await sendMany(ksef, simulator().sample.nip, 31);
    // The 31st send waits for the table's 30-per-minute window (shorter waits pace the 10 per second).
    expect(ksef.clock.slept.filter((ms) => ms > 2_000)).toHaveLength(1);
    expect(Math.max(...ksef.clock.slept)).toBeGreaterThan(55_000);
    expect(ksef.warnings).toHaveLength(1);
    expect(ksef.warnings[0]?.operation).toBe('limits.rate');
    expect(ksef.warnings[0]?.message).toMatch(/could not read the effective rate limits .*production limits/);
    expect(ksef.seen.filter((s) => s.startsWith('limits.rate'))).toEqual(['limits.rate 503']);
  });
});

describe('KsefClient rate limits against the simulator\'s limit profiles', () => {
  describe('limits off', () => {
    const { simulator, client } = simulatorWithClients('off');

    test('200 invoices in one session never wait: KSeF reports no limit, so the 180-per-hour table does not apply', async () => {
      const ksef = client();
      expect(await sendMany(ksef, simulator().sample.nip, 200)).toBe(200);
      expect(ksef.waits).toEqual([]);
      expect(ksef.clock.slept.filter((ms) => ms >= 1_000)).toEqual([]);
      expect(ksef.seen.filter((s) => s.endsWith(' 429'))).toEqual([]);
    });
  });

  describe('production limits', () => {
    const { simulator, client } = simulatorWithClients('prd');

    test('181 sends wait for the hourly window instead of drawing a 429, and every long wait is announced', async () => {
      const ksef = client();
      expect(await sendMany(ksef, simulator().sample.nip, 181)).toBe(181);
      // The simulator answers any excess with 429: none happened.
      expect(ksef.seen.filter((s) => s.endsWith(' 429'))).toEqual([]);
      expect(ksef.seen.filter((s) => s === 'onlineSession.sendInvoice 202')).toHaveLength(181);
      const sendWaits = ksef.waits.filter((w) => w.group === 'invoiceSend');
      // Five per-minute waits (after sends 30, 60, … 150), then the 181st waits for the hour.
      expect(sendWaits.map((w) => (w.reason === 'budget' ? `${w.limit}/${w.window}` : w.reason))).toEqual([
        '30/minute', '30/minute', '30/minute', '30/minute', '30/minute', '180/hour',
      ]);
      // Every wait over 2 s was announced before it happened.
      expect(ksef.clock.slept.filter((ms) => ms > 2_000)).toEqual(ksef.waits.map((w) => w.waitMs));
    });

    test('the edge margin absorbs latency jitter: a call counted 1.5 s "later" on our side still lands outside KSeF\'s minute', async () => {
      // Our clock runs 1.5 s ahead of the simulator's after the 30th send — as when one request took
      // 1.5 s longer to reach KSeF than the next: the client then believes the minute has passed
      // 1.5 s before KSeF's own window lets the next call in.
      simulator().control.advanceClock(2 * 3_600_000); // past every window of the test before
      const shared = simulatorClock(simulator());
      let offsetMs = 0;
      const clock = { now: () => new Date(shared.now().getTime() + offsetMs), sleep: shared.sleep };
      const ksef = client({ clock });
      await using session = await ksef.openOnlineSession({ formCode: 'FA (3)' });
      for (let i = 0; i < 30; i++) await session.send(sampleInvoice('FA (3)', simulator().sample.nip));
      offsetMs = 1_500;
      await session.send(sampleInvoice('FA (3)', simulator().sample.nip));
      expect(ksef.waits.map((w) => (w.reason === 'budget' ? `${w.limit}/${w.window}` : w.reason))).toEqual(['30/minute']);
      expect(ksef.seen.filter((s) => s.endsWith(' 429'))).toEqual([]);
    });
  });
});
