// End to end: the built `ksef send` in a child process against a simulator over real HTTP (the root
// `npm test` builds first). The simulator runs in this process, so children are spawned
// asynchronously — a synchronous spawn would block the server that has to answer them.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { envWithoutKsefToken, ksefBin, runProcess, type ProcessRun } from '../support/runProcess.js';
import { createKsefClient, generateTestCertificate, nipContext, parseNip } from '@ksef-connect/core';
import { startSimulator, type RunningSimulator } from '@ksef-connect/simulator';

const root = fileURLToPath(new URL('../../', import.meta.url));
const examples = path.join(root, 'examples/invoices');

/** The built `ksef` in the test folder; the child never inherits a KSEF_TOKEN from whoever runs the tests. */
function runKsef(args: string[], options: { env?: Record<string, string>; stdin?: string } = {}): Promise<ProcessRun> {
  return runProcess(process.execPath, [ksefBin, ...args], { cwd: dir, env: { ...envWithoutKsefToken, ...options.env }, ...(options.stdin !== undefined && { stdin: options.stdin }) });
}

interface JsonReport {
  sessions: Array<{ referenceNumber: string; formCode: string; status: { code: number; description: string } | null; upoFiles: string[] }>;
  invoices: Array<{
    file: string;
    sessionReferenceNumber: string | null;
    referenceNumber: string | null;
    ksefNumber: string | null;
    status: { code: number; description: string; details: string[]; extensions: Record<string, string | null> | null } | null;
    validationErrors: Array<{ rule: string; message: string }>;
    upoFile: string | null;
    outcome: string;
    message: string;
  }>;
}



let simulator: RunningSimulator;
let dir: string;
let token: string;
let nip: string;

/** Copies a bundled sample invoice for the simulator's NIP with a fresh invoice number; returns its relative path. */
function invoice(source: 'fa2-vat-invoice.xml' | 'fa3-vat-invoice.xml', name = `${randomUUID()}.xml`): string {
  const xml = readFileSync(path.join(examples, source), 'utf8')
    .replaceAll('5265877635', nip)
    .replace(/<P_2>[^<]*<\/P_2>/, `<P_2>FV/${randomUUID()}</P_2>`);
  writeFileSync(path.join(dir, name), xml);
  return name;
}

function expectNoSecret(run: ProcessRun, ...secrets: string[]): void {
  for (const secret of secrets) {
    expect(run.stdout).not.toContain(secret);
    expect(run.stderr).not.toContain(secret);
  }
}

beforeAll(async () => {
  simulator = await startSimulator({ port: 0 });
  ({ nip, token } = simulator.sample);
  dir = mkdtempSync(path.join(tmpdir(), 'ksef-e2e-send-'));
  writeFileSync(path.join(dir, 'token.txt'), `${token}\n`);
});

afterAll(async () => {
  await simulator.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('ksef send (built CLI) against the simulator', () => {
  it('sends FA(2) and FA(3) files in two sessions, writes UPOs, reports an invalid file without sending it (--token-file, --json)', async () => {
    const files = [invoice('fa2-vat-invoice.xml'), invoice('fa3-vat-invoice.xml'), invoice('fa2-vat-invoice.xml'), invoice('fa3-vat-invoice.xml')];
    writeFileSync(path.join(dir, 'broken.xml'), readFileSync(path.join(dir, files[1] ?? ''), 'utf8').replace('<P_15>', '<P_15>abc'));
    const run = await runKsef(['send', ...files, 'broken.xml', '--base-url', simulator.url, '--nip', nip, '--token-file', 'token.txt', '--upo-dir', 'upo-1', '--json']);
    expect(run.status).toBe(2);
    expectNoSecret(run, token);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(Object.keys(report)).toEqual(['sessions', 'invoices']);

    expect(report.sessions.map((s) => s.formCode).sort()).toEqual(['FA (2)', 'FA (3)']);
    for (const session of report.sessions) {
      expect(Object.keys(session)).toEqual(['referenceNumber', 'formCode', 'status', 'upoFiles']);
      expect(session.status).toEqual({ code: 200, description: expect.any(String) });
      expect(session.upoFiles).toEqual([path.join('upo-1', `session-${session.referenceNumber}-1.xml`)]);
      expect(readFileSync(path.join(dir, session.upoFiles[0] ?? ''), 'utf8')).toContain(session.referenceNumber);
    }

    expect(report.invoices.map((i) => i.file)).toEqual([...files, 'broken.xml']);
    for (const [index, entry] of report.invoices.slice(0, 4).entries()) {
      expect(Object.keys(entry)).toEqual(['file', 'sessionReferenceNumber', 'referenceNumber', 'ksefNumber', 'status', 'validationErrors', 'upoFile', 'outcome', 'message']);
      expect(entry.outcome).toBe('accepted');
      const session = report.sessions.find((s) => s.formCode === (index % 2 === 0 ? 'FA (2)' : 'FA (3)'));
      expect(entry.sessionReferenceNumber).toBe(session?.referenceNumber);
      expect(entry.referenceNumber).toMatch(/^\d{8}-EE-/);
      expect(entry.ksefNumber).toMatch(new RegExp(`^${nip}-\\d{8}-`));
      expect(entry.status).toEqual({ code: 200, description: expect.any(String), details: expect.any(Array), extensions: null });
      expect(entry.validationErrors).toEqual([]);
      expect(entry.upoFile).toBe(path.join('upo-1', `${entry.ksefNumber}.xml`));
      expect(readFileSync(path.join(dir, entry.upoFile ?? ''), 'utf8')).toContain(entry.ksefNumber);
    }
    const broken = report.invoices[4];
    expect(broken).toMatchObject({ file: 'broken.xml', sessionReferenceNumber: null, referenceNumber: null, ksefNumber: null, status: null, upoFile: null, outcome: 'invalid' });
    expect(broken?.validationErrors[0]).toMatchObject({ rule: 'xsd', message: expect.stringContaining('P_15') });
    expect(readdirSync(path.join(dir, 'upo-1'))).toHaveLength(6);
    // The broken file never reached KSeF: the two sessions hold exactly the four valid invoices.
    const listed = await Promise.all(report.sessions.map((s) => simulatorSessionInvoiceCount(s.referenceNumber)));
    expect(listed.reduce((a, b) => a + b, 0)).toBe(4);
    // Progress went to stderr, invoice n of N.
    expect(run.stderr).toContain('[4/4] sending');
  });

  it('reads the token from standard input (--token-file -) and prints a table; exit 0', async () => {
    const file = invoice('fa3-vat-invoice.xml');
    const run = await runKsef(['send', file, '--base-url', simulator.url, '--nip', nip, '--token-file', '-'], { stdin: token });
    expect(run.stderr).toContain('[1/1] sending');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^FILE\\s+RESULT\\s+KSeF NUMBER[\\s\\S]*${file.replace('.', '\\.')}\\s+accepted\\s+${nip}-`));
    expect(run.stdout).toContain('1 accepted, 0 alreadyInKsef, 0 rejected, 0 invalid, 0 notSent, 0 unknown.');
    expectNoSecret(run, token);
  });

  it('reads the token from KSEF_TOKEN', async () => {
    const run = await runKsef(['send', invoice('fa2-vat-invoice.xml'), '--env', 'test', '--base-url', simulator.url, '--nip', nip, '--json'], { env: { KSEF_TOKEN: token } });
    expect(run.status).toBe(0);
    expect((JSON.parse(run.stdout) as JsonReport).invoices[0]?.ksefNumber).toMatch(new RegExp(`^${nip}-`));
    expect(run.stderr).toContain('KSeF token from KSEF_TOKEN');
    expectNoSecret(run, token);
  });

  it('accepts --token on the command line with a hint about the process list, never echoing it', async () => {
    const run = await runKsef(['send', invoice('fa3-vat-invoice.xml'), '--base-url', simulator.url, '--nip', nip, '--token', token]);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('process list');
    expectNoSecret(run, token);
  });

  it('authenticates with --cert/--key (encrypted PKCS#8, passphrase from file:) and with --p12 (openssl pkcs12 -export, passphrase from env:)', async () => {
    const rsa = await generateTestCertificate({ kind: 'rsa', nip, commonName: 'E2E RSA seal' });
    writeFileSync(path.join(dir, 'rsa-cert.pem'), rsa.certificatePem);
    writeFileSync(path.join(dir, 'rsa-plain.pem'), rsa.privateKeyPem);
    writeFileSync(path.join(dir, 'key-pass.txt'), 'key pass 1\n');
    execFileSync('openssl', ['pkcs8', '-topk8', '-v2', 'aes-256-cbc', '-in', 'rsa-plain.pem', '-out', 'rsa-key.pem', '-passout', 'pass:key pass 1'], { cwd: dir });
    rmSync(path.join(dir, 'rsa-plain.pem'));
    const pem = await runKsef(['send', invoice('fa3-vat-invoice.xml'), '--base-url', simulator.url, '--nip', nip, '--cert', 'rsa-cert.pem', '--key', 'rsa-key.pem', '--key-passphrase', 'file:key-pass.txt', '--json']);
    expect(pem.stderr).toContain('XAdES signature with certificate rsa-cert.pem');
    expect(pem.status).toBe(0);
    expectNoSecret(pem, 'key pass 1');

    const ec = await generateTestCertificate({ kind: 'ec', nip, commonName: 'E2E EC seal' });
    writeFileSync(path.join(dir, 'ec-cert.pem'), ec.certificatePem);
    writeFileSync(path.join(dir, 'ec-key.pem'), ec.privateKeyPem);
    execFileSync('openssl', ['pkcs12', '-export', '-in', 'ec-cert.pem', '-inkey', 'ec-key.pem', '-out', 'seal.p12', '-passout', 'pass:p12 secret'], { cwd: dir });
    rmSync(path.join(dir, 'ec-key.pem'));
    const p12 = await runKsef(['send', invoice('fa2-vat-invoice.xml'), '--base-url', simulator.url, '--nip', nip, '--p12', 'seal.p12', '--p12-passphrase', 'env:SEAL_PASS', '--json'], {
      env: { SEAL_PASS: 'p12 secret' },
    });
    expect(p12.status).toBe(0);
    expect((JSON.parse(p12.stdout) as JsonReport).invoices[0]?.status?.code).toBe(200);
    expectNoSecret(p12, 'p12 secret');

    const wrong = await runKsef(['send', invoice('fa2-vat-invoice.xml'), '--base-url', simulator.url, '--nip', nip, '--p12', 'seal.p12', '--p12-passphrase', 'pass:nope nope', '--json']);
    expect(wrong.status).toBe(1);
    expect(JSON.parse(wrong.stdout)).toEqual({ error: { code: 'credentials.wrongPassphrase', message: expect.stringContaining('Nothing was sent') } });
    expectNoSecret(wrong, 'nope nope');
  });

  it('--env demo: FA (2) files are invalid locally (exit 2) and never open a session; the FA (3) file is sent', async () => {
    const fa2 = invoice('fa2-vat-invoice.xml');
    const fa3 = invoice('fa3-vat-invoice.xml');
    const run = await runKsef(['send', fa2, fa3, '--env', 'demo', '--base-url', simulator.url, '--nip', nip, '--token-file', 'token.txt', '--json']);
    expect(run.status).toBe(2);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.sessions.map((s) => s.formCode)).toEqual(['FA (3)']);
    expect(report.invoices[0]).toMatchObject({ file: fa2, sessionReferenceNumber: null, referenceNumber: null, ksefNumber: null, status: null });
    expect(report.invoices[0]?.validationErrors).toEqual([expect.objectContaining({ rule: 'form', message: expect.stringContaining('FA (2) is not accepted by KSeF DEMO') })]);
    expect(report.invoices[1]?.ksefNumber).toMatch(new RegExp(`^${nip}-`));
    expect(run.stderr).toContain(`${fa2}: not sent — line 1: FA (2) is not accepted by KSeF DEMO`);
    expect(run.stderr).not.toContain('Opening an online session for FA (2)');
    expect(run.stderr).not.toContain('Nothing was sent');

    const only = await runKsef(['send', invoice('fa2-vat-invoice.xml'), '--env', 'demo', '--base-url', simulator.url, '--nip', nip, '--token-file', 'token.txt']);
    expect(only.status).toBe(2);
    expect(only.stderr).not.toContain('Opening an online session');
    expect(only.stdout).toContain('0 accepted, 0 alreadyInKsef, 0 rejected, 1 invalid, 0 notSent, 0 unknown.');
  });

  it('running the same send twice registers nothing twice: the rerun finds the same document in KSeF (alreadyInKsef, exit 0) and saves its UPO', async () => {
    const file = invoice('fa3-vat-invoice.xml');
    const args = ['send', file, '--base-url', simulator.url, '--nip', nip, '--token-file', 'token.txt', '--json'];
    const first = await runKsef(args);
    expect(first.status).toBe(0);
    const original = (JSON.parse(first.stdout) as JsonReport).invoices[0];
    expect(original?.ksefNumber).toBeTruthy();

    const second = await runKsef([...args, '--upo-dir', 'upo-again']);
    expect(second.status).toBe(0);
    const again = (JSON.parse(second.stdout) as JsonReport).invoices[0];
    expect(again?.outcome).toBe('alreadyInKsef');
    expect(again?.ksefNumber).toBe(original?.ksefNumber);
    expect(again?.sessionReferenceNumber).toBe(original?.sessionReferenceNumber);
    expect(again?.referenceNumber).toBe(original?.referenceNumber);
    expect(again?.upoFile).toBe(path.join('upo-again', `${original?.ksefNumber ?? ''}.xml`));
    expect(readFileSync(path.join(dir, again?.upoFile ?? ''), 'utf8')).toContain(original?.ksefNumber);

    const human = await runKsef(args.filter((a) => a !== '--json'));
    expect(human.status).toBe(0);
    expect(human.stdout).toMatch(new RegExp(`alreadyInKsef\\s+${original?.ksefNumber ?? '?'} \\(already in KSeF from session`));
  });

  it('a reused invoice number with different content is rejected (exit 2) and says the number is taken by a different document', async () => {
    const file = invoice('fa3-vat-invoice.xml');
    const args = ['send', file, '--base-url', simulator.url, '--nip', nip, '--token-file', 'token.txt', '--json'];
    const first = await runKsef(args);
    expect(first.status).toBe(0);
    const original = (JSON.parse(first.stdout) as JsonReport).invoices[0];
    // Same seller, kind and number (KSeF's duplicate key), different content.
    writeFileSync(path.join(dir, file), readFileSync(path.join(dir, file), 'utf8').replace('</Faktura>', '<!-- edited --></Faktura>'));
    const second = await runKsef(args);
    expect(second.status).toBe(2);
    const again = (JSON.parse(second.stdout) as JsonReport).invoices[0];
    expect(again?.outcome).toBe('rejected');
    expect(again?.ksefNumber).toBeNull();
    expect(again?.status?.code).toBe(440);
    expect(again?.status?.extensions).toEqual({ originalKsefNumber: original?.ksefNumber, originalSessionReferenceNumber: original?.sessionReferenceNumber });
    expect(again?.message).toContain(`its invoice number is already used by a different document (KSeF number ${original?.ksefNumber ?? '?'}`);
  });

  it('an upload answered 503 that KSeF never registered is reported and sent again in a new session; a close answered 500 is retried — exit 0, each invoice once', async () => {
    const files = [invoice('fa3-vat-invoice.xml'), invoice('fa3-vat-invoice.xml')];
    simulator.control.injectFault({ operation: 'POST /sessions/online/{referenceNumber}/invoices', kind: 'status', status: 503 });
    simulator.control.injectFault({ operation: 'POST /sessions/online/{referenceNumber}/close', kind: 'status', status: 500 });
    const run = await runKsef(['send', ...files, '--base-url', simulator.url, '--nip', nip, '--token-file', 'token.txt', '--json']);
    expect(run.stderr).toContain('1 invoice(s) provably never reached KSeF; sending them again in a new session');
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.sessions).toHaveLength(2);
    expect(report.invoices.map((i) => i.outcome)).toEqual(['accepted', 'accepted']);
    // The 503'd invoice ended in the second session; KSeF lists each invoice exactly once.
    const counts = await Promise.all(report.sessions.map((s) => simulatorSessionInvoiceCount(s.referenceNumber)));
    expect(counts).toEqual([1, 1]);
    expect(simulator.control.pendingFaults()).toEqual([]);
  });

  it('an unreachable host exits 1 with a message saying what to do', async () => {
    const run = await runKsef(['send', invoice('fa3-vat-invoice.xml'), '--base-url', 'http://127.0.0.1:1/v2', '--nip', nip, '--token-file', 'token.txt', '--json']);
    expect(run.status).toBe(1);
    const { error } = JSON.parse(run.stdout) as { error: { code: string; message: string } };
    expect(error.code).toBe('network.notSent');
    expect(error.message).toBe("Cannot reach KSeF at http://127.0.0.1:1/v2: the connection failed (ECONNREFUSED). Check the address (--env/--base-url), your network or proxy, and KSeF's availability, then run the command again. Nothing was sent.");
    expect(run.stderr).toContain('Cannot reach KSeF');
  });

  it('a wrong token exits 1: authentication failed, nothing sent', async () => {
    const bogus = `${token.slice(0, -6)}abcdef`;
    const run = await runKsef(['send', invoice('fa3-vat-invoice.xml'), '--base-url', simulator.url, '--nip', nip, '--json'], { env: { KSEF_TOKEN: bogus } });
    expect(run.status).toBe(1);
    const { error } = JSON.parse(run.stdout) as { error: { code: string; message: string } };
    expect(error.message).toMatch(/^Authentication \S+ failed with status 450 .*\. Check --nip and the token or certificate \(is it for this environment and this NIP, still active\?\), then run the command again\. Nothing was sent\.$/);
    // One piece of advice: the core's generic "authenticate again" is left out for the CLI's own.
    expect(error.message.match(/Check|again/g)).toEqual(['Check', 'again']);
    expectNoSecret(run, bogus);
  });

  it('bad arguments exit 1 with the reason and the usage; --json gives {"error"}', async () => {
    const noNip = await runKsef(['send', invoice('fa3-vat-invoice.xml'), '--base-url', simulator.url, '--token-file', 'token.txt']);
    expect(noNip.status).toBe(1);
    expect(noNip.stderr).toContain('--nip is required');
    expect(noNip.stderr).toContain('Usage: ksef send');

    const both = await runKsef(['send', 'a.xml', '--env', 'test', '--nip', nip, '--token', token, '--p12', 'x.p12', '--json']);
    expect(both.status).toBe(1);
    expect(JSON.parse(both.stdout)).toEqual({ error: { code: 'usage', message: expect.stringContaining('choose one way to authenticate') } });
    expectNoSecret(both, token);

    const missing = await runKsef(['send', 'no-such.xml', '--env', 'test', '--nip', nip, '--token-file', 'token.txt']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('cannot read no-such.xml (no such file); nothing was sent');

    const noCredentials = await runKsef(['send', invoice('fa3-vat-invoice.xml'), '--env', 'test', '--nip', nip]);
    expect(noCredentials.status).toBe(1);
    expect(noCredentials.stderr).toContain('no credentials');
  });
});

describe('ksef send --wait-timeout', () => {
  let slow: RunningSimulator;
  beforeAll(async () => {
    // Every processing stage lasts a million status reads and never ends by time: nothing finishes within the test.
    slow = await startSimulator({ port: 0, config: { readsPerStage: 1_000_000, stageDelayMs: null } });
  });
  afterAll(async () => {
    await slow.close();
  });

  it('exits 3 when outcomes are still unknown, resends nothing and says how to look them up', async () => {
    const xml = readFileSync(path.join(examples, 'fa3-vat-invoice.xml'), 'utf8').replaceAll('5265877635', slow.sample.nip);
    writeFileSync(path.join(dir, 'slow.xml'), xml);
    const args = ['send', 'slow.xml', '--base-url', slow.url, '--nip', slow.sample.nip, '--wait-timeout', '1'];
    const json = await runKsef([...args, '--json'], { env: { KSEF_TOKEN: slow.sample.token } });
    expect(json.status).toBe(3);
    const entry = (JSON.parse(json.stdout) as JsonReport).invoices[0];
    expect(entry?.referenceNumber).toMatch(/^\d{8}-EE-/);
    expect(entry?.sessionReferenceNumber).toMatch(/^\d{8}-SO-/);
    expect(entry?.ksefNumber).toBeNull();
    expect([100, 150]).toContain(entry?.status?.code);

    const human = await runKsef(args, { env: { KSEF_TOKEN: slow.sample.token } });
    expect(human.status).toBe(3);
    expect(human.stdout).toMatch(/slow\.xml\s+unknown\s+still 1[05]0 .* — session \d{8}-SO-\S+, invoice \d{8}-EE-/);
    expect(human.stdout).toContain('Nothing was sent twice.');
    expect(human.stdout).toMatch(/ksef status --session \d{8}-SO-\S+ --nip/);
  });
});

/** How many invoices KSeF lists in a session, asked over the simulator's API with the sample token. */
async function simulatorSessionInvoiceCount(referenceNumber: string): Promise<number> {
  const client = createKsefClient({ baseUrl: simulator.url, env: 'test', context: nipContext(parseNip(nip)), credentials: { ksefToken: token }, onWarning: () => undefined });
  try {
    const { body } = await client.api.call('sessions.invoices', { params: { referenceNumber }, query: { pageSize: 100 } });
    return body.invoices.length;
  } finally {
    await client.close();
  }
}

