// The batch transport of the one submission pipeline, against the simulator over real HTTP: the
// package is built, declared, uploaded to pre-signed URLs and processed by the simulator's own
// (independent) unpacking, and every input ends with exactly one outcome.
import { createKsefClient, invoiceFromBytes, nipContext, parseNip, submitInvoices, type KsefClient, type SubmissionEvent, type SubmissionItem } from '@ksef-connect/core';
import { startSimulator, type RunningSimulator } from '@ksef-connect/simulator';
import { sampleInvoice } from '../client/invoiceFixtures.js';
import { simulatorClock } from '../client/simulatorClock.js';

const partUpload = 'PUT /storage/batch/{referenceNumber}/parts/{ordinalNumber}';

describe('InvoiceSubmission with transport batch, against the simulator', () => {
  let simulator: RunningSimulator;
  let client: KsefClient;
  let clock: ReturnType<typeof simulatorClock>;

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0 });
  });

  afterAll(async () => {
    await simulator.close();
  });

  beforeEach(() => {
    clock = simulatorClock(simulator);
    client = createKsefClient({
      baseUrl: simulator.url,
      env: 'test',
      context: nipContext(parseNip(simulator.sample.nip)),
      credentials: { ksefToken: simulator.sample.token },
      clock,
      onWarning: () => undefined,
    });
  });

  afterEach(async () => {
    simulator.control.clearFaults();
    await client.close();
  });

  const invoices = (count: number, prefix: string): SubmissionItem[] =>
    Array.from({ length: count }, (_, i) => invoiceFromBytes(`${prefix}-${i + 1}.xml`, sampleInvoice('FA (3)', simulator.sample.nip)));

  it('sends a multi-part ZIP package: hooks in order, progress, KSeF numbers, invoice and session UPOs', async () => {
    const items = invoices(12, 'zip');
    const events: SubmissionEvent[] = [];
    const hooks: string[] = [];
    const upos: string[] = [];
    const report = await submitInvoices(client, items, {
      transport: 'batch',
      batch: { partSizeBytes: 8_000, uploadConcurrency: 3 },
      clock,
      onEvent: (e) => events.push(e),
      beforeSend: (i) => void hooks.push(`before ${i.item.name} ${i.sessionReferenceNumber}`),
      afterSend: (r) => void hooks.push(`after ${r.item.name} ${r.invoiceReferenceNumber}`),
      onUpo: (u) => void upos.push(u.kind),
    });
    expect(report.stopped).toBeNull();
    expect(report.sessions).toHaveLength(1);
    const session = report.sessions[0]?.referenceNumber ?? '';
    expect(session).toMatch(/-SB-/);
    expect(report.sessions[0]?.status?.code).toBe(200);
    expect(report.invoices.map((i) => i.outcome.kind)).toEqual(items.map(() => 'accepted'));
    expect(report.invoices.every((i) => i.outcome.sessionReferenceNumber === session && /^\d{10}-/.test(i.outcome.ksefNumber ?? ''))).toBe(true);
    const built = events.find((e) => e.type === 'packageBuilt');
    expect(built).toMatchObject({ invoices: 12 });
    const parts = built?.type === 'packageBuilt' ? built.parts : 0;
    expect(parts).toBeGreaterThan(1);
    const uploaded = events.filter((e) => e.type === 'partUploaded');
    expect(uploaded.map((e) => e.type === 'partUploaded' && e.uploadedParts)).toEqual(Array.from({ length: parts }, (_, i) => i + 1));
    // Every intent is recorded before the upload, every result (no reference yet) after the close.
    expect(hooks).toEqual([...items.map((i) => `before ${i.name} ${session}`), ...items.map((i) => `after ${i.name} null`)]);
    expect(upos.filter((k) => k === 'invoice')).toHaveLength(12);
    expect(upos).toContain('session');
  });

  it('sends a TAR.GZ package', async () => {
    const report = await submitInvoices(client, invoices(3, 'tar'), { transport: 'batch', batch: { compression: 'TarGz' }, clock });
    expect(report.invoices.map((i) => i.outcome.kind)).toEqual(['accepted', 'accepted', 'accepted']);
  });

  it('reports an invoice KSeF rejects inside the package, a rerun as alreadyInKsef, and duplicates within one package as invalid naming both files', async () => {
    const firstXml = sampleInvoice('FA (3)', simulator.sample.nip, 'FV/BATCH/1');
    const first = invoiceFromBytes('first.xml', firstXml);
    await submitInvoices(client, [first], { transport: 'batch', clock });
    const changed = Buffer.from(Buffer.from(firstXml).toString('utf8').replace('</Faktura>', '<!-- changed --></Faktura>'));
    const report = await submitInvoices(
      client,
      [
        invoiceFromBytes('other-content.xml', changed),
        invoiceFromBytes('dir-a/same.xml', sampleInvoice('FA (3)', simulator.sample.nip, 'FV/BATCH/2')),
        invoiceFromBytes('dir-b/same.xml', sampleInvoice('FA (3)', simulator.sample.nip, 'FV/BATCH/3')),
        invoiceFromBytes('twin.xml', sampleInvoice('FA (3)', simulator.sample.nip, 'FV/BATCH/2')),
      ],
      { transport: 'batch', clock },
    );
    const rerun = await submitInvoices(client, [first], { transport: 'batch', clock });
    expect(rerun.invoices[0]?.outcome.kind).toBe('alreadyInKsef');
    const byName = Object.fromEntries(report.invoices.map((i) => [i.name, i.outcome]));
    expect(byName['other-content.xml']).toMatchObject({ kind: 'rejected', status: { code: 440 } });
    expect(byName['other-content.xml']?.message).toContain('already used by a different document');
    expect(byName['dir-a/same.xml']?.kind).toBe('accepted');
    expect(byName['dir-b/same.xml']).toMatchObject({ kind: 'invalid' });
    expect(byName['dir-b/same.xml']?.message).toContain('file name same.xml is already taken in the same batch package by dir-a/same.xml');
    expect(byName['twin.xml']).toMatchObject({ kind: 'invalid' });
    expect(byName['twin.xml']?.message).toContain('invoice number FV/BATCH/2 is already used in the same batch package by dir-a/same.xml');
  });

  it('retries a part upload that failed once, on the injected clock', async () => {
    simulator.control.injectFault({ operation: partUpload, kind: 'status', status: 503 });
    const report = await submitInvoices(client, invoices(2, 'retry'), { transport: 'batch', clock });
    expect(report.invoices.map((i) => i.outcome.kind)).toEqual(['accepted', 'accepted']);
    expect(simulator.control.pendingFaults()).toEqual([]);
    expect(clock.slept).toContain(1_000);
  });

  it('a part upload that keeps failing stops the run; its invoices end notSent, naming the session', async () => {
    simulator.control.injectFault({ operation: partUpload, kind: 'status', status: 503, times: 10 });
    const report = await submitInvoices(client, invoices(2, 'down'), { transport: 'batch', clock });
    const session = report.sessions[0]?.referenceNumber;
    expect(report.stopped).toBe('error');
    expect(report.invoices.map((i) => [i.outcome.kind, i.outcome.sessionReferenceNumber])).toEqual([['notSent', session], ['notSent', session]]);
    expect(report.invoices[0]?.outcome.message).toContain(`uploading the package of batch session ${session} failed`);
    expect(clock.slept.filter((ms) => ms >= 1_000)).toEqual([1_000, 2_000, 4_000]);
  });

  it('splits a package over the invoice limit into several sessions', async () => {
    const report = await submitInvoices(client, invoices(5, 'split'), { transport: 'batch', batch: { maxInvoicesPerSession: 2 }, clock });
    expect(report.sessions).toHaveLength(3);
    expect(report.invoices.map((i) => i.outcome.kind)).toEqual(Array(5).fill('accepted'));
    const perSession = report.sessions.map((s) => report.invoices.filter((i) => i.outcome.sessionReferenceNumber === s.referenceNumber).length);
    expect(perSession).toEqual([2, 2, 1]);
  });

  it('splits a package that would need more than 50 parts into several sessions', async () => {
    const events: SubmissionEvent[] = [];
    // 1 000-byte parts: at most 50 000 archive bytes per session; each sample invoice is ~3.5 kB.
    const report = await submitInvoices(client, invoices(20, 'parts'), { transport: 'batch', batch: { partSizeBytes: 1_000, uploadConcurrency: 8 }, clock, onEvent: (e) => events.push(e) });
    expect(report.invoices.map((i) => i.outcome.kind)).toEqual(Array(20).fill('accepted'));
    const built = events.flatMap((e) => (e.type === 'packageBuilt' ? [e] : []));
    expect(built.length).toBeGreaterThan(1);
    expect(report.sessions).toHaveLength(built.length);
    expect(built.every((b) => b.parts <= 50)).toBe(true);
    expect(built.reduce((sum, b) => sum + b.invoices, 0)).toBe(20);
  });

  it('reports a corrupted part as a failed session; its invoices are sent again in a new session', async () => {
    simulator.control.injectFault({ operation: partUpload, kind: 'corruptPart' });
    const problems: string[] = [];
    const report = await submitInvoices(client, invoices(2, 'corrupt'), { transport: 'batch', clock, onEvent: (e) => void (e.type === 'problem' && problems.push(e.message)) });
    expect(report.sessions.map((s) => s.status?.code)).toEqual([405, 200]);
    expect(problems).toEqual([expect.stringMatching(new RegExp(`^Batch session ${report.sessions[0]?.referenceNumber} ended with status 405 `))]);
    expect(report.invoices.map((i) => [i.outcome.kind, i.outcome.sessionReferenceNumber])).toEqual([
      ['accepted', report.sessions[1]?.referenceNumber],
      ['accepted', report.sessions[1]?.referenceNumber],
    ]);
  });

  it('without resend rounds, the invoices of a corrupted package end notSent, saying why', async () => {
    simulator.control.injectFault({ operation: partUpload, kind: 'corruptPart' });
    const report = await submitInvoices(client, invoices(2, 'corrupt-once'), { transport: 'batch', clock, resendRounds: 0 });
    const session = report.sessions[0]?.referenceNumber;
    expect(report.invoices.map((i) => i.outcome.kind)).toEqual(['notSent', 'notSent']);
    expect(report.invoices[0]?.outcome.message).toContain(`batch session ${session} ended with status 405`);
  });

  it('packs files read ahead: one unreadable and one changed after validation end invalid, each named, the rest are accepted', async () => {
    const items = invoices(12, 'ahead');
    const reads = new Map<string, number>();
    // Read once to validate, then again to pack: the second read fails for one file and differs for another.
    const secondRead = (name: string, second: () => Promise<Uint8Array>): SubmissionItem => {
      const item = items.find((i) => i.name === name);
      if (item === undefined) throw new Error(name);
      return { name, read: async () => ((reads.set(name, (reads.get(name) ?? 0) + 1).get(name) ?? 0) > 1 ? second() : item.read()) };
    };
    items[2] = secondRead('ahead-3.xml', () => Promise.reject(new Error('EACCES: permission denied')));
    items[9] = secondRead('ahead-10.xml', async () => sampleInvoice('FA (3)', simulator.sample.nip));
    const report = await submitInvoices(client, items, { transport: 'batch', clock });
    expect(report.invoices.map((i) => i.outcome.kind)).toEqual(['accepted', 'accepted', 'invalid', ...Array(6).fill('accepted'), 'invalid', 'accepted', 'accepted']);
    expect(report.invoices[2]?.outcome.message).toBe('ahead-3.xml could not be read any more (EACCES: permission denied); it was not sent.');
    expect(report.invoices[9]?.outcome.message).toMatch(/^ahead-10\.xml changed after it was validated; it was not sent/);
  });

  it('refuses an invoice over the size limit as invalid and sends the rest', async () => {
    const big = Buffer.from(Buffer.from(sampleInvoice('FA (3)', simulator.sample.nip)).toString('utf8').replace('</Faktura>', `<!--${'x'.repeat(1_000_001)}--></Faktura>`));
    const report = await submitInvoices(client, [invoiceFromBytes('big.xml', big), ...invoices(1, 'small')], { transport: 'batch', clock });
    expect(report.invoices.map((i) => i.outcome.kind)).toEqual(['invalid', 'accepted']);
    expect(report.invoices[0]?.outcome.message).toMatch(/^big\.xml is not valid .*KSeF accepts at most 1000000 bytes.*it was not sent/);
  });
});
