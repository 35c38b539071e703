import { inspect } from 'node:util';
import { createKsefClient, isKsefError, nipContext, parseNip, type ApiInterceptor, type KsefClient } from '@ksef-connect/core';
import { startSimulator, type RunningSimulator } from '@ksef-connect/simulator';
import { sampleInvoice } from './invoiceFixtures.js';
import { simulatorClock } from './simulatorClock.js';

/** Catches the tokens KSeF hands out (redeem answer) and the bearer headers the client sends. */
function tokenCatcher(): { interceptor: ApiInterceptor; tokens: Set<string> } {
  const tokens = new Set<string>();
  return {
    tokens,
    interceptor: (next) => async (call) => {
      const bearer = call.headers['authorization']?.replace(/^Bearer /, '');
      if (bearer) tokens.add(bearer);
      const result = await next(call);
      if (call.operation.id === 'auth.redeem' && result.status === 200) {
        const body = JSON.parse(Buffer.from(result.body).toString('utf8')) as { accessToken: { token: string }; refreshToken: { token: string } };
        tokens.add(body.accessToken.token);
        tokens.add(body.refreshToken.token);
      }
      return result;
    },
  };
}

/** Every way an error or object commonly reaches a log: message, stack, JSON, util.inspect with its cause chain. */
function renderings(value: unknown): string[] {
  const out = [inspect(value, { depth: 12, showHidden: false }), String(value)];
  if (value instanceof Error) out.push(value.message, value.stack ?? '');
  try {
    out.push(JSON.stringify(value) ?? '');
  } catch {
    // Circular structures cannot be stringified at all, so they cannot leak that way either.
  }
  return out;
}

describe('secrets never reach errors or printed client objects', () => {
  let simulator: RunningSimulator;
  let client: KsefClient;
  let caught: ReturnType<typeof tokenCatcher>;

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0 });
    caught = tokenCatcher();
    client = createKsefClient({
      baseUrl: simulator.url,
      env: 'test',
      context: nipContext(parseNip(simulator.sample.nip)),
      credentials: { ksefToken: simulator.sample.token },
      clock: simulatorClock(simulator),
      timeoutMs: 300,
      onWarning: () => undefined,
      interceptors: [caught.interceptor],
    });
  });

  afterAll(async () => {
    await client.close();
    await simulator.close();
  });

  afterEach(() => simulator.control.clearFaults());

  test('failures after authentication (5xx, lost responses, timeouts, lost send) print no token', async () => {
    await using session = await client.openOnlineSession({ formCode: 'FA (3)' });
    const failures: unknown[] = [];
    simulator.control.injectFault({ operation: 'POST /sessions/online', kind: 'status', status: 503 });
    failures.push(await client.openOnlineSession({ formCode: 'FA (3)' }).catch((e: unknown) => e));
    simulator.control.injectFault({ operation: 'GET /sessions/{referenceNumber}', kind: 'drop', times: 6 });
    failures.push(await session.status().catch((e: unknown) => e));
    simulator.control.injectFault({ operation: 'GET /sessions/{referenceNumber}', kind: 'delay', delayMs: 600, times: 6 });
    failures.push(await session.status().catch((e: unknown) => e));
    simulator.control.clearFaults();
    simulator.control.injectFault({ operation: 'POST /sessions/online/{referenceNumber}/invoices', kind: 'status', status: 500 });
    failures.push(await session.send(sampleInvoice('FA (3)', simulator.sample.nip)).catch((e: unknown) => e));
    simulator.control.clearFaults();

    expect(failures.map((e) => (isKsefError(e) ? e.code : 'not a KsefError'))).toEqual(['http.serverError', 'network.responseLost', 'network.timeout', 'invoice.outcomeUnknown']);
    const secrets = [simulator.sample.token, ...caught.tokens];
    expect(caught.tokens.size).toBeGreaterThanOrEqual(2); // the access and refresh tokens at least
    for (const text of [...failures.flatMap(renderings), ...renderings(client), ...renderings(session), ...renderings(client.auth)]) {
      for (const secret of secrets) expect(text).not.toContain(secret);
    }
  });
});
