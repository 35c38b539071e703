import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { computeKsefNumberChecksum } from '@ksef-connect/core';
import { startSimulator, type RunningSimulator } from '@ksef-connect/simulator';
import { bufferIo } from '../__fixtures__/bufferIo.js';
import type { CliIo } from '../CliIo.js';
import { main } from '../main.js';

const examples = fileURLToPath(new URL('../../../../examples/invoices/', import.meta.url));

interface SendJson {
  sessions: Array<{ referenceNumber: string }>;
  invoices: Array<{ ksefNumber: string | null; sessionReferenceNumber: string | null; upoFile: string | null }>;
}

let dir: string;
let simulator: RunningSimulator;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'ksef-upo-cmd-'));
  simulator = await startSimulator({ port: 0 });
});
afterAll(async () => {
  await simulator.close();
  rmSync(dir, { recursive: true, force: true });
});

function tokenIo(): CliIo & { out: () => string; err: () => string } {
  return { ...bufferIo(dir), env: { KSEF_TOKEN: simulator.sample.token } };
}

/** Sends one fresh sample invoice (with --upo-dir `upoDir`) and returns the send report. */
async function sendOne(upoDir: string): Promise<SendJson> {
  const name = `${randomUUID()}.xml`;
  const xml = readFileSync(path.join(examples, 'fa3-vat-invoice.xml'), 'utf8')
    .replaceAll('5265877635', simulator.sample.nip)
    .replace(/<P_2>[^<]*<\/P_2>/, `<P_2>FV/${randomUUID()}</P_2>`);
  writeFileSync(path.join(dir, name), xml);
  const io = tokenIo();
  expect(await main(['send', name, '--base-url', simulator.url, '--nip', simulator.sample.nip, '--upo-dir', upoDir, '--json'], io)).toBe(0);
  return JSON.parse(io.out()) as SendJson;
}

const connection = (): string[] => ['--base-url', simulator.url, '--nip', simulator.sample.nip];

describe('ksef upo (in process)', () => {
  it('writes <ksefNumber>.xml, the same bytes ksef send saved; a KSeF number of another session is named, with the command that checks both', async () => {
    const first = await sendOne('upo-first');
    const second = await sendOne('upo-second');
    const ksefNumber = first.invoices[0]?.ksefNumber ?? '';
    const session = first.invoices[0]?.sessionReferenceNumber ?? '';

    const io = tokenIo();
    expect(await main(['upo', ...connection(), '--session', session, '--ksef-number', ksefNumber, '--out', 'upo-out'], io)).toBe(0);
    expect(io.out()).toBe(`UPO of ${ksefNumber} written to ${path.join('upo-out', `${ksefNumber}.xml`)}\n`);
    expect(readFileSync(path.join(dir, 'upo-out', `${ksefNumber}.xml`)).equals(readFileSync(path.join(dir, first.invoices[0]?.upoFile ?? '')))).toBe(true);

    const otherSession = second.sessions[0]?.referenceNumber ?? '';
    const wrong = tokenIo();
    expect(await main(['upo', ...connection(), '--session', otherSession, '--ksef-number', ksefNumber, '--out', 'upo-wrong'], wrong)).toBe(1);
    expect(wrong.out()).toBe('');
    expect(wrong.err()).toContain(`ksef upo: session ${otherSession} has no invoice with KSeF number ${ksefNumber}: check both with \`ksef status --session ${otherSession}\`.`);
    expect(existsSync(path.join(dir, 'upo-wrong'))).toBe(false);
  });

  it('an --out that cannot be created is named; the UPO stays downloadable', async () => {
    const sent = await sendOne('upo-ok');
    writeFileSync(path.join(dir, 'a-file'), 'not a folder');
    const io = tokenIo();
    const ksefNumber = sent.invoices[0]?.ksefNumber ?? '';
    const code = await main(['upo', ...connection(), '--session', sent.sessions[0]?.referenceNumber ?? '', '--ksef-number', ksefNumber, '--out', 'a-file/upo', '--json'], io);
    expect(code).toBe(1);
    expect(JSON.parse(io.out())).toEqual({ error: { code: 'upo.notWritten', message: `cannot write ${path.join('a-file/upo', `${ksefNumber}.xml`)} (ENOTDIR); choose another --out folder.` } });
  });

  it('bad arguments exit 1 with the reason and the usage, never quoting a secret', async () => {
    const token = 'TOKEN-THAT-MUST-NOT-LEAK-1234';
    const session = '20260101-SO-0000000000-0000000000-00';
    const data = `${simulator.sample.nip}-20260101-0123456789AB`;
    const valid = `${data}-${computeKsefNumberChecksum(data)}`;
    const cases: Array<[readonly string[], string]> = [
      [['upo', '--env', 'test', '--nip', simulator.sample.nip, '--ksef-number', token, '--out', 'x'], '--session is required: the reference of the session the invoice was sent in (KSeF serves a UPO only through its session'],
      [['upo', '--env', 'test', '--nip', simulator.sample.nip, '--session', session, '--out', 'x', '--token', token], '--ksef-number is required'],
      [['upo', '--env', 'test', '--nip', simulator.sample.nip, '--session', session, '--ksef-number', token, '--out', 'x'], '--ksef-number is not a KSeF number: KSeF number must be 35 characters'],
      [['upo', '--env', 'test', '--nip', simulator.sample.nip, '--session', session, '--ksef-number', valid], '--out is required'],
      [['upo', '--env', 'test', '--nip', simulator.sample.nip, '--session', session, '--ksef-number', `${data}-${computeKsefNumberChecksum(data) === '00' ? '01' : '00'}`, '--out', 'x'], '--ksef-number is not a KSeF number: KSeF number checksum'],
      [['upo', '--env', 'test', '--nip', simulator.sample.nip, '--session', session, '--ksef-number', valid, '--out', 'x', '--token', token, '--cert', 'c.pem', '--key', 'k.pem'], 'choose one way to authenticate'],
    ];
    for (const [args, reason] of cases) {
      const io = bufferIo(dir);
      expect(await main(args, io)).toBe(1);
      expect(io.err()).toContain(reason);
      expect(io.err()).toContain('Usage: ksef upo');
      expect(io.out() + io.err()).not.toContain(token);
    }
  });
});
