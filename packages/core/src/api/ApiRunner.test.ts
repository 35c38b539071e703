import { MockAgent } from 'undici';
import { isKsefError, KsefError } from '../errors/KsefError.js';
import type { Clock } from '../time/Clock.js';
import type { AccessTokenSource } from './AccessTokenSource.js';
import { ApiRunner } from './ApiRunner.js';
import { RateLimiter } from './RateLimiter.js';
import type { RateLimitWait } from './RateLimitWait.js';
import { defaultRetryPolicy } from './RetryPolicy.js';
import type { SystemWarning } from './SystemWarning.js';

const origin = 'https://ksef.example';
const session = '20250625-SO-2C3E6C8000-B675CF5D68-07';

function fakeClock(start = Date.parse('2026-01-10T10:00:00Z')): Clock & { slept: number[] } {
  let now = start;
  const slept: number[] = [];
  return {
    slept,
    now: () => new Date(now),
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
  };
}

function setup(options: { tokens?: AccessTokenSource; budgets?: ConstructorParameters<typeof RateLimiter>[1] } = {}) {
  const agent = new MockAgent();
  agent.disableNetConnect();
  const pool = agent.get(origin);
  const clock = fakeClock();
  const warnings: SystemWarning[] = [];
  const waits: RateLimitWait[] = [];
  const runner = new ApiRunner(
    {
      baseUrl: `${origin}/v2`,
      dispatcher: agent,
      clock,
      retryPolicy: { ...defaultRetryPolicy, random: () => 0.5 },
      rateLimiter: new RateLimiter(clock, options.budgets ?? {}),
      timeoutMs: 5_000,
      onWarning: (w) => warnings.push(w),
      onWait: (w) => waits.push(w),
    },
    options.tokens ?? { accessToken: async () => 'access-1', renewAccessToken: async () => 'access-2' },
  );
  return { agent, pool, clock, warnings, waits, runner };
}

describe('ApiRunner', () => {
  test('429 waits Retry-After seconds on the injected clock, then retries (even a POST)', async () => {
    const { pool, clock, runner } = setup();
    pool.intercept({ path: `/v2/sessions/online/${session}/close`, method: 'POST' }).reply(429, '', { headers: { 'retry-after': '7' } });
    pool.intercept({ path: `/v2/sessions/online/${session}/close`, method: 'POST' }).reply(204, '');
    await runner.call('onlineSession.close', { params: { referenceNumber: session } });
    expect(clock.slept).toEqual([7_000]);
  });

  test('a 429 wait over two seconds is announced with the limit KSeF named; a shorter one is not', async () => {
    const { pool, clock, waits, runner } = setup();
    const path = `/v2/sessions/online/${session}/close`;
    const tooMany = { status: { code: 429, description: 'Too Many Requests', details: ['Przekroczono limit 30 żądań na minutę. Spróbuj ponownie po 30 sekundach.'] } };
    pool.intercept({ path, method: 'POST' }).reply(429, tooMany, { headers: { 'retry-after': '30' } });
    pool.intercept({ path, method: 'POST' }).reply(429, '', { headers: { 'retry-after': '2' } });
    pool.intercept({ path, method: 'POST' }).reply(204, '');
    const before = clock.now().getTime();
    await runner.call('onlineSession.close', { params: { referenceNumber: session } });
    expect(clock.slept).toEqual([30_000, 2_000]);
    expect(waits).toEqual([
      { reason: 'tooManyRequests', group: 'onlineSession', operation: 'onlineSession.close', limit: 30, window: 'minute', waitMs: 30_000, until: new Date(before + 30_000) },
    ]);
  });

  test('429 with an HTTP-date Retry-After waits until that date', async () => {
    const { pool, clock, runner } = setup();
    const at = new Date(clock.now().getTime() + 12_000).toUTCString();
    pool.intercept({ path: '/v2/limits/context', method: 'GET' }).reply(429, '', { headers: { 'retry-after': at } });
    pool.intercept({ path: '/v2/limits/context', method: 'GET' }).reply(200, { onlineSession: {}, batchSession: {} });
    await runner.call('limits.context');
    expect(clock.slept).toEqual([12_000]);
  });

  test('a Retry-After beyond the cap fails at once with recovery retry', async () => {
    const { pool, clock, runner } = setup();
    pool.intercept({ path: '/v2/limits/context', method: 'GET' }).reply(429, { title: 'Too Many Requests', status: 429, detail: 'Przekroczono limit', traceId: 't-429' }, { headers: { 'retry-after': '3600' } });
    const error = await runner.call('limits.context').catch((e: unknown) => e);
    expect(isKsefError(error, 'http.tooManyRequests')).toBe(true);
    expect((error as KsefError).retryAfterMs).toBe(3_600_000);
    expect((error as KsefError).traceId).toBe('t-429');
    expect(clock.slept).toEqual([]);
  });

  test('5xx on an idempotent GET is retried with jittered backoff; on a creating POST it is not', async () => {
    const { pool, clock, runner } = setup();
    pool.intercept({ path: `/v2/sessions/${session}`, method: 'GET' }).reply(503, '');
    pool.intercept({ path: `/v2/sessions/${session}`, method: 'GET' }).reply(502, '');
    pool.intercept({ path: `/v2/sessions/${session}`, method: 'GET' }).reply(200, { status: { code: 100, description: 'otwarta' } });
    const { body } = await runner.call('sessions.status', { params: { referenceNumber: session } });
    expect(body.status.code).toBe(100);
    expect(clock.slept).toEqual([250, 500]); // random 0.5 × (500, 1000)

    pool.intercept({ path: `/v2/sessions/online/${session}/invoices`, method: 'POST' }).reply(500, '');
    const error = await runner
      .call('onlineSession.sendInvoice', { params: { referenceNumber: session }, body: {} as never })
      .catch((e: unknown) => e);
    expect(isKsefError(error, 'http.serverError')).toBe(true);
    expect(clock.slept).toHaveLength(2);
  });

  test('decodes problem details (400) with every error code and the traceId', async () => {
    const { pool, runner } = setup();
    pool.intercept({ path: '/v2/sessions/online', method: 'POST', headers: { 'x-error-format': 'problem-details' } }).reply(
      400,
      { title: 'Bad Request', status: 400, detail: 'x', errors: [{ code: 21405, description: 'Błąd walidacji danych wejściowych.', details: ['formCode'] }, { code: 21470, description: 'Klucz nieznany' }], traceId: 'abc-123' },
      { headers: { 'content-type': 'application/problem+json' } },
    );
    const error = (await runner.call('onlineSession.open', { body: {} as never }).catch((e: unknown) => e)) as KsefError;
    expect(error).toBeInstanceOf(KsefError);
    expect(error.code).toBe('http.badRequest');
    expect(error.recovery).toBe('skip');
    expect(error.exceptionCodes).toEqual([21405, 21470]);
    expect(error.traceId).toBe('abc-123');
    expect(error.message).toContain('21405');
    expect(error.message).toContain('traceId abc-123');
  });

  test('decodes the legacy ExceptionResponse with serviceCode and reference', async () => {
    const { pool, runner } = setup();
    pool.intercept({ path: `/v2/sessions/online/${session}/close`, method: 'POST' }).reply(400, {
      exception: {
        exceptionDetailList: [{ exceptionCode: 21180, exceptionDescription: 'Status sesji nie pozwala na wykonanie operacji.' }],
        referenceNumber: session,
        serviceCode: '00-c02cc3747020c605be02159bf3324f0e-eee7647dc67aa74a-00',
      },
    });
    const error = (await runner.call('onlineSession.close', { params: { referenceNumber: session } }).catch((e: unknown) => e)) as KsefError;
    expect(error.exceptionCodes).toEqual([21180]);
    expect(error.recovery).toBe('retry');
    expect(error.serviceCode).toBe('00-c02cc3747020c605be02159bf3324f0e-eee7647dc67aa74a-00');
    expect(error.referenceNumber).toBe(session);
  });

  test('a 401 renews the access token once and repeats the call with the new one', async () => {
    const renewed: string[] = [];
    const { pool, runner } = setup({
      tokens: { accessToken: async () => 'old-token', renewAccessToken: async (rejected) => (renewed.push(rejected), 'new-token') },
    });
    pool.intercept({ path: '/v2/limits/context', method: 'GET', headers: { authorization: 'Bearer old-token' } }).reply(401, { title: 'Unauthorized', status: 401, detail: 'expired' });
    pool.intercept({ path: '/v2/limits/context', method: 'GET', headers: { authorization: 'Bearer new-token' } }).reply(200, { onlineSession: {}, batchSession: {} });
    await runner.call('limits.context');
    expect(renewed).toEqual(['old-token']);
  });

  test('a second 401 after renewal fails with a message that contains no token', async () => {
    const { pool, runner } = setup({ tokens: { accessToken: async () => 'secret-old', renewAccessToken: async () => 'secret-new' } });
    pool.intercept({ path: '/v2/limits/context', method: 'GET' }).reply(401, { title: 'Unauthorized', status: 401, detail: 'Brak autoryzacji' }).times(2);
    const error = (await runner.call('limits.context').catch((e: unknown) => e)) as KsefError;
    expect(error.code).toBe('http.unauthorized');
    expect(error.message).not.toContain('secret');
  });

  test('X-System-Warning entries reach onWarning', async () => {
    const { pool, runner, warnings } = setup();
    pool.intercept({ path: '/v2/auth/challenge', method: 'POST' }).reply(
      200,
      { challenge: 'c', timestamp: 't', timestampMs: 1, clientIp: '127.0.0.1' },
      { headers: { 'x-system-warning': '[W1]: Planowana przerwa | [W2]: Druga' } },
    );
    await runner.call('auth.challenge');
    expect(warnings).toEqual([
      { operation: 'auth.challenge', code: 'W1', message: 'Planowana przerwa' },
      { operation: 'auth.challenge', code: 'W2', message: 'Druga' },
    ]);
  });

  test('a refused connection (nothing sent) is retried even for a creating POST', async () => {
    const { pool, clock, runner } = setup();
    pool.intercept({ path: '/v2/sessions/online', method: 'POST' }).replyWithError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    pool.intercept({ path: '/v2/sessions/online', method: 'POST' }).reply(201, { referenceNumber: session, validUntil: '2026-01-10T22:00:00Z' });
    const { body } = await runner.call('onlineSession.open', { body: {} as never });
    expect(body.referenceNumber).toBe(session);
    expect(clock.slept).toHaveLength(1);
  });

  test('a lost response on a creating POST is not retried', async () => {
    const { pool, runner } = setup();
    pool.intercept({ path: '/v2/sessions/online', method: 'POST' }).replyWithError(Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }));
    const error = (await runner.call('onlineSession.open', { body: {} as never }).catch((e: unknown) => e)) as KsefError;
    expect(error.code).toBe('network.responseLost');
    expect(error.message).toMatch(/query the outcome/);
  });

  test('client-side budgets delay calls instead of spending KSeF quota', async () => {
    const { pool, clock, runner } = setup({ budgets: { sessionMisc: { perSecond: 2 } } });
    pool.intercept({ path: `/v2/sessions/${session}`, method: 'GET' }).reply(200, { status: { code: 100, description: 'x' } }).times(3);
    for (let i = 0; i < 3; i++) await runner.call('sessions.status', { params: { referenceNumber: session } });
    // One second plus the limiter's 250 ms edge margin.
    expect(clock.slept).toEqual([1_250]);
  });
});
