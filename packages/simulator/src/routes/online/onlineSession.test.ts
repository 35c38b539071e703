import { upoSchema, type ApiSchema } from '@ksef-connect/spec';
import { SchemaValidator } from '../../domain/index.js';
import { conformanceErrors } from '../../__fixtures__/expectConformance.js';
import { exceptionCode, fa3Invoice, firstExceptionDetail, TestClient, type Exchange } from '../../__fixtures__/TestClient.js';
import { startSimulator, type RunningSimulator } from '../../startSimulator.js';

describe('online session over HTTP (openssl-encrypted key and invoices)', () => {
  let sim: RunningSimulator;
  let client: TestClient;
  const log: Exchange[] = [];

  beforeAll(async () => {
    // Read-driven stages only: the test reads 100, then 150, then 170 whatever time the reads take.
    sim = await startSimulator({ seed: 'online-session-test', config: { stageDelayMs: null } });
    client = new TestClient(sim, log);
    await client.login();
  });
  afterAll(() => sim.close());

  it('accepts a valid FA(3) invoice: 100 → 150 → 200 with a KSeF number, UPO valid against upo-v4-3.xsd', async () => {
    const session = await client.openSession();
    expect(session.answer.status).toBe(201);
    expect(session.answer.body.referenceNumber).toMatch(/^\d{8}-SO-[0-9A-F]{10}-[0-9A-F]{10}-[0-9A-F]{2}$/);
    const xml = fa3Invoice(sim.sample.nip);
    const sent = await client.sendInvoice(session, xml);
    expect(sent.status).toBe(202);
    const ref = sent.body.referenceNumber;
    const first = await client.call<ApiSchema<'SessionInvoiceStatusResponse'>>('GET', `/sessions/${session.reference}/invoices/${ref}`);
    expect(first.body.status.code).toBe(100);
    expect((await client.call<ApiSchema<'SessionInvoiceStatusResponse'>>('GET', `/sessions/${session.reference}/invoices/${ref}`)).body.status.code).toBe(150);
    const done = await client.invoiceOutcome(session.reference, ref);
    expect(done.body.status).toEqual({ code: 200, description: 'Sukces' });
    expect(done.body.ksefNumber).toMatch(new RegExp(`^${sim.sample.nip}-\\d{8}-[0-9A-F]{12}-[0-9A-F]{2}$`));
    expect(done.body.invoicingDate).toMatch(/\.\d{7}\+00:00$/);

    const upo = await client.call('GET', done.body.upoDownloadUrl ?? '', { token: null });
    expect(upo.status).toBe(200);
    expect(upo.headers.get('content-type')).toBe('application/xml');
    const upoBytes = Buffer.from(upo.text, 'utf8');
    expect(upo.headers.get('x-ms-meta-hash')).toBe((await import('node:crypto')).createHash('sha256').update(upoBytes).digest('base64'));
    expect(SchemaValidator.forXsd(upoSchema.path).validate(upoBytes)).toEqual({ valid: true });
    expect(upo.text).toContain(done.body.ksefNumber ?? 'a KSeF number');

    expect((await client.call('POST', `/sessions/online/${session.reference}/close`)).status).toBe(204);
    expect((await client.call<ApiSchema<'SessionStatusResponse'>>('GET', `/sessions/${session.reference}`)).body.status.code).toBe(170);
    const closed = await client.sessionOutcome(session.reference);
    expect(closed.body).toMatchObject({ status: { code: 200 }, invoiceCount: 1, successfulInvoiceCount: 1, failedInvoiceCount: 0 });
    const page = closed.body.upo?.pages[0];
    if (page === undefined) throw new Error(`no UPO page in ${closed.text}`);
    const sessionUpo = await client.call('GET', page.downloadUrl, { token: null });
    expect(SchemaValidator.forXsd(upoSchema.path).validate(Buffer.from(sessionUpo.text))).toEqual({ valid: true });
    const authenticated = await client.call('GET', `/sessions/${session.reference}/upo/${page.referenceNumber}`);
    expect(authenticated.text).toBe(sessionUpo.text);
    const byKsef = await client.call('GET', `/sessions/${session.reference}/invoices/ksef/${done.body.ksefNumber}/upo`);
    expect(byKsef.status).toBe(200);
    expect((await client.call('GET', `/sessions/${session.reference}/invoices/${ref}/upo`)).text).toBe(upo.text);

    // Pre-signed links expire; the clock moves them past their expiry.
    sim.control.advanceClock(4 * 24 * 3600_000);
    expect((await client.call('GET', page.downloadUrl, { token: null })).status).toBe(403);
    sim.control.advanceClock(-4 * 24 * 3600_000);
  });

  it('rejects a duplicate (seller NIP, kind, number) with 440 and originalKsefNumber', async () => {
    const xml = fa3Invoice(sim.sample.nip);
    const first = await client.openSession();
    const a = await client.sendInvoice(first, xml);
    const accepted = await client.invoiceOutcome(first.reference, a.body.referenceNumber);
    const second = await client.openSession();
    const b = await client.sendInvoice(second, xml);
    const duplicate = await client.invoiceOutcome(second.reference, b.body.referenceNumber);
    expect(duplicate.body.status.code).toBe(440);
    expect(duplicate.body.status.extensions).toEqual({ originalKsefNumber: accepted.body.ksefNumber, originalSessionReferenceNumber: first.reference });
    const failed = await client.call<ApiSchema<'SessionInvoicesResponse'>>('GET', `/sessions/${second.reference}/invoices/failed`);
    expect(failed.body.invoices.map((i) => i.referenceNumber)).toEqual([b.body.referenceNumber]);
    await client.call('POST', `/sessions/online/${second.reference}/close`);
    expect((await client.sessionOutcome(second.reference)).body.status.code).toBe(445);
  });

  it('checks sizes and hashes synchronously (21402/21403) and XSD asynchronously (430)', async () => {
    const session = await client.openSession();
    const xml = fa3Invoice(sim.sample.nip);
    const size = await client.sendInvoice(session, xml, { invoiceSize: xml.length + 1 });
    expect(size.status).toBe(400);
    expect(exceptionCode(size)).toBe(21402);
    const hash = await client.sendInvoice(session, xml, { invoiceHash: Buffer.alloc(32).toString('base64') });
    expect(exceptionCode(hash)).toBe(21403);
    const encSize = await client.sendInvoice(session, xml, { encryptedInvoiceSize: 17 });
    expect(exceptionCode(encSize)).toBe(21402);
    const problem = await client.call<ApiSchema<'BadRequestProblemDetails'>>('POST', `/sessions/online/${session.reference}/invoices`, { json: {}, headers: { 'x-error-format': 'problem-details' } });
    expect(problem.headers.get('content-type')).toBe('application/problem+json');
    expect(problem.body.errors[0]?.code).toBe(21405);
    const invalid = Buffer.from(xml.toString('utf8').replace('<P_2>', '<P_2x>').replace('</P_2>', '</P_2x>'));
    const sent = await client.sendInvoice(session, invalid);
    expect((await client.invoiceOutcome(session.reference, sent.body.referenceNumber)).body.status.code).toBe(430);
    const garbage = await client.sendInvoice(session, xml, { ciphertext: Buffer.alloc(64, 7) });
    expect((await client.invoiceOutcome(session.reference, garbage.body.referenceNumber)).body.status.code).toBe(435);
  });

  it('a key that does not unwrap opens the session and fails it with 415; unknown formCode is 21405', async () => {
    const bad = await client.openSession({ wrappedKey: Buffer.alloc(256, 1).toString('base64') });
    expect(bad.answer.status).toBe(201);
    expect((await client.call<ApiSchema<'SessionStatusResponse'>>('GET', `/sessions/${bad.reference}`)).body.status.code).toBe(415);
    const sent = await client.sendInvoice(bad, fa3Invoice(sim.sample.nip));
    expect(exceptionCode(sent)).toBe(21180);
    const form = await client.openSession({ formCode: { systemCode: 'FA(3)', schemaVersion: '1-0E', value: 'FA' } });
    expect(form.answer.status).toBe(400);
    expect(firstExceptionDetail(form.answer)).toMatchObject({ exceptionCode: 21405, details: ['Wskazany kod formularza nie jest wspierany.'] });
  });

  it('closes with 440 when nothing was sent, and expires after 12 hours', async () => {
    const empty = await client.openSession();
    await client.call('POST', `/sessions/online/${empty.reference}/close`);
    expect((await client.sessionOutcome(empty.reference)).body.status).toEqual({ code: 440, description: 'Sesja anulowana', details: ['Nie przesłano faktur'] });

    const old = await client.openSession();
    await client.sendInvoice(old, fa3Invoice(sim.sample.nip));
    sim.control.expireSession(old.reference);
    const late = await client.sendInvoice(old, fa3Invoice(sim.sample.nip));
    expect(exceptionCode(late)).toBe(21180);
    expect((await client.sessionOutcome(old.reference)).body.status.code).toBe(200);
  });

  it('pages invoices with x-continuation-token and enforces pageSize bounds; unknown ids are 400 with codes', async () => {
    const session = await client.openSession();
    for (let i = 0; i < 12; i++) await client.sendInvoice(session, fa3Invoice(sim.sample.nip));
    const first = await client.call<ApiSchema<'SessionInvoicesResponse'>>('GET', `/sessions/${session.reference}/invoices?pageSize=10`);
    expect(first.body.invoices).toHaveLength(10);
    const second = await client.call<ApiSchema<'SessionInvoicesResponse'>>('GET', `/sessions/${session.reference}/invoices?pageSize=10`, { headers: { 'x-continuation-token': first.body.continuationToken ?? '' } });
    expect(second.body.invoices.map((i) => i.ordinalNumber)).toEqual([11, 12]);
    expect(second.body.continuationToken).toBeUndefined();
    const tampered = await client.call('GET', `/sessions/${session.reference}/invoices`, { headers: { 'x-continuation-token': `${String(first.body.continuationToken)}x` } });
    expect(exceptionCode(tampered)).toBe(21418);
    expect(exceptionCode(await client.call('GET', `/sessions/${session.reference}/invoices?pageSize=5`))).toBe(21405);
    const list = await client.call<ApiSchema<'SessionsQueryResponse'>>('GET', '/sessions?sessionType=Online&pageSize=10');
    expect(list.body.sessions).toHaveLength(8); // every session this file opened, newest first
    expect(list.body.sessions[0]?.referenceNumber).toBe(session.reference);
    expect(list.body.continuationToken).toBeUndefined();
    const missing = '20260101-SO-0000000000-0000000000-00';
    expect(exceptionCode(await client.call('GET', `/sessions/${missing}`))).toBe(21173);
    expect(exceptionCode(await client.call('GET', `/sessions/${session.reference}/invoices/20260101-EE-0000000000-0000000000-00`))).toBe(21164);
    expect(exceptionCode(await client.call('GET', `/sessions/${session.reference}/upo/20260101-EU-0000000000-0000000000-00`))).toBe(21178);
  });

  it('every response above conforms to open-api.json', () => {
    expect(conformanceErrors(log)).toEqual({ errors: [], undocumented: [] });
  });
});
