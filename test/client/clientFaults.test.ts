import { createKsefClient, isKsefError, nipContext, parseNip, systemClock, type KsefClient, type KsefClientOptions } from '@ksef-connect/core';
import { startSimulator, type Fault, type RunningSimulator } from '@ksef-connect/simulator';
import { sampleInvoice } from './invoiceFixtures.js';
import { simulatorClock } from './simulatorClock.js';
import { requestRecorder } from './requestRecorder.js';

const sendInvoice = 'POST /sessions/online/{referenceNumber}/invoices';


describe('KsefClient against the simulator: rejections and faults', () => {
  let simulator: RunningSimulator;
  const clients: KsefClient[] = [];

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0 });
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await simulator.close();
  });

  afterEach(() => simulator.control.clearFaults());

  function client(overrides: Partial<KsefClientOptions> = {}): KsefClient & { clock: ReturnType<typeof simulatorClock> } {
    const clock = simulatorClock(simulator);
    const created = createKsefClient({
      baseUrl: simulator.url,
      env: 'test',
      context: nipContext(parseNip(simulator.sample.nip)),
      credentials: { ksefToken: simulator.sample.token },
      clock,
      onWarning: () => undefined,
      ...overrides,
    } as KsefClientOptions);
    clients.push(created);
    return Object.assign(created, { clock });
  }

  test('a duplicate invoice is rejected with 440 and the original KSeF number in extensions', async () => {
    const ksef = client();
    await using session = await ksef.openOnlineSession({ formCode: 'FA (3)' });
    const xml = sampleInvoice('FA (3)', simulator.sample.nip);
    const first = await session.waitForInvoice((await session.send(xml)).referenceNumber);
    expect(first.status.code).toBe(200);
    const second = await session.waitForInvoice((await session.send(xml)).referenceNumber);
    expect(second.status.code).toBe(440);
    expect(second.ksefNumber).toBeNull();
    expect(second.status.extensions.originalKsefNumber).toBe(first.ksefNumber);
    expect(second.status.extensions.originalSessionReferenceNumber).toBe(session.referenceNumber);
    // Looking up by hash prefers the accepted copy.
    expect((await session.findInvoiceByHash(first.invoiceHash))?.ksefNumber).toBe(first.ksefNumber);
  });

  test('an invalid invoice and an invoice with an attachment are refused locally and never sent', async () => {
    const ksef = client();
    await using session = await ksef.openOnlineSession({ formCode: 'FA (3)' });
    const invalid = Buffer.from(Buffer.from(sampleInvoice('FA (3)', simulator.sample.nip)).toString('utf8').replace(/<P_15>[^<]*<\/P_15>/, '<P_15>abc</P_15>'));
    const error = await session.send(invalid).catch((e: unknown) => e);
    expect(isKsefError(error, 'invoice.invalid')).toBe(true);
    expect(isKsefError(error) && error.recovery).toBe('skip');
    const attachment = await session.send(sampleInvoice('FA (3) with attachment', simulator.sample.nip)).catch((e: unknown) => e);
    expect(isKsefError(attachment, 'invoice.refused')).toBe(true);
    expect(String(attachment)).toMatch(/batch/);
    const { body } = await ksef.api.call('sessions.invoices', { params: { referenceNumber: session.referenceNumber } });
    expect(body.invoices).toHaveLength(0);
  });

  test('a 429 in the middle of sending is honoured: the client waits Retry-After on its clock and goes on', async () => {
    const ksef = client();
    await using session = await ksef.openOnlineSession({ formCode: 'FA (3)' });
    await session.send(sampleInvoice('FA (3)', simulator.sample.nip));
    const tooMany: Fault = { operation: sendInvoice, kind: 'status', status: 429, retryAfterSeconds: 42, times: 1 };
    simulator.control.injectFault(tooMany);
    const before = ksef.clock.slept.length;
    const second = await session.send(sampleInvoice('FA (3)', simulator.sample.nip));
    expect(ksef.clock.slept.slice(before)).toContain(42_000);
    expect((await session.waitForInvoice(second.referenceNumber)).status.code).toBe(200);
    expect(simulator.control.pendingFaults()).toHaveLength(0);
  });

  test('an expired access token is refreshed before use (shared clock) and after a 401 (client clock behind)', async () => {
    // Proactive: the client sees the same time as KSeF and refreshes before the 15-minute expiry.
    const ahead = client();
    await ahead.authenticate();
    simulator.control.advanceClock(16 * 60_000);
    await using first = await ahead.openOnlineSession({ formCode: 'FA (3)' });
    expect(first.referenceNumber).toMatch(/-SO-/);

    // Reactive: the client's clock does not know the token expired; KSeF answers 401, the client
    // refreshes once and repeats the call.
    const { interceptor, seen } = requestRecorder();
    const behind = client({ clock: systemClock, interceptors: [interceptor] });
    await behind.authenticate();
    await behind.contextLimits(); // the first protected call, which also reads the rate limits
    simulator.control.advanceClock(16 * 60_000);
    await using second = await behind.openOnlineSession({ formCode: 'FA (3)' });
    expect(second.referenceNumber).toMatch(/-SO-/);
    expect(seen.slice(-3)).toEqual(['onlineSession.open 401', 'auth.refresh 200', 'onlineSession.open 201']);
  });

  test('an emergency key rotation (21470) is recovered by re-fetching the keys and repeating once', async () => {
    const { interceptor, seen } = requestRecorder();
    const ksef = client({ interceptors: [interceptor] });
    await ksef.authenticate();
    await simulator.control.rotateKeys('SymmetricKeyEncryption', { emergency: true });
    await using session = await ksef.openOnlineSession({ formCode: 'FA (3)' });
    const sent = await session.send(sampleInvoice('FA (3)', simulator.sample.nip));
    expect((await session.waitForInvoice(sent.referenceNumber)).status.code).toBe(200);
    // A new login after the KSeF-token key was rotated too.
    await simulator.control.rotateKeys('KsefTokenEncryption', { emergency: true });
    await ksef.auth.authenticate();
    expect(ksef.auth.referenceNumber).toMatch(/-AU-/);
    expect(seen.filter((s) => s === 'onlineSession.open 400' || s === 'auth.ksefToken 400')).toEqual(['onlineSession.open 400', 'auth.ksefToken 400']);
    expect(seen.filter((s) => s.startsWith('security.publicKeyCertificates'))).toHaveLength(3);
  });

  test('a lost response on send is resolved by querying the session by hash, without sending twice', async () => {
    const { interceptor, seen } = requestRecorder();
    const ksef = client({ interceptors: [interceptor] });
    await using session = await ksef.openOnlineSession({ formCode: 'FA (3)' });
    simulator.control.injectFault({ operation: sendInvoice, kind: 'drop' });
    const xml = sampleInvoice('FA (3)', simulator.sample.nip);
    const sent = await session.send(xml);
    expect(sent.recoveredByQuery).toBe(true);
    expect(sent.referenceNumber).toMatch(/-EE-/);
    const outcome = await session.waitForInvoice(sent.referenceNumber);
    expect(outcome.status.code).toBe(200);
    const { body } = await ksef.api.call('sessions.invoices', { params: { referenceNumber: session.referenceNumber } });
    expect(body.invoices.filter((i) => i.invoiceHash === sent.invoiceHash)).toHaveLength(1);
    // The dropped POST never produced a response, so no attempt of it was recorded.
    expect(seen.filter((s) => s.startsWith('onlineSession.sendInvoice'))).toEqual([]);
  });

  test('a send that times out while KSeF is still processing it is not resent: outcome unknown, found by hash later', async () => {
    const { interceptor, seen } = requestRecorder();
    // A short per-attempt deadline, and a KSeF that takes the upload but answers only after it.
    const ksef = client({ interceptors: [interceptor], timeoutMs: 300 });
    await using session = await ksef.openOnlineSession({ formCode: 'FA (3)' });
    simulator.control.injectFault({ operation: sendInvoice, kind: 'delay', delayMs: 900 });
    const xml = sampleInvoice('FA (3)', simulator.sample.nip);
    const error = await session.send(xml).catch((e: unknown) => e);
    expect(isKsefError(error, 'invoice.outcomeUnknown')).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    const { body } = await ksef.api.call('sessions.invoices', { params: { referenceNumber: session.referenceNumber } });
    // Exactly one upload reached KSeF: the delayed first one; nothing was sent a second time.
    expect(body.invoices).toHaveLength(1);
    expect(seen.filter((s) => s.startsWith('onlineSession.sendInvoice'))).toEqual([]);
    const hash = body.invoices[0]?.invoiceHash ?? '';
    expect((await session.findInvoiceByHash(hash))?.referenceNumber).toBe(body.invoices[0]?.referenceNumber);
  });

  test('FA (2) is refused before opening a session on DEMO and PROD', async () => {
    const ksef = client({ env: 'prod' });
    const error = await ksef.openOnlineSession({ formCode: 'FA (2)' }).catch((e: unknown) => e);
    expect(isKsefError(error, 'invoice.refused')).toBe(true);
  });
});
