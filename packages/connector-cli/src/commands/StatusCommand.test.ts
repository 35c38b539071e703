import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createKsefClient, nipContext, parseNip } from '@ksef-connect/core';
import { startSimulator, type RunningSimulator } from '@ksef-connect/simulator';
import { bufferIo } from '../__fixtures__/bufferIo.js';
import type { CliIo } from '../CliIo.js';
import { main } from '../main.js';

const examples = fileURLToPath(new URL('../../../../examples/invoices/', import.meta.url));

interface StatusJson {
  session: { referenceNumber: string; status: { code: number; description: string; details: string[] }; invoiceCount: number | null; upoFiles: string[] };
  invoices: Array<{
    referenceNumber: string; invoiceHash: string | null; invoiceNumber: string | null; ksefNumber: string | null;
    status: { code: number; description: string; details: string[]; extensions: Record<string, string | null> | null } | null;
    upoFile: string | null; outcome: string; message: string;
  }>;
}

interface SendJson {
  sessions: Array<{ referenceNumber: string }>;
  invoices: Array<{ file: string; referenceNumber: string | null; ksefNumber: string | null; sessionReferenceNumber: string | null; outcome: string }>;
}

let dir: string;
let simulator: RunningSimulator;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'ksef-status-cmd-'));
  // Read-driven stages only: these tests assert what one read shows (e.g. a closed session at 170),
  // which a 300 ms stage delay on the real clock would race on a loaded machine.
  simulator = await startSimulator({ port: 0, config: { stageDelayMs: null } });
});
afterAll(async () => {
  await simulator.close();
  rmSync(dir, { recursive: true, force: true });
});

/** An io with the sample KSeF token in KSEF_TOKEN. */
function tokenIo(): CliIo & { out: () => string; err: () => string } {
  return { ...bufferIo(dir), env: { KSEF_TOKEN: simulator.sample.token } };
}

/** A sample FA(3) invoice for the simulator's NIP under `name`, with a fresh invoice number unless `number` is given. */
function invoice(name: string, number = `FV/${randomUUID()}`): string {
  const xml = readFileSync(path.join(examples, 'fa3-vat-invoice.xml'), 'utf8')
    .replaceAll('5265877635', simulator.sample.nip)
    .replace(/<P_2>[^<]*<\/P_2>/, `<P_2>${number}</P_2>`);
  writeFileSync(path.join(dir, name), xml);
  return name;
}

async function send(files: readonly string[], extra: readonly string[] = []): Promise<{ code: number; report: SendJson }> {
  const io = tokenIo();
  const code = await main(['send', ...files, '--base-url', simulator.url, '--nip', simulator.sample.nip, '--json', ...extra], io);
  return { code, report: JSON.parse(io.out()) as SendJson };
}

async function status(args: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  const io = tokenIo();
  const code = await main(['status', '--base-url', simulator.url, '--nip', simulator.sample.nip, ...args], io);
  return { code, out: io.out(), err: io.err() };
}

describe('ksef status (in process)', () => {
  it('--invoice reports only the invoices asked for; one the session does not have is notFound (exit 1)', async () => {
    const { code: sent, report } = await send([invoice('subset-a.xml'), invoice('subset-b.xml'), invoice('subset-c.xml')]);
    expect(sent).toBe(0);
    const session = report.sessions[0]?.referenceNumber ?? '';
    const [a, b, c] = report.invoices;
    expect(new Set(report.invoices.map((i) => i.sessionReferenceNumber))).toEqual(new Set([session]));

    const all = await status(['--session', session, '--json']);
    expect(all.code).toBe(0);
    const allReport = JSON.parse(all.out) as StatusJson;
    expect(allReport.session).toMatchObject({ referenceNumber: session, status: { code: 200 }, invoiceCount: 3, upoFiles: [] });
    expect(allReport.invoices.map((i) => i.ksefNumber).sort()).toEqual([a?.ksefNumber, b?.ksefNumber, c?.ksefNumber].sort());

    const subset = await status(['--session', session, '--invoice', c?.referenceNumber ?? '', '--invoice', a?.referenceNumber ?? '', '--json']);
    expect(subset.code).toBe(0);
    const subsetReport = JSON.parse(subset.out) as StatusJson;
    expect(subsetReport.invoices).toEqual([
      expect.objectContaining({ referenceNumber: c?.referenceNumber, ksefNumber: c?.ksefNumber, outcome: 'accepted', status: expect.objectContaining({ code: 200 }) }),
      expect.objectContaining({ referenceNumber: a?.referenceNumber, ksefNumber: a?.ksefNumber, outcome: 'accepted' }),
    ]);
    expect(subsetReport.invoices[0]?.invoiceHash).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(subsetReport.invoices[0]?.invoiceNumber).toMatch(/^FV\//);

    const missing = '20260101-EE-0000000000-0000000000-00';
    const unknown = await status(['--session', session, '--invoice', b?.referenceNumber ?? '', '--invoice', missing]);
    expect(unknown.code).toBe(1);
    expect(unknown.out).toMatch(new RegExp(`${b?.referenceNumber ?? '?'}\\s+FV/\\S+\\s+accepted\\s+${b?.ksefNumber ?? '?'}`));
    expect(unknown.out).toMatch(new RegExp(`${missing}\\s+notFound\\s+no such invoice in this session`));
    expect(unknown.out).toContain('1 accepted, 0 alreadyInKsef, 0 rejected, 0 processing, 1 notFound.');
    expect(unknown.out).toContain(`ksef status --session ${session} (without --invoice)`);
  });

  it('--wait-timeout waits for invoices KSeF is still processing (exit 0); without it one read reports them as processing (exit 3)', async () => {
    const slow = await startSimulator({ port: 0, config: { readsPerStage: 1_000_000, stageDelayMs: null } });
    try {
      const connection = ['--base-url', slow.url, '--nip', slow.sample.nip];
      const slowIo = (): CliIo & { out: () => string; err: () => string } => ({ ...bufferIo(dir), env: { KSEF_TOKEN: slow.sample.token } });
      writeFileSync(path.join(dir, 'wait.xml'), readFileSync(path.join(dir, invoice('wait-template.xml')), 'utf8').replaceAll(simulator.sample.nip, slow.sample.nip));
      const sendIo = slowIo();
      expect(await main(['send', 'wait.xml', ...connection, '--wait-timeout', '0', '--json'], sendIo)).toBe(3);
      const sent = JSON.parse(sendIo.out()) as SendJson;
      const session = sent.sessions[0]?.referenceNumber ?? '';
      const reference = sent.invoices[0]?.referenceNumber ?? '';

      const once = slowIo();
      expect(await main(['status', ...connection, '--session', session, '--json'], once)).toBe(3);
      expect((JSON.parse(once.out()) as StatusJson).invoices).toEqual([expect.objectContaining({ referenceNumber: reference, outcome: 'processing', ksefNumber: null })]);
      const human = slowIo();
      expect(await main(['status', ...connection, '--session', session], human)).toBe(3);
      // KSeF knows the invoice number only once it has processed the invoice: that column is empty.
      expect(human.out()).toMatch(new RegExp(`${reference}\\s+processing\\s+still 100 `));
      expect(human.out()).toContain('KSeF has not finished processing some invoices. Nothing was resent.');

      // KSeF finishes while ksef status waits.
      const waiting = slowIo();
      const stderr = waiting.stderr;
      const watched = {
        ...waiting,
        stderr: (text: string) => {
          if (text.startsWith('Waiting up to')) slow.control.finishProcessing(session);
          stderr(text);
        },
      };
      expect(await main(['status', ...connection, '--session', session, '--wait-timeout', '60', '--upo-dir', 'waited', '--json'], watched)).toBe(0);
      expect(waiting.err()).toContain(`Waiting up to 60 s for invoice ${reference}`);
      const waitedReport = JSON.parse(waiting.out()) as StatusJson;
      expect(waitedReport.session.status.code).toBe(200);
      expect(waitedReport.session.upoFiles).toEqual([path.join('waited', `session-${session}-1.xml`)]);
      const ksefNumber = waitedReport.invoices[0]?.ksefNumber ?? '';
      expect(waitedReport.invoices[0]).toMatchObject({ outcome: 'accepted', upoFile: path.join('waited', `${ksefNumber}.xml`) });
      expect(readFileSync(path.join(dir, 'waited', `${ksefNumber}.xml`), 'utf8')).toContain(ksefNumber);
    } finally {
      await slow.close();
    }
  });

  it('a duplicate of the same document is alreadyInKsef with the original KSeF number and its UPO (exit 0); a reused number with other content is rejected (exit 2)', async () => {
    const number = `FV/${randomUUID()}`;
    const first = await send([invoice('dup.xml', number)]);
    expect(first.code).toBe(0);
    const original = first.report.invoices[0];
    const again = await send(['dup.xml']);
    expect(again.report.invoices[0]?.outcome).toBe('alreadyInKsef');
    const session = again.report.invoices[0]?.sessionReferenceNumber ?? '';
    // The rerun's own duplicate sits in its own session; send reports the original's.
    const rerunSession = again.report.sessions[0]?.referenceNumber ?? '';
    expect(rerunSession).not.toBe(session);

    const same = await status(['--session', rerunSession, '--upo-dir', 'dup-upo', '--json']);
    expect(same.code).toBe(0);
    const sameReport = JSON.parse(same.out) as StatusJson;
    expect(sameReport.invoices[0]).toMatchObject({
      outcome: 'alreadyInKsef', ksefNumber: original?.ksefNumber, upoFile: path.join('dup-upo', `${original?.ksefNumber ?? ''}.xml`),
      status: { code: 440, extensions: { originalKsefNumber: original?.ksefNumber, originalSessionReferenceNumber: original?.sessionReferenceNumber } },
    });
    expect(readFileSync(path.join(dir, 'dup-upo', `${original?.ksefNumber ?? ''}.xml`), 'utf8')).toContain(original?.ksefNumber);

    writeFileSync(path.join(dir, 'dup.xml'), readFileSync(path.join(dir, 'dup.xml'), 'utf8').replace('</Faktura>', '<!-- edited --></Faktura>'));
    const edited = await send(['dup.xml']);
    expect(edited.code).toBe(2);
    const rejected = await status(['--session', edited.report.sessions[0]?.referenceNumber ?? '']);
    expect(rejected.code).toBe(2);
    expect(rejected.out).toMatch(/rejected\s+rejected: the invoice number is already used by \S+ \(session \S+\), a different document/);
  });

  it('a session that lists no invoices goes by its own status: still closing exits 3, cancelled (440, nothing sent) exits 2', async () => {
    const client = createKsefClient({ baseUrl: simulator.url, env: 'test', context: nipContext(parseNip(simulator.sample.nip)), credentials: { ksefToken: simulator.sample.token }, onWarning: () => undefined });
    let session: string;
    try {
      const open = await client.openOnlineSession({ formCode: 'FA (3)' });
      session = open.referenceNumber;
      await open.close();
    } finally {
      await client.close();
    }
    // The simulator shows a closed session as 170 for one read, then settles it.
    const closing = await status(['--session', session]);
    expect(closing.code).toBe(3);
    expect(closing.out).toContain(`Session ${session}: 170 `);
    expect(closing.out).toContain('The session lists no invoices.');
    const empty = await status(['--session', session, '--json']);
    expect(empty.code).toBe(2);
    expect(JSON.parse(empty.out)).toMatchObject({ session: { referenceNumber: session, status: { code: 440 } }, invoices: [] });
  });

  it('bad arguments exit 1 with the reason and the usage, never quoting a secret; --json gives {"error"}', async () => {
    const token = 'TOKEN-THAT-MUST-NOT-LEAK-1234';
    const cases: Array<[readonly string[], string]> = [
      [['status', '--env', 'test', '--nip', simulator.sample.nip, '--token', token], '--session is required'],
      [['status', '--env', 'test', '--nip', simulator.sample.nip, '--session', token], '--session is not a KSeF reference number'],
      [['status', '--env', 'test', '--nip', simulator.sample.nip, '--session', '20260101-SO-0000000000-0000000000-00', '--invoice', 'x'], '--invoice is not a KSeF reference number'],
      [['status', '--nip', simulator.sample.nip, '--session', '20260101-SO-0000000000-0000000000-00'], 'say where to look: --env test|demo|prod, or --base-url URL'],
      [['status', '--env', 'test', '--nip', simulator.sample.nip, '--session', '20260101-SO-0000000000-0000000000-00', '--wait-timeout', 'soon'], '--wait-timeout must be a number of seconds ≥ 0'],
      [['status', '--env', 'test', '--nip', token, `--token=${token}`, '--session', '20260101-SO-0000000000-0000000000-00'], '--nip is not a valid NIP'],
      [['status', '--env', 'test', '--nip', simulator.sample.nip, '--session', '20260101-SO-0000000000-0000000000-00'], 'no credentials'],
    ];
    for (const [args, reason] of cases) {
      const io = bufferIo(dir);
      expect(await main(args, io)).toBe(1);
      expect(io.err()).toContain(reason);
      expect(io.err()).toContain('Usage: ksef status');
      expect(io.out() + io.err()).not.toContain(token);
    }
    const json = bufferIo(dir);
    expect(await main(['status', '--env', 'test', '--nip', simulator.sample.nip, '--json'], json)).toBe(1);
    expect(JSON.parse(json.out())).toEqual({ error: { code: 'usage', message: expect.stringContaining('--session is required') } });
  });

  it('an unreachable KSeF exits 1 naming the address; nothing is written', async () => {
    const io = tokenIo();
    const code = await main(['status', '--base-url', 'http://127.0.0.1:1/v2', '--nip', simulator.sample.nip, '--session', '20260101-SO-0000000000-0000000000-00', '--upo-dir', 'unreachable', '--json'], io);
    expect(code).toBe(1);
    expect(JSON.parse(io.out())).toEqual({ error: { code: 'network.notSent', message: expect.stringMatching(/^Cannot reach KSeF at http:\/\/127\.0\.0\.1:1\/v2: .* Check the address/) } });
    expect(existsSync(path.join(dir, 'unreachable'))).toBe(false);
  });
});
