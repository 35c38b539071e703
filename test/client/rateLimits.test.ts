import { createKsefClient, nipContext, parseNip, type ApiInterceptor, type KsefClient, type KsefClientOptions, type SystemWarning } from '@ksef-connect/core';
import { startSimulator, type RunningSimulator } from '@ksef-connect/simulator';
import { sampleInvoice } from './invoiceFixtures.js';
import { simulatorClock } from './simulatorClock.js';

/** Records each HTTP attempt's operation and status (an interceptor just outside the transport). */
function recorder(): { interceptor: ApiInterceptor; seen: string[] } {
  const seen: string[] = [];
  return {
    seen,
    interceptor: (next) => async (call) => {
      const result = await next(call);
      seen.push(`${call.operation.id} ${result.status}`);
      return result;
    },
  };
}

describe('KsefClient rate limits: budgets read from KSeF (GET /rate-limits)', () => {
  let simulator: RunningSimulator;
  const clients: KsefClient[] = [];

  beforeAll(async () => {
    // `relaxed`: ten times the production limits, so KSeF's answer differs from the client's table.
    simulator = await startSimulator({ port: 0, limits: 'relaxed' });
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await simulator.close();
  });

  afterEach(() => simulator.control.clearFaults());

  function client(overrides: Partial<KsefClientOptions> = {}): KsefClient & { clock: ReturnType<typeof simulatorClock>; seen: string[]; warnings: SystemWarning[] } {
    const clock = simulatorClock(simulator);
    const { interceptor, seen } = recorder();
    const warnings: SystemWarning[] = [];
    const created = createKsefClient({
      baseUrl: simulator.url,
      env: 'test',
      context: nipContext(parseNip(simulator.sample.nip)),
      credentials: { ksefToken: simulator.sample.token },
      clock,
      validator: false,
      interceptors: [interceptor],
      onWarning: (warning) => warnings.push(warning),
      ...overrides,
    } as KsefClientOptions);
    clients.push(created);
    return Object.assign(created, { clock, seen, warnings });
  }

  /** Sends `count` fresh invoices in one online session, one after another. */
  async function sendMany(ksef: KsefClient, count: number): Promise<void> {
    await using session = await ksef.openOnlineSession({ formCode: 'FA (3)' });
    for (let i = 0; i < count; i++) await session.send(sampleInvoice('FA (3)', simulator.sample.nip));
  }

  test('the limits are read once per login, before the first protected call, and again after a new login', async () => {
    const ksef = client();
    await ksef.authenticate();
    expect(ksef.seen.filter((s) => s.startsWith('limits.rate'))).toEqual([]);
    await sendMany(ksef, 2);
    const firstProtected = ksef.seen.findIndex((s) => !s.startsWith('auth.') && !s.startsWith('security.'));
    expect(ksef.seen[firstProtected]).toBe('limits.rate 200');
    expect(ksef.seen.filter((s) => s.startsWith('limits.rate'))).toHaveLength(1);
    await ksef.auth.authenticate();
    await sendMany(ksef, 1);
    expect(ksef.seen.filter((s) => s.startsWith('limits.rate'))).toHaveLength(2);
  });

  test('the budget is what KSeF reports: 31 sends in a minute pass without waiting where the table allows 30', async () => {
    const ksef = client();
    await sendMany(ksef, 31);
    // (Sub-second sleeps are the login's status polling.)
    expect(ksef.clock.slept.filter((ms) => ms >= 1_000)).toEqual([]);
    expect(ksef.warnings).toEqual([]);
  });

  test('when the limits cannot be read, the production table applies and one warning says so', async () => {
    simulator.control.injectFault({ operation: 'GET /rate-limits', kind: 'status', status: 503 });
    const ksef = client({ retryPolicy: { maxAttempts: 1 } });
    await sendMany(ksef, 31);
    // The 31st send waits for the table's 30-per-minute window (shorter waits pace the 10 per second).
    expect(ksef.clock.slept.filter((ms) => ms > 2_000)).toHaveLength(1);
    expect(Math.max(...ksef.clock.slept)).toBeGreaterThan(55_000);
    expect(ksef.warnings).toHaveLength(1);
    expect(ksef.warnings[0]?.operation).toBe('limits.rate');
    expect(ksef.warnings[0]?.message).toMatch(/could not read the effective rate limits .*production limits/);
    expect(ksef.seen.filter((s) => s.startsWith('limits.rate'))).toEqual(['limits.rate 503']);
  });
});
