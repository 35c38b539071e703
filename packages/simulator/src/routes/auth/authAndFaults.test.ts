import { SimulatorClock } from '../../domain/index.js';
import { conformanceErrors } from '../../__fixtures__/expectConformance.js';
import type { ApiSchema } from '@ksef-connect/spec';
import { exceptionCode, fa3Invoice, TestClient, type Exchange } from '../../__fixtures__/TestClient.js';
import { startSimulator, type RunningSimulator } from '../../startSimulator.js';

describe('auth, tokens, limits and faults over HTTP', () => {
  let sim: RunningSimulator;
  let client: TestClient;
  const log: Exchange[] = [];
  const clock = SimulatorClock.frozen('2026-06-01T10:00:00Z');

  beforeAll(async () => {
    sim = await startSimulator({ seed: 'auth-test', clock, limits: 'off' });
    client = new TestClient(sim, log);
  });
  afterAll(() => sim.close());

  it('KSeF token (openssl RSA-OAEP): 100 → 200, redeem once, refresh with the refresh token only', async () => {
    const init = await client.initTokenAuth(sim.sample.nip, sim.sample.token);
    expect(init.status).toBe(202);
    const operationToken = init.body.authenticationToken.token;
    const first = await client.call<ApiSchema<'AuthenticationOperationStatusResponse'>>('GET', `/auth/${init.body.referenceNumber}`, { token: operationToken });
    expect(first.body.status.code).toBe(100);
    const second = await client.call('GET', `/auth/${init.body.referenceNumber}`, { token: operationToken });
    expect(second.body).toMatchObject({ status: { code: 200 }, authenticationMethodInfo: { category: 'Token' } });
    const redeemed = await client.call<ApiSchema<'AuthenticationTokensResponse'>>('POST', '/auth/token/redeem', { token: operationToken });
    expect(redeemed.status).toBe(200);
    const again = await client.call('POST', '/auth/token/redeem', { token: operationToken });
    expect(exceptionCode(again)).toBe(21301);
    client.accessToken = redeemed.body.accessToken.token;
    expect((await client.call('POST', '/auth/token/refresh', { token: client.accessToken })).status).toBe(401);
    const refreshed = await client.call('POST', '/auth/token/refresh', { token: redeemed.body.refreshToken.token });
    expect(refreshed.status).toBe(200);

    // The access token lives 15 minutes on the simulator clock.
    expect((await client.call('GET', '/rate-limits')).status).toBe(200);
    clock.advance(15 * 60_000 + 1000);
    const expired = await client.call('GET', '/rate-limits');
    expect(expired.status).toBe(401);
    expect(expired.headers.get('content-type')).toBe('application/problem+json');
    client.accessToken = (await client.call<ApiSchema<'AuthenticationTokenRefreshResponse'>>('POST', '/auth/token/refresh', { token: redeemed.body.refreshToken.token })).body.accessToken.token;
    expect((await client.call('GET', '/limits/context')).status).toBe(200);
  });

  it('bad token time → 450; unknown challenge → 21111; retired publicKeyId → 21470 after emergency rotation', async () => {
    const wrongTime = await client.initTokenAuth(sim.sample.nip, sim.sample.token, { timestampMs: 1 });
    expect((await client.pollAuth(wrongTime)).body.status).toMatchObject({ code: 450, details: ['Nieprawidłowy czas tokena.'] });
    const unknown = await client.call('POST', '/auth/ksef-token', { token: null, json: { challenge: '20260601-CR-0000000000-0000000000-00', contextIdentifier: { type: 'Nip', value: sim.sample.nip }, encryptedToken: 'AAAA' } });
    expect(exceptionCode(unknown)).toBe(21111);
    const old = await client.certificate('KsefTokenEncryption');
    await sim.control.rotateKeys('KsefTokenEncryption', { emergency: true });
    const retired = await client.initTokenAuth(sim.sample.nip, sim.sample.token, { publicKeyId: old.publicKeyId });
    expect(exceptionCode(retired)).toBe(21470);
    expect((await client.certificate('KsefTokenEncryption')).publicKeyId).not.toBe(old.publicKeyId);
    await client.login(); // the new key works
  });

  it('KSeF tokens: POST 202 (Pending → Active), GET list and one, DELETE 204, revoked token → auth 450', async () => {
    const created = await client.call<ApiSchema<'GenerateTokenResponse'>>('POST', '/tokens', { json: { permissions: ['InvoiceWrite', 'InvoiceRead'], description: 'ERP integration' } });
    expect(created.status).toBe(202);
    const ref = created.body.referenceNumber;
    expect(created.body.token).toMatch(new RegExp(`^${ref}\\|nip-${sim.sample.nip}\\|[0-9a-f]{64}$`));
    expect((await client.call<ApiSchema<'TokenStatusResponse'>>('GET', `/tokens/${ref}`)).body.status).toBe('Pending');
    expect((await client.call<ApiSchema<'TokenStatusResponse'>>('GET', `/tokens/${ref}`)).body.status).toBe('Active');
    const list = await client.call<ApiSchema<'QueryTokensResponse'>>('GET', '/tokens?status=Active&description=ERP');
    expect(list.body.tokens.map((t) => t.referenceNumber)).toEqual([ref]);
    expect((await client.call('DELETE', `/tokens/${ref}`)).status).toBe(204);
    const revoked = await client.initTokenAuth(sim.sample.nip, created.body.token);
    expect((await client.pollAuth(revoked)).body.status.code).toBe(450);
  });

  it('rate limits (prd profile): the 6th GET /sessions in a second is 429 with Retry-After; the clock frees it', async () => {
    sim.control.setRateLimits('prd');
    for (let i = 0; i < 5; i++) expect((await client.call('GET', '/sessions?sessionType=Online')).status).toBe(200);
    const limited = await client.call<ApiSchema<'TooManyRequestsResponse'>>('GET', '/sessions?sessionType=Online');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited.body.status).toMatchObject({ code: 429, description: 'Too Many Requests' });
    const problem = await client.call('GET', '/sessions?sessionType=Online', { headers: { 'x-error-format': 'problem-details' } });
    expect(problem.body).toMatchObject({ status: 429, title: 'Too Many Requests' });
    clock.advance(1000);
    expect((await client.call('GET', '/sessions?sessionType=Online')).status).toBe(200);
    const limits = await client.call<ApiSchema<'EffectiveApiRateLimits'>>('GET', '/rate-limits');
    expect(limits.body.sessionList).toEqual({ perSecond: 5, perMinute: 10, perHour: 60 });
    sim.control.setRateLimits('off');
  });

  it('fault injection: 429 + Retry-After, 500, 503, delay, and a dropped connection after processing', async () => {
    sim.control.injectFault({ operation: 'POST /sessions/online', kind: 'status', status: 429, retryAfterSeconds: 7 });
    const throttled = await client.openSession();
    expect(throttled.answer.status).toBe(429);
    expect(throttled.answer.headers.get('retry-after')).toBe('7');
    // Over HTTP, as an out-of-process test would.
    const post = (body: unknown): Promise<Response> => fetch(`${sim.controlUrl}/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await post({ operation: 'POST /sessions/online', kind: 'status', status: 500 })).status).toBe(204);
    expect((await client.openSession()).answer.status).toBe(500);
    await post({ operation: 'POST /sessions/online', kind: 'status', status: 503 });
    expect((await client.openSession()).answer.status).toBe(503);
    await post({ operation: 'POST /sessions/online', kind: 'delay', delayMs: 300 });
    const started = Date.now();
    expect((await client.openSession()).answer.status).toBe(201);
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);

    const session = await client.openSession();
    await post({ operation: 'POST /sessions/online/{referenceNumber}/invoices', kind: 'drop' });
    await expect(client.sendInvoice(session, fa3Invoice(sim.sample.nip))).rejects.toThrow();
    // The lost response's invoice was processed: it is in the session.
    const invoices = await client.call<ApiSchema<'SessionInvoicesResponse'>>('GET', `/sessions/${session.reference}/invoices`);
    expect(invoices.body.invoices).toHaveLength(1);

    const expire = await fetch(`${sim.controlUrl}/sessions/${session.reference}/expire`, { method: 'POST' });
    expect(expire.status).toBe(204);
    expect(exceptionCode(await client.sendInvoice(session, fa3Invoice(sim.sample.nip)))).toBe(21180);
    const clockAnswer = await fetch(`${sim.controlUrl}/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceMs: 60_000 }) });
    expect(await clockAnswer.json()).toEqual({ now: expect.stringMatching(/^2026-06-01T10:1\d:\d\d\.\d{7}\+00:00$/) });
  });

  it('every documented response above conforms to open-api.json; the injected 500/503 are the only undocumented ones', () => {
    expect(conformanceErrors(log)).toEqual({ errors: [], undocumented: ['POST /sessions/online 500', 'POST /sessions/online 503'] });
  });
});
