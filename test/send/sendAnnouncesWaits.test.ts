// `ksef send` never stalls silently: a rate-limit wait over 2 s is printed on stderr before it
// starts. In process through main(); the command waits on the system clock (it has no clock
// option), so the one wait here is real and kept just over the 2 s threshold.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main, type CliIo } from '@ksef-connect/connector-cli';
import { startSimulator, type RunningSimulator } from '@ksef-connect/simulator';

const examples = fileURLToPath(new URL('../../examples/invoices/', import.meta.url));

let dir: string;
let simulator: RunningSimulator;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'ksef-send-waits-'));
  simulator = await startSimulator({ port: 0, limits: 'off' });
});
afterAll(async () => {
  await simulator.close();
  rmSync(dir, { recursive: true, force: true });
});

test('a 429 with Retry-After 3 is announced on stderr in words, then the send goes on', async () => {
  const xml = readFileSync(path.join(examples, 'fa3-vat-invoice.xml'), 'utf8')
    .replaceAll('5265877635', simulator.sample.nip)
    .replace(/<P_2>[^<]*<\/P_2>/, `<P_2>FV/${randomUUID()}</P_2>`);
  writeFileSync(path.join(dir, 'a.xml'), xml);
  simulator.control.injectFault({ operation: 'POST /sessions/online/{referenceNumber}/invoices', kind: 'status', status: 429, retryAfterSeconds: 3 });
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    readStdin: async () => Buffer.from(`${simulator.sample.token}\n`),
    env: {},
    cwd: dir,
  };
  const code = await main(['send', 'a.xml', '--base-url', simulator.url, '--nip', simulator.sample.nip, '--token-file', '-', '--wait-timeout', '30'], io);
  expect(err.join('')).toMatch(/\nKSeF refused online sends with 429 Too Many Requests; waiting 3 s \(until \d\d:\d\d:\d\d\) as it asked — use batch for volume\n/);
  expect(code).toBe(0);
  expect(out.join('')).toMatch(/a\.xml\s+accepted/);
});
