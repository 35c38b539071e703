import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fileMetadata } from '../crypto/FileMetadata.js';
import type { Clock } from '../time/Clock.js';
import { FakeKsef } from './__fixtures__/FakeKsef.js';
import { InvoiceSubmission, type InvoiceSubmissionOptions } from './InvoiceSubmission.js';
import type { SubmissionEvent } from './SubmissionEvent.js';
import type { UpoDelivery } from './SubmissionHooks.js';
import { invoiceFromBytes, type SubmissionItem } from './SubmissionItem.js';
import type { SubmissionOutcome } from './SubmissionOutcome.js';

const template = readFileSync(fileURLToPath(new URL('../../../../examples/invoices/fa3-vat-invoice.xml', import.meta.url)), 'utf8');

function invoice(name: string, number = `FV/${randomUUID()}`): SubmissionItem {
  return invoiceFromBytes(name, Buffer.from(template.replace(/<P_2>[^<]*<\/P_2>/, `<P_2>${number}</P_2>`)));
}

let now: number;
let clock: Clock;
let ksef: FakeKsef;
beforeEach(() => {
  now = Date.parse('2026-03-01T10:00:00Z');
  clock = { now: () => new Date(now), sleep: async (ms, signal) => { signal?.throwIfAborted(); now += ms; } };
  ksef = new FakeKsef(clock);
});

interface Recorded {
  readonly events: SubmissionEvent[];
  readonly log: string[];
  readonly outcomes: Map<string, SubmissionOutcome[]>;
  readonly upos: UpoDelivery[];
}

function recorder(): Recorded & Required<Pick<InvoiceSubmissionOptions, 'beforeSend' | 'afterSend' | 'onOutcome' | 'onUpo' | 'onEvent'>> {
  const rec: Recorded = { events: [], log: [], outcomes: new Map(), upos: [] };
  return {
    ...rec,
    onEvent: (event) => void rec.events.push(event),
    beforeSend: (intent) => {
      // The intent is known before anything went out: KSeF does not have this hash yet.
      const taken = [...ksef.sessions.values()].some((s) => s.invoices.some((i) => i.invoiceHash === intent.invoiceHash));
      rec.log.push(`before ${intent.item.name} ${taken ? 'ALREADY SENT' : 'unsent'}`);
    },
    afterSend: (result) => void rec.log.push(`after ${result.item.name} ${result.invoiceReferenceNumber === null ? 'unknown' : 'ref'}`),
    onOutcome: (item, outcome) => void rec.outcomes.set(item.name, [...(rec.outcomes.get(item.name) ?? []), outcome]),
    onUpo: (upo) => void rec.upos.push(upo),
  };
}

describe('InvoiceSubmission', () => {
  it('validates first, sends each valid invoice once, and gives every input exactly one outcome with its UPO', async () => {
    const rec = recorder();
    const broken = invoiceFromBytes('broken.xml', Buffer.from(template.replace('<P_15>', '<P_15>abc')));
    const items = [invoice('a.xml'), broken, invoice('b.xml'), invoice('c.xml')];
    const report = await new InvoiceSubmission(ksef, { ...rec, clock, env: 'test' }).run(items);

    expect(report.stopped).toBeNull();
    expect(report.invoices.map((i) => [i.name, i.outcome.kind])).toEqual([['a.xml', 'accepted'], ['broken.xml', 'invalid'], ['b.xml', 'accepted'], ['c.xml', 'accepted']]);
    expect(report.invoices[1]?.outcome.issues[0]).toMatchObject({ rule: 'xsd', message: expect.stringContaining('P_15') });
    // One outcome per input through the hook too, and the same as in the report.
    for (const entry of report.invoices) expect(rec.outcomes.get(entry.name)).toEqual([entry.outcome]);
    // beforeSend ran before each upload, afterSend after it; the invalid file never reached either.
    expect(rec.log.filter((l) => l.startsWith('before')).sort()).toEqual(['before a.xml unsent', 'before b.xml unsent', 'before c.xml unsent']);
    expect(rec.log.filter((l) => l.startsWith('after')).sort()).toEqual(['after a.xml ref', 'after b.xml ref', 'after c.xml ref']);
    // Matched by hash: each outcome's reference is the one KSeF lists for that file's hash.
    const [session] = ksef.sessions.values();
    expect(session?.invoices).toHaveLength(3);
    for (const entry of report.invoices.filter((i) => i.outcome.kind === 'accepted')) {
      const listed = session?.invoices.find((i) => i.invoiceHash === entry.invoiceHash);
      expect(entry.outcome.invoiceReferenceNumber).toBe(listed?.referenceNumber);
      expect(entry.outcome.ksefNumber).toBe(listed?.ksefNumber);
    }
    expect(rec.upos.filter((u) => u.kind === 'invoice').map((u) => (u.kind === 'invoice' ? u.ksefNumber : '')).sort()).toEqual(report.invoices.flatMap((i) => i.outcome.ksefNumber ?? []).sort());
    expect(rec.upos.filter((u) => u.kind === 'session')).toHaveLength(1);
    expect(report.sessions).toEqual([{ referenceNumber: session?.referenceNumber, formCode: 'FA (3)', status: { code: 200, description: expect.any(String) } }]);
  });

  it('a rerun of the same documents ends alreadyInKsef with the original KSeF number and the original UPO; a reused number with other content is rejected', async () => {
    const same = invoice('same.xml', 'FV/1/2026');
    const reused = invoice('reused.xml', 'FV/2/2026');
    const first = await new InvoiceSubmission(ksef, { clock, env: 'test' }).run([same, reused]);
    expect(first.invoices.map((i) => i.outcome.kind)).toEqual(['accepted', 'accepted']);

    const rec = recorder();
    const changed = invoiceFromBytes('reused.xml', Buffer.from(template.replace(/<P_2>[^<]*<\/P_2>/, '<P_2>FV/2/2026</P_2>').replace('</Faktura>', '<!-- other --></Faktura>')));
    const second = await new InvoiceSubmission(ksef, { ...rec, clock, env: 'test' }).run([same, changed]);
    const [again, other] = second.invoices;
    expect(again?.outcome).toMatchObject({
      kind: 'alreadyInKsef',
      ksefNumber: first.invoices[0]?.outcome.ksefNumber,
      sessionReferenceNumber: first.invoices[0]?.outcome.sessionReferenceNumber,
      invoiceReferenceNumber: first.invoices[0]?.outcome.invoiceReferenceNumber,
    });
    expect(rec.upos.find((u) => u.kind === 'invoice')).toMatchObject({ ksefNumber: first.invoices[0]?.outcome.ksefNumber, sessionReferenceNumber: first.invoices[0]?.outcome.sessionReferenceNumber });
    expect(other?.outcome.kind).toBe('rejected');
    expect(other?.outcome.status?.code).toBe(440);
    expect(other?.outcome.message).toContain(`its invoice number is already used by a different document (KSeF number ${first.invoices[1]?.outcome.ksefNumber}`);
    // One listing per run's own session, and the original session listed once for both duplicates.
    expect(ksef.calls.filter((c) => c === 'sessions.invoices').length).toBe(3);
  });

  it('a lost response after KSeF took the invoice is found by hash, never resent', async () => {
    ksef.sendFaults.push('lostAfterTaking');
    const rec = recorder();
    const report = await new InvoiceSubmission(ksef, { ...rec, clock, env: 'test', concurrency: 1 }).run([invoice('lost.xml'), invoice('next.xml')]);
    expect(report.invoices.map((i) => i.outcome.kind)).toEqual(['accepted', 'accepted']);
    expect(ksef.calls.filter((c) => c === 'onlineSession.sendInvoice')).toHaveLength(2);
    expect(rec.events).toContainEqual(expect.objectContaining({ type: 'sent', name: 'lost.xml', recoveredByQuery: true }));
  });

  it('an upload KSeF provably never got (503, absent once the session is final) is sent again in a new session; without resend rounds it is notSent', async () => {
    ksef.sendFaults.push('failWithoutTaking');
    const rec = recorder();
    const report = await new InvoiceSubmission(ksef, { ...rec, clock, env: 'test' }).run([invoice('flaky.xml'), invoice('fine.xml')]);
    expect(report.invoices.map((i) => [i.name, i.outcome.kind])).toEqual([['flaky.xml', 'accepted'], ['fine.xml', 'accepted']]);
    expect(ksef.sessions.size).toBe(2);
    expect(rec.events).toContainEqual({ type: 'resending', invoices: 1 });
    expect(rec.log).toContain('after flaky.xml unknown');
    expect(report.invoices[0]?.outcome.sessionReferenceNumber).toBe([...ksef.sessions.keys()][1]);

    ksef.sendFaults.push('failWithoutTaking');
    const once = await new InvoiceSubmission(ksef, { clock, env: 'test', resendRounds: 0 }).run([invoice('flaky2.xml')]);
    expect(once.invoices[0]?.outcome).toMatchObject({ kind: 'notSent', message: expect.stringMatching(/never arrived\. Sending it again is safe: run the same command again\./) });
  });

  it('a 400 on upload is that invoice\'s rejection; the run goes on', async () => {
    ksef.sendFaults.push('badRequest');
    const report = await new InvoiceSubmission(ksef, { clock, env: 'test', concurrency: 1 }).run([invoice('bad.xml'), invoice('good.xml')]);
    expect(report.invoices.map((i) => i.outcome.kind)).toEqual(['rejected', 'accepted']);
    expect(report.invoices[0]?.outcome.status).toMatchObject({ code: 21403 });
  });

  it('a close answered 500 is retried; a session that cannot be closed still has its invoices looked up, and stays unknown with the ksef status command to run', async () => {
    ksef.closeFailures = 2;
    const retried = await new InvoiceSubmission(ksef, { clock, env: 'test' }).run([invoice('a.xml')]);
    expect(retried.invoices[0]?.outcome.kind).toBe('accepted');
    expect(ksef.calls.filter((c) => c === 'onlineSession.close')).toHaveLength(3);

    ksef.closeFailures = 10;
    const rec = recorder();
    const stuck = await new InvoiceSubmission(ksef, { ...rec, clock, env: 'test', waitTimeoutMs: 5_000 }).run([invoice('b.xml')]);
    const outcome = stuck.invoices[0]?.outcome;
    expect(outcome?.kind).toBe('unknown');
    expect(outcome?.message).toContain(`ksef status --session ${outcome?.sessionReferenceNumber} --invoice ${outcome?.invoiceReferenceNumber}`);
    expect(rec.events).toContainEqual(expect.objectContaining({ type: 'problem', message: expect.stringContaining('Could not close session') }));
  });

  it('interrupted: the send in flight finishes, nothing further is sent, the session is closed, and every input is accounted for', async () => {
    const controller = new AbortController();
    let uploads = 0;
    ksef.onUpload = () => {
      if (++uploads === 2) controller.abort();
    };
    const items = Array.from({ length: 6 }, (_, n) => invoice(`${n}.xml`));
    const report = await new InvoiceSubmission(ksef, { clock, env: 'test', concurrency: 1, signal: controller.signal }).run(items);
    expect(report.stopped).toBe('interrupted');
    expect(report.invoices.map((i) => i.outcome.kind)).toEqual(['accepted', 'accepted', 'notSent', 'notSent', 'notSent', 'notSent']);
    expect(report.invoices[2]?.outcome.message).toContain('the run was interrupted before it was sent');
    expect([...ksef.sessions.values()].every((s) => s.closed)).toBe(true);
    expect(ksef.calls.filter((c) => c === 'onlineSession.sendInvoice')).toHaveLength(2);
  });

  it('KSeF unreachable mid-run stops it: what was sent is reported, the rest notSent, and run() resolves', async () => {
    ksef.sendFaults.push('unreachable');
    const report = await new InvoiceSubmission(ksef, { clock, env: 'test', concurrency: 1 }).run([invoice('x.xml'), invoice('y.xml')]);
    expect(report.stopped).toBe('error');
    expect(report.error).toMatchObject({ code: 'network.notSent' });
    expect(report.invoices.map((i) => i.outcome.kind)).toEqual(['notSent', 'notSent']);
  });

  it('a beforeSend hook that fails stops the run before that invoice goes out', async () => {
    const items = [invoice('one.xml'), invoice('two.xml')];
    const report = await new InvoiceSubmission(ksef, {
      clock,
      env: 'test',
      concurrency: 1,
      beforeSend: (intent) => {
        if (intent.item.name === 'two.xml') throw new Error('ledger is read-only');
      },
    }).run(items);
    expect(report.stopped).toBe('error');
    expect(report.invoices.map((i) => i.outcome.kind)).toEqual(['accepted', 'notSent']);
    const hashes = [...ksef.sessions.values()].flatMap((s) => s.invoices.map((i) => i.invoiceHash));
    expect(hashes).toEqual([report.invoices[0]?.invoiceHash]);
    expect(hashes).not.toContain(report.invoices[1]?.invoiceHash ?? fileMetadata(Buffer.from('')).hashSHA);
  });

  it('a file that changes between validation and sending is not sent', async () => {
    let reads = 0;
    const original = invoice('moving.xml');
    const moving: SubmissionItem = { name: 'moving.xml', read: async () => (++reads === 1 ? original.read() : Buffer.from(template)) };
    const report = await new InvoiceSubmission(ksef, { clock, env: 'test' }).run([moving]);
    expect(report.invoices[0]?.outcome).toMatchObject({ kind: 'invalid', issues: [expect.objectContaining({ rule: 'changed' })] });
    expect(ksef.calls).not.toContain('onlineSession.sendInvoice');
  });
});
