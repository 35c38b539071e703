import { createHash } from 'node:crypto';
import { sampleInvoice } from '../../domain/__fixtures__/invoiceTemplates.js';
import { SimulatorClock } from '../../domain/SimulatorClock.js';
import { startSimulator } from '../../startSimulator.js';
import { accessTokenFor, batchPackage, call, zipOf, type JsonResponse } from './__fixtures__/batchClient.js';

type Simulator = Awaited<ReturnType<typeof startSimulator>>;

interface PartUploadRequest {
  ordinalNumber: number;
  method: string;
  url: string;
  headers: Record<string, string>;
}

async function uploadParts(requests: PartUploadRequest[], parts: Buffer[], extraHeaders: Record<string, string> = {}): Promise<number[]> {
  return Promise.all(
    requests.map(async (r) => {
      const response = await fetch(r.url, { method: r.method, headers: { ...r.headers, ...extraHeaders }, body: new Uint8Array(parts[r.ordinalNumber - 1] ?? Buffer.alloc(0)) });
      await response.arrayBuffer();
      return response.status;
    }),
  );
}

async function pollSession(sim: Simulator, token: string, ref: string): Promise<JsonResponse> {
  for (let i = 0; i < 10; i++) {
    const status = await call(`${sim.url}/sessions/${ref}`, 'GET', { token });
    const code = (status.body.status as { code: number }).code;
    if (code !== 100 && code !== 150) return status;
  }
  throw new Error('session did not finish');
}

describe('batch session routes over HTTP', () => {
  const clock = SimulatorClock.frozen('2026-03-10T10:00:00Z');
  let sim: Simulator;
  let token: string;
  beforeAll(async () => {
    sim = await startSimulator({ clock, seed: 'batch-tests', limits: 'off', accessTokenTtlSeconds: 7 * 24 * 3600 });
    token = await accessTokenFor(sim.url, sim.sample.nip, sim.sample.token);
  });
  afterAll(async () => {
    await sim.close();
  });

  const invoice = (n: string) => sampleInvoice('fa3', { nip: sim.sample.nip, invoice_number: n });

  it('opens, uploads to pre-signed URLs, closes and processes a package to 200 with per-invoice statuses and a UPO', async () => {
    const archive = zipOf({ 'a.xml': invoice('B1'), 'b.xml': invoice('B2'), 'broken.xml': '<Faktura/>', 'dup.xml': invoice('B1') });
    const { parts, openBody } = await batchPackage(sim.url, archive, 2);
    const opened = await call(`${sim.url}/sessions/batch`, 'POST', { token, body: openBody });
    expect(opened.status).toBe(201);
    const ref = String(opened.body.referenceNumber);
    expect(ref).toMatch(/^20260310-SB-[0-9A-F]{10}-[0-9A-F]{10}-[0-9A-F]{2}$/);
    const requests = opened.body.partUploadRequests as PartUploadRequest[];
    expect(requests.map((r) => [r.ordinalNumber, r.method, r.headers])).toEqual([[1, 'PUT', { 'x-ms-blob-type': 'BlockBlob' }], [2, 'PUT', { 'x-ms-blob-type': 'BlockBlob' }]]);
    expect(requests[0]?.url.startsWith(sim.url.replace(/\/v2$/, ''))).toBe(true);

    expect(await uploadParts(requests, parts, { authorization: `Bearer ${token}` })).toEqual([401, 401]);
    expect(await uploadParts(requests, parts)).toEqual([201, 201]);
    expect((await call(`${sim.url}/sessions/batch/${ref}/close`, 'POST', { token })).status).toBe(204);

    const first = await call(`${sim.url}/sessions/${ref}`, 'GET', { token });
    expect(first.body.status).toEqual({ code: 150, description: 'Trwa przetwarzanie' });
    const done = await pollSession(sim, token, ref);
    expect(done.body).toMatchObject({
      status: { code: 200, description: 'Sesja wsadowa przetworzona pomyślnie' },
      invoiceCount: 4, successfulInvoiceCount: 2, failedInvoiceCount: 2,
    });

    const list = await call(`${sim.url}/sessions/${ref}/invoices?pageSize=10`, 'GET', { token });
    const invoices = list.body.invoices as Array<{ invoiceFileName: string; status: { code: number; extensions?: Record<string, string> }; ksefNumber?: string; invoicingDate: string }>;
    const byFile = Object.fromEntries(invoices.map((i) => [i.invoiceFileName, i]));
    expect(Object.keys(byFile).sort()).toEqual(['a.xml', 'b.xml', 'broken.xml', 'dup.xml']);
    expect(byFile['broken.xml']?.status.code).toBe(430);
    // a.xml and dup.xml carry the same number: one of them is accepted, the other is its duplicate
    const pair = [byFile['a.xml'], byFile['dup.xml']];
    const accepted = pair.find((i) => i?.status.code === 200);
    const duplicate = pair.find((i) => i?.status.code === 440);
    expect(duplicate?.status.extensions?.originalKsefNumber).toBe(accepted?.ksefNumber);
    expect(duplicate?.status.extensions?.originalSessionReferenceNumber).toBe(ref);
    expect(byFile['b.xml']?.status.code).toBe(200);
    expect(invoices.every((i) => i.invoicingDate === (done.body.dateCreated as string))).toBe(true);

    const page = (done.body.upo as { pages: Array<{ downloadUrl: string }> }).pages[0];
    if (!page) throw new Error('no UPO page');
    const upo = await fetch(page.downloadUrl);
    const upoBytes = Buffer.from(await upo.arrayBuffer());
    expect(upo.status).toBe(200);
    expect(upo.headers.get('x-ms-meta-hash')).toBe(createHash('sha256').update(upoBytes).digest('base64'));
    expect(upoBytes.toString('utf8')).toContain(`<NumerReferencyjnySesji>${ref}</NumerReferencyjnySesji>`);
  });

  describe('per-invoice stages inside a package', () => {
    /** Opens, uploads and closes a package of two invoices; returns the session reference. */
    async function sendPackage(prefix: string): Promise<string> {
      const { parts, openBody } = await batchPackage(sim.url, zipOf({ 'a.xml': invoice(`${prefix}1`), 'b.xml': invoice(`${prefix}2`) }), 1);
      const opened = await call(`${sim.url}/sessions/batch`, 'POST', { token, body: openBody });
      const ref = String(opened.body.referenceNumber);
      await uploadParts(opened.body.partUploadRequests as PartUploadRequest[], parts);
      expect((await call(`${sim.url}/sessions/batch/${ref}/close`, 'POST', { token })).status).toBe(204);
      return ref;
    }

    async function invoiceCodes(ref: string): Promise<number[]> {
      const list = await call(`${sim.url}/sessions/${ref}/invoices?pageSize=10`, 'GET', { token });
      return (list.body.invoices as Array<{ status: { code: number } }>).map((i) => i.status.code);
    }

    async function sessionCode(ref: string): Promise<number> {
      return ((await call(`${sim.url}/sessions/${ref}`, 'GET', { token })).body.status as { code: number }).code;
    }

    it('by reads: the unpacked invoices are listed at 150 first, then with their outcomes; the session settles when all are final', async () => {
      const ref = await sendPackage('R');
      const seen: Array<[number, number[]]> = [];
      for (let read = 0; read < 3; read++) {
        const code = await sessionCode(ref);
        seen.push([code, await invoiceCodes(ref)]);
      }
      expect(seen).toEqual([[150, []], [150, [150, 150]], [200, [200, 200]]]);
    });

    it('by time (stageDelayMs, nobody reading): unpacked one stage after close, invoices final one stage later', async () => {
      const ref = await sendPackage('T');
      const stage = 300; // the default stageDelayMs
      expect(await invoiceCodes(ref)).toEqual([]);
      sim.control.advanceClock(stage);
      expect(await invoiceCodes(ref)).toEqual([150, 150]);
      sim.control.advanceClock(stage);
      expect(await invoiceCodes(ref)).toEqual([200, 200]);
      expect(await sessionCode(ref)).toBe(200);
    });
  });

  it('rejects bad declarations at open: 21161, 21157, PEF form, unknown key 21470', async () => {
    const { openBody } = await batchPackage(sim.url, zipOf({ 'a.xml': invoice('O1') }), 1);
    const tooMany = { ...openBody, batchFile: { ...openBody.batchFile, fileParts: Array.from({ length: 51 }, (_, i) => ({ ordinalNumber: i + 1, fileSize: 10, fileHash: openBody.batchFile.fileHash })) } };
    const codeOf = (r: JsonResponse) => ((r.body.exception as { exceptionDetailList: Array<{ exceptionCode: number }> }).exceptionDetailList[0]?.exceptionCode);
    expect(codeOf(await call(`${sim.url}/sessions/batch`, 'POST', { token, body: tooMany }))).toBe(21161);
    const tooBig = { ...openBody, batchFile: { ...openBody.batchFile, fileParts: [{ ordinalNumber: 1, fileSize: 200_000_000, fileHash: openBody.batchFile.fileHash }] } };
    expect(codeOf(await call(`${sim.url}/sessions/batch`, 'POST', { token, body: tooBig }))).toBe(21157);
    const pef = { ...openBody, formCode: { systemCode: 'PEF (3)', schemaVersion: '2-1', value: 'PEF' } };
    expect(codeOf(await call(`${sim.url}/sessions/batch`, 'POST', { token, body: pef }))).toBe(21405);
    const unknownKey = { ...openBody, encryption: { ...openBody.encryption, publicKeyId: Buffer.alloc(32).toString('base64') } };
    expect(codeOf(await call(`${sim.url}/sessions/batch`, 'POST', { token, body: unknownKey }))).toBe(21470);
  });

  it('refuses close with a missing part (21205) or a wrong size (21157), and a second close (21180)', async () => {
    const { parts, openBody } = await batchPackage(sim.url, zipOf({ 'a.xml': invoice('C1') }), 2);
    const opened = await call(`${sim.url}/sessions/batch`, 'POST', { token, body: openBody });
    const ref = String(opened.body.referenceNumber);
    const requests = opened.body.partUploadRequests as PartUploadRequest[];
    const codeOf = (r: JsonResponse) => ((r.body.exception as { exceptionDetailList: Array<{ exceptionCode: number }> }).exceptionDetailList[0]?.exceptionCode);
    await uploadParts(requests.slice(0, 1), parts);
    expect(codeOf(await call(`${sim.url}/sessions/batch/${ref}/close`, 'POST', { token }))).toBe(21205);
    await uploadParts(requests.slice(1), [Buffer.alloc(0), Buffer.concat([parts[1] ?? Buffer.alloc(0), Buffer.alloc(16)])]);
    expect(codeOf(await call(`${sim.url}/sessions/batch/${ref}/close`, 'POST', { token }))).toBe(21157);
    await uploadParts(requests.slice(1), parts);
    expect((await call(`${sim.url}/sessions/batch/${ref}/close`, 'POST', { token })).status).toBe(204);
    expect(codeOf(await call(`${sim.url}/sessions/batch/${ref}/close`, 'POST', { token }))).toBe(21180);
  });

  it('answers 403 to uploads after the window and 21208 to a late close, cancelling the session', async () => {
    const { parts, openBody } = await batchPackage(sim.url, zipOf({ 'a.xml': invoice('W1') }), 2);
    const opened = await call(`${sim.url}/sessions/batch`, 'POST', { token, body: openBody });
    const ref = String(opened.body.referenceNumber);
    const requests = opened.body.partUploadRequests as PartUploadRequest[];
    await uploadParts(requests.slice(0, 1), parts);
    sim.control.advanceClock(40 * 60_000 + 1); // 2 parts × 20 min
    expect(await uploadParts(requests.slice(1), parts)).toEqual([403]);
    const late = await call(`${sim.url}/sessions/batch/${ref}/close`, 'POST', { token });
    expect((late.body.exception as { exceptionDetailList: Array<{ exceptionCode: number }> }).exceptionDetailList[0]?.exceptionCode).toBe(21208);
    const status = await call(`${sim.url}/sessions/${ref}`, 'GET', { token });
    expect(status.body.status).toEqual({ code: 440, description: 'Sesja anulowana', details: ['Przekroczono czas wysyłki'] });
  });

  it('fails the session with 415 for an undecryptable key and 405 for a tampered part, asynchronously', async () => {
    const archive = zipOf({ 'a.xml': invoice('K1') });
    const badKey = await batchPackage(sim.url, archive, 1);
    badKey.openBody.encryption.encryptedSymmetricKey = Buffer.alloc(256, 7).toString('base64');
    const opened = await call(`${sim.url}/sessions/batch`, 'POST', { token, body: badKey.openBody });
    expect(opened.status).toBe(201);
    await uploadParts(opened.body.partUploadRequests as PartUploadRequest[], badKey.parts);
    expect((await call(`${sim.url}/sessions/batch/${String(opened.body.referenceNumber)}/close`, 'POST', { token })).status).toBe(204);
    expect((await pollSession(sim, token, String(opened.body.referenceNumber))).body.status).toMatchObject({ code: 415 });

    const tampered = await batchPackage(sim.url, archive, 1);
    const opened2 = await call(`${sim.url}/sessions/batch`, 'POST', { token, body: tampered.openBody });
    const bytes = Buffer.from(tampered.parts[0] ?? Buffer.alloc(0));
    bytes[0] = (bytes[0] ?? 0) ^ 0xff;
    await uploadParts(opened2.body.partUploadRequests as PartUploadRequest[], [bytes]);
    expect((await call(`${sim.url}/sessions/batch/${String(opened2.body.referenceNumber)}/close`, 'POST', { token })).status).toBe(204);
    expect((await pollSession(sim, token, String(opened2.body.referenceNumber))).body.status).toMatchObject({ code: 405 });
  });

  it('reports 445 when no invoice in the package is valid', async () => {
    const { parts, openBody } = await batchPackage(sim.url, zipOf({ 'x.xml': '<Faktura/>' }), 1);
    const opened = await call(`${sim.url}/sessions/batch`, 'POST', { token, body: openBody });
    await uploadParts(opened.body.partUploadRequests as PartUploadRequest[], parts);
    await call(`${sim.url}/sessions/batch/${String(opened.body.referenceNumber)}/close`, 'POST', { token });
    const done = await pollSession(sim, token, String(opened.body.referenceNumber));
    expect(done.body).toMatchObject({ status: { code: 445, description: 'Błąd weryfikacji, brak poprawnych faktur' }, invoiceCount: 1, failedInvoiceCount: 1 });
  });

  describe('an injected processingError fault (500 "Nieznany błąd ({statusCode})")', () => {
    const closeOperation = 'POST /sessions/batch/{referenceNumber}/close';

    /** Opens a batch session for `archive` and uploads every part; returns its reference number. */
    async function openAndUpload(archive: Buffer, partCount = 1): Promise<{ ref: string; requests: PartUploadRequest[]; parts: Buffer[] }> {
      const { parts, openBody } = await batchPackage(sim.url, archive, partCount);
      const opened = await call(`${sim.url}/sessions/batch`, 'POST', { token, body: openBody });
      expect(opened.status).toBe(201);
      return { ref: String(opened.body.referenceNumber), requests: opened.body.partUploadRequests as PartUploadRequest[], parts };
    }

    /** The failed session: 150 first, then 500 with the code filled in, nothing accepted, no UPO. */
    async function expectUnknownError(ref: string, statusCode: number): Promise<void> {
      const first = await call(`${sim.url}/sessions/${ref}`, 'GET', { token });
      expect(first.body.status).toEqual({ code: 150, description: 'Trwa przetwarzanie' });
      const done = await pollSession(sim, token, ref); // `call` checks each answer against open-api.json
      expect(done.status).toBe(200);
      expect(done.body.status).toEqual({ code: 500, description: `Nieznany błąd (${statusCode})` });
      expect(done.body).toMatchObject({ invoiceCount: 0, successfulInvoiceCount: 0, failedInvoiceCount: 0 });
      expect(done.body.upo).toBeUndefined();
      const invoices = await call(`${sim.url}/sessions/${ref}/invoices?pageSize=10`, 'GET', { token });
      expect(invoices.status).toBe(200);
      expect(invoices.body.invoices).toEqual([]);
    }

    afterEach(() => {
      sim.control.clearFaults();
    });

    it('in-process: the next accepted close ends in 500 with the given statusCode; a refused close does not use it up', async () => {
      sim.control.injectFault({ operation: closeOperation, kind: 'processingError', statusCode: 1234 });
      const { ref, requests, parts } = await openAndUpload(zipOf({ 'a.xml': invoice('E1'), 'b.xml': invoice('E2') }), 2);
      // Close refused (part 2 missing): the fault stays queued for the next accepted close.
      await uploadParts(requests.slice(0, 1), parts);
      const refused = await call(`${sim.url}/sessions/batch/${ref}/close`, 'POST', { token });
      expect(refused.status).toBe(400);
      expect(sim.control.pendingFaults()).toEqual([{ operation: closeOperation, kind: 'processingError', statusCode: 1234, times: 1 }]);

      await uploadParts(requests.slice(1), parts);
      expect((await call(`${sim.url}/sessions/batch/${ref}/close`, 'POST', { token })).status).toBe(204);
      expect(sim.control.pendingFaults()).toEqual([]);
      await expectUnknownError(ref, 1234);

      // Nothing was accepted: the same invoices go through in the next session (no 440 duplicates).
      const again = await openAndUpload(zipOf({ 'a.xml': invoice('E1'), 'b.xml': invoice('E2') }));
      await uploadParts(again.requests, again.parts);
      expect((await call(`${sim.url}/sessions/batch/${again.ref}/close`, 'POST', { token })).status).toBe(204);
      expect((await pollSession(sim, token, again.ref)).body).toMatchObject({ status: { code: 200 }, successfulInvoiceCount: 2 });
    });

    it('over the HTTP control route: statusCode defaults to 500; other operations are refused with 400', async () => {
      const post = async (body: unknown) => {
        const response = await fetch(`${sim.controlUrl}/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
        return { status: response.status, text: await response.text() };
      };
      const wrongOperation = await post({ operation: 'POST /sessions/online/{referenceNumber}/close', kind: 'processingError' });
      expect(wrongOperation.status).toBe(400);
      expect(JSON.parse(wrongOperation.text)).toEqual({ error: `A processingError fault needs operation "${closeOperation}"` });
      expect((await post({ operation: closeOperation, kind: 'processingError', statusCode: 'x' })).status).toBe(400);
      expect((await post({ operation: closeOperation, kind: 'processingError' })).status).toBe(204);
      const pending = (await fetch(`${sim.controlUrl}/faults`).then((r) => r.json())) as { faults: unknown[] };
      expect(pending.faults).toEqual([{ operation: closeOperation, kind: 'processingError', times: 1 }]);

      const { ref, requests, parts } = await openAndUpload(zipOf({ 'a.xml': invoice('H1') }));
      await uploadParts(requests, parts);
      expect((await call(`${sim.url}/sessions/batch/${ref}/close`, 'POST', { token })).status).toBe(204);
      await expectUnknownError(ref, 500);
    });
  });

  describe('injected faults on the pre-signed part upload', () => {
    const uploadOperation = 'PUT /storage/batch/{referenceNumber}/parts/{ordinalNumber}';

    afterEach(() => {
      sim.control.clearFaults();
    });

    it('a status fault fails one upload (the retry is stored); a `*` fault stays with the API calls', async () => {
      const { parts, openBody } = await batchPackage(sim.url, zipOf({ 'a.xml': invoice('U1') }), 1);
      const opened = await call(`${sim.url}/sessions/batch`, 'POST', { token, body: openBody });
      const requests = opened.body.partUploadRequests as PartUploadRequest[];
      sim.control.injectFault({ operation: '*', kind: 'status', status: 500 });
      sim.control.injectFault({ operation: uploadOperation, kind: 'status', status: 503 });
      expect(await uploadParts(requests, parts)).toEqual([503]);
      expect(await uploadParts(requests, parts)).toEqual([201]);
      expect(sim.control.pendingFaults()).toEqual([{ operation: '*', kind: 'status', status: 500, times: 1 }]);
      sim.control.clearFaults();
      expect((await call(`${sim.url}/sessions/batch/${String(opened.body.referenceNumber)}/close`, 'POST', { token })).status).toBe(204);
      expect((await pollSession(sim, token, String(opened.body.referenceNumber))).body.status).toMatchObject({ code: 200 });
    });

    it('a corruptPart fault stores a damaged part: the upload answers 201 and the session ends with 405', async () => {
      const { parts, openBody } = await batchPackage(sim.url, zipOf({ 'a.xml': invoice('U2') }), 1);
      const opened = await call(`${sim.url}/sessions/batch`, 'POST', { token, body: openBody });
      const post = (body: unknown) => fetch(`${sim.controlUrl}/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect((await post({ operation: 'POST /sessions/online', kind: 'corruptPart' })).status).toBe(400);
      expect((await post({ operation: uploadOperation, kind: 'corruptPart' })).status).toBe(204);
      expect(await uploadParts(opened.body.partUploadRequests as PartUploadRequest[], parts)).toEqual([201]);
      expect(sim.control.pendingFaults()).toEqual([]);
      expect((await call(`${sim.url}/sessions/batch/${String(opened.body.referenceNumber)}/close`, 'POST', { token })).status).toBe(204);
      expect((await pollSession(sim, token, String(opened.body.referenceNumber))).body.status).toMatchObject({ code: 405 });
    });
  });
});

describe('batch processing by time', () => {
  const clock = SimulatorClock.frozen('2026-03-10T10:00:00Z');
  let sim: Simulator;
  let token: string;
  beforeAll(async () => {
    sim = await startSimulator({ clock, seed: 'batch-time', limits: 'off', accessTokenTtlSeconds: 7 * 24 * 3600 });
    token = await accessTokenFor(sim.url, sim.sample.nip, sim.sample.token);
  });
  afterAll(async () => {
    await sim.close();
  });

  it('a closed package is processed once stageDelayMs is over, without a read of the session status', async () => {
    const archive = zipOf({ 'a.xml': sampleInvoice('fa3', { nip: sim.sample.nip, invoice_number: 'T1' }) });
    const { parts, openBody } = await batchPackage(sim.url, archive, 1);
    const opened = await call(`${sim.url}/sessions/batch`, 'POST', { token, body: openBody });
    const ref = String(opened.body.referenceNumber);
    expect(await uploadParts(opened.body.partUploadRequests as PartUploadRequest[], parts)).toEqual([201]);
    expect((await call(`${sim.url}/sessions/batch/${ref}/close`, 'POST', { token })).status).toBe(204);
    sim.control.advanceClock(300);
    // The invoice list is read first: the package was unpacked when its 150 stage ran out, and its
    // invoice is in its own processing stage; one stage later it has its outcome.
    const invoices = await call(`${sim.url}/sessions/${ref}/invoices`, 'GET', { token });
    expect((invoices.body.invoices as Array<{ status: { code: number } }>).map((i) => i.status.code)).toEqual([150]);
    sim.control.advanceClock(300);
    const later = await call(`${sim.url}/sessions/${ref}/invoices`, 'GET', { token });
    expect((later.body.invoices as Array<{ status: { code: number } }>).map((i) => i.status.code)).toEqual([200]);
    expect((await call(`${sim.url}/sessions/${ref}`, 'GET', { token })).body.status).toEqual({ code: 200, description: 'Sesja wsadowa przetworzona pomyślnie' });
  });
});
