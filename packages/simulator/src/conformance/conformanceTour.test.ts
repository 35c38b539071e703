// The conformance tour (issue "KSeF 2.0 simulator", Done when: "every response it produces validates
// against open-api.json, checked by a test over all routes"). It drives every route of the
// simulator's route table over real HTTP — each `/v2` operation to a success and to a documented
// error — checks every request it sends and every answer with OpenApiContract, and finally compares
// the routes it reached with the routes the simulator serves, so a route added without coverage fails.
import { zipSync } from 'fflate';
import { OpenApiContract } from '@ksef-connect/spec';
import { sampleInvoice } from '../domain/__fixtures__/invoiceTemplates.js';
import { SimulatorClock } from '../domain/SimulatorClock.js';
import { startSimulator, type RunningSimulator } from '../startSimulator.js';
import { aesEncrypt, freshSessionKey, rsaOaepEncrypt, sha256Base64 } from './__fixtures__/inProcessCrypto.js';
import { signAuthTokenRequest } from './__fixtures__/signAuthTokenRequest.js';
import { TourClient, type SpecAllowance, type TourAnswer } from './__fixtures__/TourClient.js';

/** Inconsistencies of open-api.json itself that the simulator follows the prose on. None today. */
const specAllowances: readonly SpecAllowance[] = [];

type Usage = 'KsefTokenEncryption' | 'SymmetricKeyEncryption';
interface Certificate { certificate: string; publicKeyId: string; usage: string[] }
interface Status { code: number; description: string; details?: string[]; extensions?: Record<string, string> }
interface AuthInit { referenceNumber: string; authenticationToken: { token: string } }
interface InvoiceStatus { referenceNumber: string; status: Status; ksefNumber?: string; upoDownloadUrl?: string; invoiceFileName?: string }
interface SessionStatus { status: Status; upo?: { pages: Array<{ referenceNumber: string; downloadUrl: string }> } }
interface Exception { exception: { exceptionDetailList: Array<{ exceptionCode: number }> } }
interface Problem { status: number; errors?: Array<{ code: number }>; reasonCode?: string }

/** The parsed JSON body; the tour client has already validated it against the operation's schema. */
const body = <T>(answer: TourAnswer): T => answer.json as T;

/** The exception code of a legacy 400 (`ExceptionResponse`) or a problem-details 400. */
function exceptionCode(answer: TourAnswer): number | undefined {
  if (answer.contentType === 'application/problem+json') return body<Problem>(answer).errors?.[0]?.code;
  return body<Exception>(answer).exception.exceptionDetailList[0]?.exceptionCode;
}

const unknownReference = '20260310-SO-0000000000-0000000000-00';
const unknownPublicKeyId = sha256Base64(Buffer.from('a key the simulator never published'));

describe('conformance tour: every served route against open-api.json', () => {
  const clock = SimulatorClock.frozen('2026-03-10T10:00:00Z');
  let sim: RunningSimulator;
  let client: TourClient;
  let nip: string;

  // Shared across the steps (they run in order).
  let onlineRef = '';
  let acceptedInvoice: InvoiceStatus | undefined;
  let onlineUpoPage = '';
  let batchRef = '';
  let batchKsefNumber = '';
  let batchUpoPage = '';

  beforeAll(async () => {
    // Limits off while touring; the limits step switches to the production profile over HTTP.
    sim = await startSimulator({ clock, seed: 'conformance-tour', limits: 'off' });
    client = new TourClient(sim, specAllowances);
    nip = sim.sample.nip;
  });
  afterAll(() => sim.close());

  const certificate = async (usage: Usage): Promise<Certificate> => {
    const list = await client.call('GET', '/security/public-key-certificates', { token: null });
    expect(list.status).toBe(200);
    const found = body<Certificate[]>(list).find((c) => c.usage.includes(usage));
    if (found === undefined) throw new Error(`no ${usage} certificate`);
    return found;
  };

  const challenge = async (): Promise<{ challenge: string; timestampMs: number }> => {
    const answer = await client.call('POST', '/auth/challenge', { token: null });
    expect(answer.status).toBe(200);
    return body(answer);
  };

  const ksefTokenInit = async (ksefToken: string, options: { publicKeyId?: string; challenge?: string; problemDetails?: boolean } = {}): Promise<TourAnswer> => {
    const issued = await challenge();
    const cert = await certificate('KsefTokenEncryption');
    return client.call('POST', '/auth/ksef-token', {
      token: null,
      ...(options.problemDetails === undefined ? {} : { problemDetails: options.problemDetails }),
      json: {
        challenge: options.challenge ?? issued.challenge,
        contextIdentifier: { type: 'Nip', value: nip },
        encryptedToken: rsaOaepEncrypt(cert.certificate, Buffer.from(`${ksefToken}|${issued.timestampMs}`)).toString('base64'),
        publicKeyId: options.publicKeyId ?? cert.publicKeyId,
      },
    });
  };

  /** Polls `GET /auth/{ref}` with the operation token until it leaves 100. */
  const authOutcome = async (init: AuthInit): Promise<Status> => {
    for (let i = 0; i < 5; i++) {
      const answer = await client.call('GET', `/auth/${init.referenceNumber}`, { token: init.authenticationToken.token });
      expect(answer.status).toBe(200);
      const { status } = body<{ status: Status }>(answer);
      if (status.code !== 100) return status;
    }
    throw new Error('authentication stayed at 100');
  };

  /** Full KSeF-token login; returns the redeemed tokens. */
  const login = async (ksefToken: string): Promise<{ accessToken: string; refreshToken: string; init: AuthInit }> => {
    const answer = await ksefTokenInit(ksefToken);
    expect(answer.status).toBe(202);
    const init = body<AuthInit>(answer);
    expect((await authOutcome(init)).code).toBe(200);
    const redeemed = await client.call('POST', '/auth/token/redeem', { token: init.authenticationToken.token });
    expect(redeemed.status).toBe(200);
    const tokens = body<{ accessToken: { token: string }; refreshToken: { token: string } }>(redeemed);
    return { accessToken: tokens.accessToken.token, refreshToken: tokens.refreshToken.token, init };
  };

  const openOnline = async (options: { publicKeyId?: string; token?: string } = {}): Promise<{ answer: TourAnswer; key: Buffer; iv: Buffer }> => {
    const { key, iv } = freshSessionKey();
    const cert = await certificate('SymmetricKeyEncryption');
    const answer = await client.call('POST', '/sessions/online', {
      ...(options.token === undefined ? {} : { token: options.token }),
      json: {
        formCode: { systemCode: 'FA (3)', schemaVersion: '1-0E', value: 'FA' },
        encryption: {
          encryptedSymmetricKey: rsaOaepEncrypt(cert.certificate, key).toString('base64'),
          initializationVector: iv.toString('base64'),
          publicKeyId: options.publicKeyId ?? cert.publicKeyId,
        },
      },
    });
    return { answer, key, iv };
  };

  const sendInvoice = (ref: string, session: { key: Buffer; iv: Buffer }, xml: Buffer, tweak: { invoiceSize?: number } = {}): Promise<TourAnswer> => {
    const ciphertext = aesEncrypt(session.key, session.iv, xml);
    return client.call('POST', `/sessions/online/${ref}/invoices`, {
      json: {
        invoiceHash: sha256Base64(xml),
        invoiceSize: tweak.invoiceSize ?? xml.length,
        encryptedInvoiceHash: sha256Base64(ciphertext),
        encryptedInvoiceSize: ciphertext.length,
        encryptedInvoiceContent: ciphertext.toString('base64'),
      },
    });
  };

  const invoiceOutcome = async (sessionRef: string, invoiceRef: string): Promise<InvoiceStatus> => {
    for (let i = 0; i < 6; i++) {
      const answer = await client.call('GET', `/sessions/${sessionRef}/invoices/${invoiceRef}`);
      expect(answer.status).toBe(200);
      const status = body<InvoiceStatus>(answer);
      if (status.status.code !== 100 && status.status.code !== 150) return status;
    }
    throw new Error('invoice never finished');
  };

  const sessionOutcome = async (sessionRef: string): Promise<SessionStatus> => {
    for (let i = 0; i < 6; i++) {
      const answer = await client.call('GET', `/sessions/${sessionRef}`);
      expect(answer.status).toBe(200);
      const status = body<SessionStatus>(answer);
      if (![100, 150, 170].includes(status.status.code)) return status;
    }
    throw new Error('session never finished');
  };

  const control = async (method: string, path: string, json?: unknown): Promise<TourAnswer> => {
    const answer = await client.call(method, `/_simulator${path}`, { token: null, ...(json === undefined ? {} : { json }) });
    expect(answer.status).toBeLessThan(300);
    return answer;
  };

  const fault429 = (operation: string, retryAfterSeconds = 2): Promise<TourAnswer> =>
    control('POST', '/faults', { operation, kind: 'status', status: 429, retryAfterSeconds });

  it('public keys and authentication: KSeF token, XAdES, status, redeem, refresh', async () => {
    await certificate('SymmetricKeyEncryption');
    await fault429('GET /security/public-key-certificates', 3);
    expect(body<{ faults: unknown[] }>(await control('GET', '/faults')).faults).toHaveLength(1);
    const throttled = await client.call('GET', '/security/public-key-certificates', { token: null });
    expect([throttled.status, throttled.headers.get('retry-after'), throttled.contentType]).toEqual([429, '3', 'application/json']);
    await fault429('POST /auth/challenge');
    const busy = await client.call('POST', '/auth/challenge', { token: null, problemDetails: true });
    expect([busy.status, busy.contentType]).toEqual([429, 'application/problem+json']);
    await fault429('POST /auth/challenge');
    await control('DELETE', '/faults');
    expect(body<{ faults: unknown[] }>(await control('GET', '/faults')).faults).toEqual([]);

    const session = await login(sim.sample.token);
    client.accessToken = session.accessToken;

    // redeem is once only (21301); status needs the operation token (401) of that very operation (21304)
    const again = await client.call('POST', '/auth/token/redeem', { token: session.init.authenticationToken.token });
    expect([again.status, exceptionCode(again)]).toEqual([400, 21301]);
    const anonymous = await client.call('GET', `/auth/${session.init.referenceNumber}`, { token: null });
    expect([anonymous.status, anonymous.contentType]).toEqual([401, 'application/problem+json']);

    const refreshed = await client.call('POST', '/auth/token/refresh', { token: session.refreshToken });
    expect(refreshed.status).toBe(200);
    const wrongKind = await client.call('POST', '/auth/token/refresh', { token: session.accessToken });
    expect(wrongKind.status).toBe(401);

    // an unknown challenge is 21111, in both error formats
    const unknownChallenge = await ksefTokenInit(sim.sample.token, { challenge: '20260310-CR-0000000000-0000000000-00' });
    expect([unknownChallenge.status, exceptionCode(unknownChallenge)]).toEqual([400, 21111]);
    const problem = await ksefTokenInit(sim.sample.token, { challenge: '20260310-CR-0000000000-0000000000-00', problemDetails: true });
    expect([problem.status, problem.contentType, exceptionCode(problem)]).toEqual([400, 'application/problem+json', 21111]);

    // XAdES: a PESEL subject granted rights in the sample NIP's context through the control API
    const pesel = '80010112345';
    await control('POST', '/permissions', { context: { type: 'Nip', value: nip }, subject: { type: 'Pesel', value: pesel }, permissions: ['InvoiceWrite', 'InvoiceRead'] });
    const signed = await signAuthTokenRequest({ challenge: (await challenge()).challenge, contextNip: nip, subject: `CN=Jan Kowalski, 2.5.4.5=PESEL-${pesel}, C=PL`, now: clock.now() });
    const xadesInit = await client.call('POST', '/auth/xades-signature', { token: null, xml: signed });
    expect(xadesInit.status).toBe(202);
    const xades = body<AuthInit>(xadesInit);
    expect((await authOutcome(xades)).code).toBe(200);
    const stale = await client.call('POST', '/auth/xades-signature', {
      token: null,
      xml: await signAuthTokenRequest({ challenge: '20260310-CR-0000000000-0000000000-00', contextNip: nip, subject: `CN=Jan Kowalski, 2.5.4.5=PESEL-${pesel}, C=PL`, now: clock.now() }),
    });
    expect([stale.status, exceptionCode(stale)]).toEqual([400, 21111]);
    // the KSeF-token operation's token does not open the XAdES operation
    const foreign = await client.call('GET', `/auth/${xades.referenceNumber}`, { token: session.init.authenticationToken.token });
    expect([foreign.status, exceptionCode(foreign)]).toEqual([400, 21304]);

    // an emergency rotation withdraws the old token key at once: its id is 21470
    const old = await certificate('KsefTokenEncryption');
    const rotated = body<{ publicKeyId: string }>(await control('POST', '/keys/rotate', { usage: 'KsefTokenEncryption', emergency: true }));
    expect(rotated.publicKeyId).not.toBe(old.publicKeyId);
    const withdrawn = await ksefTokenInit(sim.sample.token, { publicKeyId: old.publicKeyId });
    expect([withdrawn.status, exceptionCode(withdrawn)]).toEqual([400, 21470]);
  });

  it('KSeF tokens: generate, list, read, revoke', async () => {
    const created = await client.call('POST', '/tokens', { json: { permissions: ['InvoiceRead'], description: 'Token testu zgodności' } });
    expect(created.status).toBe(202);
    const { referenceNumber } = body<{ referenceNumber: string; token: string }>(created);
    const anonymous = await client.call('POST', '/tokens', { token: null, json: { permissions: ['InvoiceRead'], description: 'Token bez logowania' } });
    expect(anonymous.status).toBe(401);

    const list = await client.call('GET', '/tokens?pageSize=10&status=Pending&status=Active');
    expect(list.status).toBe(200);
    expect(body<{ tokens: Array<{ referenceNumber: string }> }>(list).tokens.map((t) => t.referenceNumber)).toContain(referenceNumber);
    const badFilter = await client.call('GET', '/tokens?status=Unknown');
    expect([badFilter.status, exceptionCode(badFilter)]).toEqual([400, 21405]);

    const read = await client.call('GET', `/tokens/${referenceNumber}`);
    expect([read.status, body<{ status: string }>(read).status]).toEqual([200, 'Pending']);
    const missing = await client.call('GET', `/tokens/${unknownReference}`);
    expect(missing.status).toBe(400);

    expect((await client.call('DELETE', `/tokens/${referenceNumber}`)).status).toBe(204);
    expect(body<{ status: string }>(await client.call('GET', `/tokens/${referenceNumber}`)).status).toBe('Revoked');
    // authenticating with the revoked token is accepted (202) and then fails with status 450
    const revokedInit = await ksefTokenInit(body<{ token: string }>(created).token);
    expect(revokedInit.status).toBe(202);
    expect((await authOutcome(body<AuthInit>(revokedInit))).code).toBe(450);
    const revokeMissing = await client.call('DELETE', `/tokens/${unknownReference}`, { problemDetails: true });
    expect([revokeMissing.status, revokeMissing.contentType]).toEqual([400, 'application/problem+json']);
  });

  it('active authentication sessions: list, revoke one by reference, revoke the current one', async () => {
    interface AuthSessions { items: Array<{ referenceNumber: string; isCurrent: boolean; status: Status }>; continuationToken?: string }
    const other = await login(sim.sample.token);
    const listed = await client.call('GET', '/auth/sessions?pageSize=10');
    expect(listed.status).toBe(200);
    const items = body<AuthSessions>(listed).items;
    expect(items.map((i) => i.referenceNumber)).toContain(other.init.referenceNumber);
    expect(items.filter((i) => i.isCurrent)).toHaveLength(1);
    expect(items.every((i) => i.status.code === 200)).toBe(true);
    const tooSmall = await client.call('GET', '/auth/sessions?pageSize=5');
    expect([tooSmall.status, exceptionCode(tooSmall)]).toEqual([400, 21405]);

    // Revoked by reference: its refresh token stops working, its access token lives on until it
    // expires (auth/sesje.md), the list no longer shows it and its status reads 425.
    expect((await client.call('DELETE', `/auth/sessions/${other.init.referenceNumber}`)).status).toBe(204);
    expect((await client.call('POST', '/auth/token/refresh', { token: other.refreshToken })).status).toBe(401);
    const stillListed = await client.call('GET', '/auth/sessions?pageSize=10', { token: other.accessToken });
    expect(stillListed.status).toBe(200);
    expect(body<AuthSessions>(stillListed).items.map((i) => i.referenceNumber)).not.toContain(other.init.referenceNumber);
    expect((await authOutcome(other.init)).code).toBe(425);
    const unknown = await client.call('DELETE', '/auth/sessions/20260310-AU-0000000000-0000000000-00');
    expect([unknown.status, exceptionCode(unknown)]).toEqual([400, 21405]);

    // The current session, revoked with its own refresh token; nothing without a token.
    const third = await login(sim.sample.token);
    expect((await client.call('DELETE', '/auth/sessions/current', { token: third.refreshToken })).status).toBe(204);
    expect((await client.call('POST', '/auth/token/refresh', { token: third.refreshToken })).status).toBe(401);
    const anonymous = await client.call('DELETE', '/auth/sessions/current', { token: null });
    expect([anonymous.status, anonymous.contentType]).toEqual([401, 'application/problem+json']);
    const withOperationToken = await client.call('DELETE', '/auth/sessions/current', { token: third.init.authenticationToken.token });
    expect(withOperationToken.status).toBe(401);
  });

  it('online session: open, send, close, statuses, UPOs and their pre-signed links', async () => {
    // A token without InvoiceWrite may not open a session (403).
    const readOnly = body<{ token: string }>(await control('POST', '/tokens', { nip, permissions: ['InvoiceRead'] }));
    const reader = await login(readOnly.token);
    const forbidden = await openOnline({ token: reader.accessToken });
    expect([forbidden.answer.status, forbidden.answer.contentType, body<Problem>(forbidden.answer).reasonCode]).toEqual([403, 'application/problem+json', 'missing-permissions']);
    const unknownKey = await openOnline({ publicKeyId: unknownPublicKeyId });
    expect([unknownKey.answer.status, exceptionCode(unknownKey.answer)]).toEqual([400, 21470]);

    const session = await openOnline();
    expect(session.answer.status).toBe(201);
    onlineRef = body<{ referenceNumber: string }>(session.answer).referenceNumber;

    const number = 'FV/TOUR/1';
    const sent = await sendInvoice(onlineRef, session, sampleInvoice('fa3', { nip, invoice_number: number }));
    expect(sent.status).toBe(202);
    const wrongSize = await sendInvoice(onlineRef, session, sampleInvoice('fa3', { nip, invoice_number: 'FV/TOUR/2' }), { invoiceSize: 12 });
    expect([wrongSize.status, exceptionCode(wrongSize)]).toEqual([400, 21402]);
    const broken = await sendInvoice(onlineRef, session, Buffer.from('<Faktura/>'));
    expect(broken.status).toBe(202);

    acceptedInvoice = await invoiceOutcome(onlineRef, body<{ referenceNumber: string }>(sent).referenceNumber);
    expect(acceptedInvoice.status.code).toBe(200);
    const rejected = await invoiceOutcome(onlineRef, body<{ referenceNumber: string }>(broken).referenceNumber);
    expect(rejected.status.code).toBeGreaterThanOrEqual(400);
    const unknownInvoice = await client.call('GET', `/sessions/${onlineRef}/invoices/${unknownReference}`);
    expect([unknownInvoice.status, exceptionCode(unknownInvoice)]).toEqual([400, 21164]);

    const failed = await client.call('GET', `/sessions/${onlineRef}/invoices/failed`);
    expect(body<{ invoices: InvoiceStatus[] }>(failed).invoices.map((i) => i.status.code)).toEqual([rejected.status.code]);
    const failedUnknown = await client.call('GET', `/sessions/${unknownReference}/invoices/failed`);
    expect([failedUnknown.status, exceptionCode(failedUnknown)]).toEqual([400, 21173]);

    expect((await client.call('POST', `/sessions/online/${onlineRef}/close`)).status).toBe(204);
    const closeAgain = await client.call('POST', `/sessions/online/${onlineRef}/close`);
    expect([closeAgain.status, exceptionCode(closeAgain)]).toEqual([400, 21180]);
    const outcome = await sessionOutcome(onlineRef);
    expect(outcome.status.code).toBe(200);
    onlineUpoPage = outcome.upo?.pages[0]?.referenceNumber ?? '';
    const pageUrl = outcome.upo?.pages[0]?.downloadUrl ?? '';
    expect(onlineUpoPage).not.toBe('');
    const unknownSession = await client.call('GET', `/sessions/${unknownReference}`);
    expect([unknownSession.status, exceptionCode(unknownSession)]).toEqual([400, 21173]);

    // The three authenticated UPO downloads, each with its hash header
    const invoiceRef = acceptedInvoice.referenceNumber;
    const ksefNumber = acceptedInvoice.ksefNumber ?? '';
    for (const path of [`/sessions/${onlineRef}/invoices/${invoiceRef}/upo`, `/sessions/${onlineRef}/invoices/ksef/${ksefNumber}/upo`, `/sessions/${onlineRef}/upo/${onlineUpoPage}`]) {
      const upo = await client.call('GET', path);
      expect([upo.status, upo.contentType, upo.headers.get('x-ms-meta-hash')]).toEqual([200, 'application/xml', sha256Base64(upo.bytes)]);
    }
    const noUpo = await client.call('GET', `/sessions/${onlineRef}/invoices/${body<{ referenceNumber: string }>(broken).referenceNumber}/upo`);
    expect([noUpo.status, exceptionCode(noUpo)]).toEqual([400, 21178]);

    // The pre-signed links: no Authorization, and a tampered signature is refused
    const fresh = await invoiceOutcome(onlineRef, invoiceRef);
    for (const link of [fresh.upoDownloadUrl ?? '', pageUrl]) {
      const upo = await client.call('GET', link, { token: null });
      expect([upo.status, upo.headers.get('x-ms-meta-hash')]).toEqual([200, sha256Base64(upo.bytes)]);
      const tampered = await client.call('GET', link.replace(/sig=[^&]+/, 'sig=AAAA'), { token: null });
      expect(tampered.status).toBe(403);
    }

    const sessions = await client.call('GET', '/sessions?sessionType=Online&pageSize=10');
    expect(body<{ sessions: Array<{ referenceNumber: string }> }>(sessions).sessions.map((s) => s.referenceNumber)).toContain(onlineRef);
    const noType = await client.call('GET', '/sessions');
    expect([noType.status, exceptionCode(noType)]).toEqual([400, 21405]);

    // Other outcomes through the same schemas: a duplicate (440 with the original's number) in a
    // session that then has no valid invoice (445), a session closed empty (440), a bad key (415).
    const second = await openOnline();
    const secondRef = body<{ referenceNumber: string }>(second.answer).referenceNumber;
    const duplicate = await sendInvoice(secondRef, second, sampleInvoice('fa3', { nip, invoice_number: number }));
    const duplicateStatus = await invoiceOutcome(secondRef, body<{ referenceNumber: string }>(duplicate).referenceNumber);
    expect([duplicateStatus.status.code, duplicateStatus.status.extensions?.originalKsefNumber]).toEqual([440, acceptedInvoice.ksefNumber]);
    expect((await client.call('POST', `/sessions/online/${secondRef}/close`)).status).toBe(204);
    expect((await sessionOutcome(secondRef)).status.code).toBe(445);
    const empty = await openOnline();
    const emptyRef = body<{ referenceNumber: string }>(empty.answer).referenceNumber;
    expect((await client.call('POST', `/sessions/online/${emptyRef}/close`)).status).toBe(204);
    expect((await sessionOutcome(emptyRef)).status.code).toBe(440);
    const tokenCert = await certificate('KsefTokenEncryption');
    const symmetricCert = await certificate('SymmetricKeyEncryption');
    const badKey = await client.call('POST', '/sessions/online', {
      json: {
        formCode: { systemCode: 'FA (3)', schemaVersion: '1-0E', value: 'FA' },
        // wrapped for the wrong key: the open is accepted, the session fails asynchronously
        encryption: { encryptedSymmetricKey: rsaOaepEncrypt(tokenCert.certificate, freshSessionKey().key).toString('base64'), initializationVector: freshSessionKey().iv.toString('base64'), publicKeyId: symmetricCert.publicKeyId },
      },
    });
    expect(badKey.status).toBe(201);
    const badKeyRef = body<{ referenceNumber: string }>(badKey).referenceNumber;
    expect((await sessionOutcome(badKeyRef)).status.code).toBe(415);
    // an empty online session counts as Cancelled, the others as Failed (ksef-api.md §4.4)
    const listed = async (status: string): Promise<string[]> =>
      body<{ sessions: Array<{ referenceNumber: string }> }>(await client.call('GET', `/sessions?sessionType=Online&statuses=${status}&pageSize=10`)).sessions.map((s) => s.referenceNumber).sort();
    expect(await listed('Cancelled')).toEqual([emptyRef]);
    expect(await listed('Failed')).toEqual([secondRef, badKeyRef].sort());

    // A session past its 12 hours no longer takes invoices (21180)
    const expiring = await openOnline();
    const expiringRef = body<{ referenceNumber: string }>(expiring.answer).referenceNumber;
    await control('POST', `/sessions/${expiringRef}/expire`);
    const late = await sendInvoice(expiringRef, expiring, sampleInvoice('fa3', { nip, invoice_number: 'FV/TOUR/3' }));
    expect([late.status, exceptionCode(late)]).toEqual([400, 21180]);

    // finishProcessing gives a pending invoice its outcome at once (the next read is final)
    const finishing = await openOnline();
    const finishingRef = body<{ referenceNumber: string }>(finishing.answer).referenceNumber;
    const pending = await sendInvoice(finishingRef, finishing, sampleInvoice('fa3', { nip, invoice_number: 'FV/TOUR/4' }));
    await control('POST', `/sessions/${finishingRef}/finish`);
    const finished = await client.call('GET', `/sessions/${finishingRef}/invoices/${body<{ referenceNumber: string }>(pending).referenceNumber}`);
    expect(body<{ status: { code: number } }>(finished).status.code).toBe(200);
  });

  it('batch session: open, pre-signed uploads, close, paged invoice list, UPO', async () => {
    // eleven invoices, so the invoice list needs a second page at the smallest page size (10)
    const files = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`fv-${i + 1}.xml`, new Uint8Array(sampleInvoice('fa3', { nip, invoice_number: `FV/TOUR/B${i + 1}` }))]));
    const archive = Buffer.from(zipSync(files));
    const { key, iv } = freshSessionKey();
    const half = Math.ceil(archive.length / 2);
    const parts = [archive.subarray(0, half), archive.subarray(half)].map((plain) => aesEncrypt(key, iv, plain));
    const cert = await certificate('SymmetricKeyEncryption');
    const declaration = (publicKeyId: string) => ({
      formCode: { systemCode: 'FA (3)', schemaVersion: '1-0E', value: 'FA' },
      batchFile: {
        fileSize: archive.length,
        fileHash: sha256Base64(archive),
        fileParts: parts.map((p, i) => ({ ordinalNumber: i + 1, fileSize: p.length, fileHash: sha256Base64(p) })),
      },
      encryption: { encryptedSymmetricKey: rsaOaepEncrypt(cert.certificate, key).toString('base64'), initializationVector: iv.toString('base64'), publicKeyId },
    });
    const unknownKey = await client.call('POST', '/sessions/batch', { json: declaration(unknownPublicKeyId) });
    expect([unknownKey.status, exceptionCode(unknownKey)]).toEqual([400, 21470]);
    const opened = await client.call('POST', '/sessions/batch', { json: declaration(cert.publicKeyId) });
    expect(opened.status).toBe(201);
    const open = body<{ referenceNumber: string; partUploadRequests: Array<{ ordinalNumber: number; method: string; url: string; headers: Record<string, string> }> }>(opened);
    batchRef = open.referenceNumber;

    for (const request of open.partUploadRequests) {
      const bytes = parts[request.ordinalNumber - 1] ?? Buffer.alloc(0);
      // a Bearer token on a pre-signed URL would leak it: refused
      const leaking = await client.call(request.method, request.url, { bytes, headers: request.headers });
      expect(leaking.status).toBe(401);
      const uploaded = await client.call(request.method, request.url, { token: null, bytes, headers: request.headers });
      expect(uploaded.status).toBe(201);
    }
    expect((await client.call('POST', `/sessions/batch/${batchRef}/close`)).status).toBe(204);
    const closeAgain = await client.call('POST', `/sessions/batch/${batchRef}/close`);
    expect([closeAgain.status, exceptionCode(closeAgain)]).toEqual([400, 21180]);
    const outcome = await sessionOutcome(batchRef);
    expect(outcome.status.code).toBe(200);
    batchUpoPage = outcome.upo?.pages[0]?.referenceNumber ?? '';

    const first = await client.call('GET', `/sessions/${batchRef}/invoices?pageSize=10`);
    const continuation = first.headers.get('x-continuation-token') ?? body<{ continuationToken?: string }>(first).continuationToken ?? '';
    expect(continuation).not.toBe('');
    const second = await client.call('GET', `/sessions/${batchRef}/invoices?pageSize=10`, { headers: { 'x-continuation-token': continuation } });
    const invoices = [...body<{ invoices: InvoiceStatus[] }>(first).invoices, ...body<{ invoices: InvoiceStatus[] }>(second).invoices];
    expect(invoices.map((i) => i.invoiceFileName).sort()).toEqual(Object.keys(files).sort());
    expect(invoices.every((i) => i.status.code === 200)).toBe(true);
    batchKsefNumber = invoices[0]?.ksefNumber ?? '';
    const tampered = await client.call('GET', `/sessions/${batchRef}/invoices?pageSize=10`, { headers: { 'x-continuation-token': `${continuation}x` } });
    expect([tampered.status, exceptionCode(tampered)]).toEqual([400, 21418]);

    // A package whose key was wrapped for the wrong certificate is accepted, then fails with 415.
    const tokenCert = await certificate('KsefTokenEncryption');
    const badKey = { ...declaration(cert.publicKeyId), encryption: { ...declaration(cert.publicKeyId).encryption, encryptedSymmetricKey: rsaOaepEncrypt(tokenCert.certificate, key).toString('base64') } };
    const badOpen = body<typeof open>(await client.call('POST', '/sessions/batch', { json: badKey }));
    for (const request of badOpen.partUploadRequests) {
      expect((await client.call(request.method, request.url, { token: null, bytes: parts[request.ordinalNumber - 1] ?? Buffer.alloc(0), headers: request.headers })).status).toBe(201);
    }
    expect((await client.call('POST', `/sessions/batch/${badOpen.referenceNumber}/close`)).status).toBe(204);
    expect((await sessionOutcome(badOpen.referenceNumber)).status.code).toBe(415);
    const batches = await client.call('GET', '/sessions?sessionType=Batch&pageSize=10');
    expect(body<{ sessions: Array<{ referenceNumber: string }> }>(batches).sessions.map((s) => s.referenceNumber).sort()).toEqual([batchRef, badOpen.referenceNumber].sort());

    // UPOs of one session are not found through another (21178)
    const crossKsef = await client.call('GET', `/sessions/${onlineRef}/invoices/ksef/${batchKsefNumber}/upo`);
    expect([crossKsef.status, exceptionCode(crossKsef)]).toEqual([400, 21178]);
    const crossPage = await client.call('GET', `/sessions/${onlineRef}/upo/${batchUpoPage}`, { problemDetails: true });
    expect([crossPage.status, crossPage.contentType, exceptionCode(crossPage)]).toEqual([400, 'application/problem+json', 21178]);
  });

  it('limits: what is in force, and 429 from the production profile and from faults', async () => {
    for (const path of ['/rate-limits', '/limits/context', '/limits/subject']) expect((await client.call('GET', path)).status).toBe(200);

    // the production profile allows GET /rate-limits 10 times a second (open-api.json x-rate-limits)
    await control('PUT', '/rate-limits', { profile: 'prd' });
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await client.call('GET', '/rate-limits')).status);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const legacy = await client.call('GET', '/rate-limits');
    expect([legacy.status, legacy.contentType]).toEqual([429, 'application/json']);
    const problem = await client.call('GET', '/rate-limits', { problemDetails: true });
    expect([problem.status, problem.contentType]).toEqual([429, 'application/problem+json']);
    await control('PUT', '/rate-limits', { profile: 'off' });

    await fault429('GET /limits/subject');
    expect((await client.call('GET', '/limits/subject')).status).toBe(429);

    // an access token past its lifetime is 401
    expect(body<{ now: string }>(await control('GET', '/clock')).now).toMatch(/^2026-03-10T/);
    await control('POST', '/clock', { advanceMs: 16 * 60_000 });
    const expired = await client.call('GET', '/limits/context');
    expect([expired.status, expired.contentType]).toEqual([401, 'application/problem+json']);
  });

  it('reached every route the simulator serves, each /v2 operation with a success and an error', () => {
    const contract = OpenApiContract.load();
    // The route table itself: every /v2 route is an operation of open-api.json, under the same template.
    const notInSpec = sim.routes
      .filter((r) => r.path.startsWith('/v2/'))
      .filter((r) => contract.findOperation(r.method, r.path)?.template !== r.path.slice(3))
      .map((r) => `${r.method} ${r.path}`);
    const gaps = client.gaps();
    const report = { notInSpec, ...gaps, unmatched: client.unmatched };
    if (Object.values(report).some((list) => list.length > 0)) {
      console.log(`conformance tour gaps:\n${JSON.stringify(report, null, 2)}`);
    }
    expect(report).toEqual({ notInSpec: [], unvisited: [], withoutSuccess: [], withoutError: [], unmatched: [] });
    // The observed /v2 set equals the served /v2 set (not merely contains it).
    const observed = [...client.visits.values()].filter((v) => v.statuses.size > 0).map((v) => `${v.route.method} ${v.route.path}`).sort();
    const served = sim.routes.map((r) => `${r.method} ${r.path}`).sort();
    expect(observed).toEqual(served);
    expect(sim.routes.filter((r) => r.path.startsWith('/v2/')).length).toBeGreaterThanOrEqual(30);
    expect(client.checked).toBeGreaterThan(100);
  });
});
