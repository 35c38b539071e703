import { createKsefClient, createKsefDispatcher, nipContext, parseNip } from '@ksef-connect/core';
import { OpenApiContract } from '@ksef-connect/spec';
import { startSimulator, type RunningSimulator } from '@ksef-connect/simulator';
import { sampleInvoice } from './invoiceFixtures.js';
import { simulatorClock } from './simulatorClock.js';

interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly contentType: string | undefined;
  readonly body: string | undefined;
  readonly authorization: string | undefined;
}

/**
 * The client's undici Agent, composed with an interceptor that records every request it dispatches — below the client's own code, so what
 * is checked is exactly what went on the wire.
 */
function recordingAgent() {
  const requests: RecordedRequest[] = [];
  const agent = createKsefDispatcher().compose((dispatch) => (options, handler) => {
    const headers = (options.headers ?? {}) as Record<string, string>;
    requests.push({
      method: options.method,
      path: options.path,
      contentType: headers['content-type'],
      body: typeof options.body === 'string' ? options.body : undefined,
      authorization: headers.authorization,
    });
    return dispatch(options, handler);
  });
  return { agent, requests };
}

describe('every request the client sends conforms to open-api.json', () => {
  let simulator: RunningSimulator;

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0 });
  });

  afterAll(async () => {
    await simulator.close();
  });

  test('auth, session open/send/close, statuses, lookups and UPO downloads', async () => {
    const { agent, requests } = recordingAgent();
    const client = createKsefClient({
      baseUrl: simulator.url,
      env: 'test',
      context: nipContext(parseNip(simulator.sample.nip)),
      credentials: { ksefToken: simulator.sample.token },
      clock: simulatorClock(simulator),
      dispatcher: agent,
      onWarning: () => undefined,
    });
    {
      await using session = await client.openOnlineSession({ formCode: 'FA (3)' });
      const sent = await session.send(sampleInvoice('FA (3)', simulator.sample.nip), { offlineMode: true });
      const outcome = await session.waitForInvoice(sent.referenceNumber);
      await session.findInvoiceByHash(sent.invoiceHash);
      await session.invoiceUpo(outcome);
      await session.close();
      await session.waitForCompletion();
      await session.sessionUpo();
    }
    simulator.control.advanceClock(16 * 60_000); // past the access token's lifetime: refresh
    await client.api.call('limits.context');
    await agent.close();

    const contract = OpenApiContract.load();
    const apiPrefix = new URL(simulator.url).pathname; // "/v2"
    const apiRequests = requests.filter((r) => r.path.startsWith(`${apiPrefix}/`));
    const problems = apiRequests.flatMap((r) => {
      const path = r.path.slice(apiPrefix.length);
      const body = r.body === undefined ? undefined : r.contentType === 'application/json' ? (JSON.parse(r.body) as unknown) : r.body;
      const result = contract.validateRequest(r.method, path, body, r.contentType);
      return result.valid ? [] : [`${r.method} ${path}: ${result.errors.join('; ')}`];
    });
    expect(problems).toEqual([]);
    // The check has teeth: a body missing required fields is reported.
    expect(contract.validateRequest('POST', '/sessions/online', { formCode: { systemCode: 'FA (3)' } }).valid).toBe(false);
    const operations = new Set(apiRequests.map((r) => contract.findOperation(r.method, r.path.slice(apiPrefix.length))?.operationId));
    for (const expected of [
      'GET /security/public-key-certificates',
      'POST /auth/challenge',
      'POST /auth/ksef-token',
      'GET /auth/{referenceNumber}',
      'POST /auth/token/redeem',
      'POST /auth/token/refresh',
      'GET /limits/context',
      'POST /sessions/online',
      'POST /sessions/online/{referenceNumber}/invoices',
      'POST /sessions/online/{referenceNumber}/close',
      'GET /sessions/{referenceNumber}',
      'GET /sessions/{referenceNumber}/invoices',
      'GET /sessions/{referenceNumber}/invoices/{invoiceReferenceNumber}',
    ]) {
      expect(operations).toContain(expected);
    }
    // Pre-signed downloads (anything outside the API prefix) never carry the access token.
    const downloads = requests.filter((r) => !r.path.startsWith(`${apiPrefix}/`));
    expect(downloads.length).toBeGreaterThan(0);
    expect(downloads.every((r) => r.authorization === undefined)).toBe(true);
  });
});
