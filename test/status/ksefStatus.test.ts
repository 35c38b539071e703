// End to end: the built `ksef status` and `ksef upo` in child processes against simulators over
// real HTTP, looking up what the built `ksef send` left behind (the root `npm test` builds first).
// The simulators run in this process, so children are spawned asynchronously.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { envWithoutKsefToken, ksefBin, runProcess, type ProcessRun } from '../support/runProcess.js';
import { computeKsefNumberChecksum, generateTestCertificate } from '@ksef-connect/core';
import { startSimulator, type RunningSimulator } from '@ksef-connect/simulator';

const root = fileURLToPath(new URL('../../', import.meta.url));
const examples = path.join(root, 'examples/invoices');

/** The built `ksef` in the test folder; the child never inherits a KSEF_TOKEN from whoever runs the tests. */
function runKsef(args: string[], options: { env?: Record<string, string> } = {}): Promise<ProcessRun> {
  return runProcess(process.execPath, [ksefBin, ...args], { cwd: dir, env: { ...envWithoutKsefToken, ...options.env } });
}

interface SendJson {
  sessions: Array<{ referenceNumber: string }>;
  invoices: Array<{ sessionReferenceNumber: string | null; referenceNumber: string | null; ksefNumber: string | null; upoFile: string | null; outcome: string }>;
}

interface StatusJson {
  session: { referenceNumber: string; status: { code: number; description: string; details: string[] }; upoFiles: string[] };
  invoices: Array<{ referenceNumber: string; invoiceHash: string | null; invoiceNumber: string | null; ksefNumber: string | null; status: { code: number } | null; upoFile: string | null; outcome: string; message: string }>;
}



function expectNoSecret(run: ProcessRun, ...secrets: string[]): void {
  for (const secret of secrets) {
    expect(run.stdout).not.toContain(secret);
    expect(run.stderr).not.toContain(secret);
  }
}

let dir: string;
let simulator: RunningSimulator;
let slow: RunningSimulator;

/** A bundled sample invoice for `nip` with a fresh invoice number; returns its relative path. */
function invoice(nip: string): string {
  const name = `${randomUUID()}.xml`;
  const xml = readFileSync(path.join(examples, 'fa3-vat-invoice.xml'), 'utf8')
    .replaceAll('5265877635', nip)
    .replace(/<P_2>[^<]*<\/P_2>/, `<P_2>FV/${randomUUID()}</P_2>`);
  writeFileSync(path.join(dir, name), xml);
  return name;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'ksef-e2e-status-'));
  simulator = await startSimulator({ port: 0 });
  // Every processing stage lasts a million status reads: nothing finishes until the test says so.
  slow = await startSimulator({ port: 0, config: { readsPerStage: 1_000_000, stageDelayMs: null } });
  writeFileSync(path.join(dir, 'token.txt'), `${simulator.sample.token}\n`);
  writeFileSync(path.join(dir, 'slow-token.txt'), `${slow.sample.token}\n`);
});
afterAll(async () => {
  await Promise.all([simulator.close(), slow.close()]);
  rmSync(dir, { recursive: true, force: true });
});

describe('ksef status (end to end)', () => {
  it('recovers a run that exited 3: still processing → exit 3; once KSeF has finished → exit 0 with the KSeF number, UPOs named as ksef send names them', async () => {
    const connection = ['--base-url', slow.url, '--nip', slow.sample.nip, '--token-file', 'slow-token.txt'];
    const sent = await runKsef(['send', invoice(slow.sample.nip), ...connection, '--wait-timeout', '1', '--json']);
    expect(sent.status).toBe(3);
    const sentInvoice = (JSON.parse(sent.stdout) as SendJson).invoices[0];
    const session = sentInvoice?.sessionReferenceNumber ?? '';
    expect(sentInvoice?.outcome).toBe('unknown');

    const early = await runKsef(['status', ...connection, '--session', session, '--upo-dir', 'recovered', '--json']);
    expect(early.status).toBe(3);
    const earlyReport = JSON.parse(early.stdout) as StatusJson;
    expect(earlyReport.session.status.code).toBe(170);
    expect(earlyReport.invoices).toMatchObject([{ referenceNumber: sentInvoice?.referenceNumber, ksefNumber: null, outcome: 'processing', upoFile: null }]);
    expect(existsSync(path.join(dir, 'recovered'))).toBe(false);

    slow.control.finishProcessing(session);
    const later = await runKsef(['status', ...connection, '--session', session, '--upo-dir', 'recovered']);
    expect(later.stderr).toContain(`Looking up session ${session}`);
    expect(later.status).toBe(0);
    const ksefNumber = /accepted\s+(\S+)/.exec(later.stdout)?.[1] ?? '';
    expect(ksefNumber).toMatch(new RegExp(`^${slow.sample.nip}-\\d{8}-[0-9A-F]{12}-[0-9A-F]{2}$`));
    expect(later.stdout).toContain(`Session ${session}: 200 `);
    expect(later.stdout).toContain(`${sentInvoice?.referenceNumber ?? '?'}  `);
    expect(later.stdout).toContain('1 accepted, 0 alreadyInKsef, 0 rejected, 0 processing, 0 notFound.');
    expect(later.stdout).toContain(`Session UPO: ${path.join('recovered', `session-${session}-1.xml`)}`);
    const upo = readFileSync(path.join(dir, 'recovered', `${ksefNumber}.xml`), 'utf8');
    expect(upo).toContain(`<NumerKSeFDokumentu>${ksefNumber}</NumerKSeFDokumentu>`);
    expect(readFileSync(path.join(dir, 'recovered', `session-${session}-1.xml`), 'utf8')).toContain(ksefNumber);
  });

  it('ksef upo downloads byte for byte the UPO ksef send --upo-dir wrote; --json names the file', async () => {
    const connection = ['--base-url', simulator.url, '--nip', simulator.sample.nip, '--token-file', 'token.txt'];
    const sent = await runKsef(['send', invoice(simulator.sample.nip), ...connection, '--upo-dir', 'upo-send', '--json']);
    expect(sent.status).toBe(0);
    const entry = (JSON.parse(sent.stdout) as SendJson).invoices[0];
    const ksefNumber = entry?.ksefNumber ?? '';
    const session = entry?.sessionReferenceNumber ?? '';

    const upo = await runKsef(['upo', ...connection, '--session', session, '--ksef-number', ksefNumber, '--out', 'upo-again', '--json']);
    expect(upo.stderr).toBe(`Downloading the UPO of ${ksefNumber} from session ${session} at ${simulator.url} for NIP ${simulator.sample.nip} (KSeF token from --token-file token.txt).\n`);
    expect(upo.status).toBe(0);
    const upoFile = path.join('upo-again', `${ksefNumber}.xml`);
    expect(JSON.parse(upo.stdout)).toEqual({ session, ksefNumber, upoFile, sha256: expect.stringMatching(/^[A-Za-z0-9+/]{43}=$/) });
    expect(readFileSync(path.join(dir, upoFile)).equals(readFileSync(path.join(dir, entry?.upoFile ?? '')))).toBe(true);
  });

  it('an unknown session exits 1 saying what to check (ksef status and ksef upo)', async () => {
    const connection = ['--base-url', simulator.url, '--nip', simulator.sample.nip, '--token-file', 'token.txt'];
    const wrong = '20260101-SO-0000000000-0000000000-00';
    const status = await runKsef(['status', ...connection, '--session', wrong]);
    expect(status.status).toBe(1);
    expect(status.stdout).toBe('');
    expect(status.stderr).toContain(`ksef status: KSeF at ${simulator.url} has no session ${wrong} for NIP ${simulator.sample.nip}. Check the reference (as \`ksef send\` printed it), --nip`);

    const unsent = `${simulator.sample.nip}-20260101-0123456789AB`;
    const ksefNumber = `${unsent}-${computeKsefNumberChecksum(unsent)}`;
    const upo = await runKsef(['upo', ...connection, '--session', wrong, '--ksef-number', ksefNumber, '--out', 'nowhere', '--json']);
    expect(upo.status).toBe(1);
    expect(JSON.parse(upo.stdout)).toEqual({ error: { code: 'session.notFound', message: expect.stringContaining(`has no session ${wrong} for NIP ${simulator.sample.nip}`) } });
    expect(existsSync(path.join(dir, 'nowhere'))).toBe(false);
  });

  it('never prints a secret: a --token, a key passphrase, a token from KSEF_TOKEN — also on errors', async () => {
    const { token, nip } = simulator.sample;
    const sent = JSON.parse((await runKsef(['send', invoice(nip), '--base-url', simulator.url, '--nip', nip, '--token-file', 'token.txt', '--json'])).stdout) as SendJson;
    const session = sent.sessions[0]?.referenceNumber ?? '';

    const literal = await runKsef(['status', '--base-url', simulator.url, '--nip', nip, '--token', token, '--session', session]);
    expect(literal.status).toBe(0);
    expect(literal.stderr).toContain('process list');
    expectNoSecret(literal, token);

    const badArguments = await runKsef(['upo', '--base-url', simulator.url, '--nip', token, `--token=${token}`, '--session', session, '--json']);
    expect(badArguments.status).toBe(1);
    expectNoSecret(badArguments, token);

    const bogus = `${token.slice(0, -6)}abcdef`;
    const rejected = await runKsef(['status', '--base-url', simulator.url, '--nip', nip, '--session', session, '--json'], { env: { KSEF_TOKEN: bogus } });
    expect(rejected.status).toBe(1);
    expect((JSON.parse(rejected.stdout) as { error: { message: string } }).error.message).toContain('Authentication failed');
    expectNoSecret(rejected, bogus);

    const rsa = await generateTestCertificate({ kind: 'rsa', nip, commonName: 'E2E status seal' });
    writeFileSync(path.join(dir, 'status-cert.pem'), rsa.certificatePem);
    writeFileSync(path.join(dir, 'status-plain.pem'), rsa.privateKeyPem);
    execFileSync('openssl', ['pkcs8', '-topk8', '-v2', 'aes-256-cbc', '-in', 'status-plain.pem', '-out', 'status-key.pem', '-passout', 'pass:status pass 1'], { cwd: dir });
    rmSync(path.join(dir, 'status-plain.pem'));
    const signed = await runKsef(['status', '--base-url', simulator.url, '--nip', nip, '--cert', 'status-cert.pem', '--key', 'status-key.pem', '--key-passphrase', 'pass:status pass 1', '--session', session]);
    expect(signed.stderr).toContain('XAdES signature with certificate status-cert.pem');
    expect(signed.status).toBe(0);
    expectNoSecret(signed, 'status pass 1');
    const wrongPassphrase = await runKsef(['upo', '--base-url', simulator.url, '--nip', nip, '--cert', 'status-cert.pem', '--key', 'status-key.pem', '--key-passphrase', 'pass:nope nope', '--session', session, '--ksef-number', sent.invoices[0]?.ksefNumber ?? '', '--out', 'x', '--json']);
    expect(wrongPassphrase.status).toBe(1);
    expect((JSON.parse(wrongPassphrase.stdout) as { error: { code: string } }).error.code).toMatch(/^credentials\./);
    expectNoSecret(wrongPassphrase, 'nope nope');
  });
});
