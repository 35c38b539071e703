// End to end: `ksef send` of 30 invoices interrupted with SIGINT at five points, each followed by a
// plain rerun of the same command. The operator needs no judgement: the rerun exits 0, every invoice
// is in KSeF exactly once, and every UPO is saved. Built CLI in a child process, simulator over HTTP.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createKsefClient, nipContext, parseNip, type InvoiceOutcome } from '@ksef-connect/core';
import { startSimulator, type RunningSimulator } from '@ksef-connect/simulator';

const root = fileURLToPath(new URL('../../', import.meta.url));
const ksef = path.join(root, 'packages/connector-cli/bin/ksef.js');
const template = readFileSync(path.join(root, 'examples/invoices/fa3-vat-invoice.xml'), 'utf8');
const { KSEF_TOKEN: _ignored, ...baseEnv } = process.env;

interface Entry {
  file: string;
  outcome: string;
  ksefNumber: string | null;
  sessionReferenceNumber: string | null;
  upoFile: string | null;
  message: string;
}
interface Report {
  sessions: Array<{ referenceNumber: string }>;
  invoices: Entry[];
}
interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

let simulator: RunningSimulator;
let dir: string;

/** Runs `ksef send`; when `interruptAt` shows on stderr, sends SIGINT (`times` times in a row). */
function send(folder: string, interruptAt?: RegExp, times = 1): Promise<Run & { interrupted: boolean }> {
  return new Promise((resolve, reject) => {
    const args = ['send', 'invoices', '--base-url', simulator.url, '--nip', simulator.sample.nip, '--upo-dir', 'upo', '--json'];
    const child = spawn(process.execPath, [ksef, ...args], { cwd: folder, env: { ...baseEnv, KSEF_TOKEN: simulator.sample.token } });
    let stdout = '';
    let stderr = '';
    let interrupted = false;
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      if (interruptAt && !interrupted && interruptAt.test(stderr)) {
        interrupted = true;
        child.kill('SIGINT');
        // A second signal a moment later, once the first has been taken.
        if (times > 1) setTimeout(() => child.kill('SIGINT'), 200);
      }
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr, interrupted }));
    child.stdin.end();
  });
}

async function sessionInvoices(referenceNumber: string): Promise<InvoiceOutcome[]> {
  const client = createKsefClient({ baseUrl: simulator.url, env: 'test', context: nipContext(parseNip(simulator.sample.nip)), credentials: { ksefToken: simulator.sample.token }, onWarning: () => undefined });
  try {
    const found: InvoiceOutcome[] = [];
    for await (const invoice of client.session(referenceNumber).invoices()) found.push(invoice);
    return found;
  } finally {
    await client.close();
  }
}

beforeAll(async () => {
  simulator = await startSimulator({ port: 0 });
  // Slow KSeF down a little so each interruption point is reached while the run is still going.
  simulator.control.injectFault({ operation: 'POST /sessions/online/{referenceNumber}/invoices', kind: 'delay', delayMs: 60, times: 100_000 });
  simulator.control.injectFault({ operation: 'GET /sessions/{referenceNumber}', kind: 'delay', delayMs: 150, times: 100_000 });
  dir = mkdtempSync(path.join(tmpdir(), 'ksef-e2e-interrupt-'));
});

afterAll(async () => {
  await simulator.close();
  rmSync(dir, { recursive: true, force: true });
});

function writeInvoices(folder: string): void {
  mkdirSync(path.join(folder, 'invoices'));
  for (let n = 1; n <= 30; n++) {
    const xml = template.replaceAll('5265877635', simulator.sample.nip).replace(/<P_2>[^<]*<\/P_2>/, `<P_2>INT/${n}/${randomUUID()}</P_2>`);
    writeFileSync(path.join(folder, 'invoices', `${String(n).padStart(2, '0')}.xml`), xml);
  }
}

const points: Array<[string, RegExp]> = [
  ['after validation, before any send', /Validated 30 file\(s\)/],
  ['with the first invoice in flight', /\[1\/30\] sending/],
  ['half-way', /\[15\/30\] sending/],
  ['with the last invoice in flight', /\[30\/30\] sending/],
  ['while waiting for statuses', /Session \S+ closed\./],
];

describe('ksef send interrupted (SIGINT) and run again', () => {
  it.each(points)('%s: the interrupted run closes its sessions and exits 130; the rerun exits 0 with every invoice in KSeF exactly once and every UPO saved', async (_point, marker) => {
    const folder = mkdtempSync(path.join(dir, 'run-'));
    writeInvoices(folder);

    const first = await send(folder, marker);
    expect(first.interrupted).toBe(true);
    expect(first.status).toBe(130);
    expect(first.stderr).toContain('SIGINT — stopping after the invoices in flight');
    const cut = JSON.parse(first.stdout) as Report;
    // The cut-short report has the normal shape and names what KSeF took, may have taken, or never got.
    expect(cut.invoices).toHaveLength(30);
    for (const entry of cut.invoices) expect(['accepted', 'unknown', 'notSent']).toContain(entry.outcome);
    // Every session it opened was closed.
    for (const session of cut.sessions) {
      const status = await (async () => {
        const client = createKsefClient({ baseUrl: simulator.url, env: 'test', context: nipContext(parseNip(simulator.sample.nip)), credentials: { ksefToken: simulator.sample.token }, onWarning: () => undefined });
        try {
          return await client.session(session.referenceNumber).status();
        } finally {
          await client.close();
        }
      })();
      expect(status.code).not.toBe(100);
    }

    const rerun = await send(folder);
    expect(rerun.status).toBe(0);
    const done = JSON.parse(rerun.stdout) as Report;
    expect(done.invoices).toHaveLength(30);
    for (const entry of done.invoices) {
      expect(['accepted', 'alreadyInKsef']).toContain(entry.outcome);
      expect(entry.upoFile).toBe(path.join('upo', `${entry.ksefNumber ?? ''}.xml`));
      expect(existsSync(path.join(folder, entry.upoFile ?? ''))).toBe(true);
      expect(readFileSync(path.join(folder, entry.upoFile ?? ''), 'utf8')).toContain(entry.ksefNumber);
    }
    // Exactly once: across every session of both runs, each document has one accepted copy, whose
    // KSeF number is the one the rerun reports.
    const sessions = [...new Set([...cut.sessions, ...done.sessions].map((s) => s.referenceNumber))];
    const listed = (await Promise.all(sessions.map(sessionInvoices))).flat();
    expect(new Set(done.invoices.map((e) => e.ksefNumber)).size).toBe(30);
    for (const entry of done.invoices) {
      const accepted = listed.filter((i) => i.ksefNumber === entry.ksefNumber && i.status.code === 200);
      expect(accepted).toHaveLength(1);
    }
    expect(listed.filter((i) => i.status.code === 200)).toHaveLength(30);
  });

  it('a second Ctrl+C quits at once, still printing what is known, and the rerun still completes everything', async () => {
    const folder = mkdtempSync(path.join(dir, 'twice-'));
    writeInvoices(folder);
    const first = await send(folder, /\[5\/30\] sending/, 2);
    expect(first.status).toBe(130);
    const known = JSON.parse(first.stdout) as Report;
    expect(known.invoices).toHaveLength(30);
    for (const entry of known.invoices) expect(['accepted', 'unknown', 'notSent']).toContain(entry.outcome);
    const rerun = await send(folder);
    expect(rerun.status).toBe(0);
    expect((JSON.parse(rerun.stdout) as Report).invoices.every((e) => e.outcome === 'accepted' || e.outcome === 'alreadyInKsef')).toBe(true);
  });

  it('a closed progress pipe (stderr reader gone) ends the run cleanly: sessions closed, report still printed, the rerun completes', async () => {
    const folder = mkdtempSync(path.join(dir, 'pipe-'));
    writeInvoices(folder);
    const args = ['send', 'invoices', '--base-url', simulator.url, '--nip', simulator.sample.nip, '--upo-dir', 'upo', '--json'];
    const run = await new Promise<Run>((resolve, reject) => {
      const child = spawn(process.execPath, [ksef, ...args], { cwd: folder, env: { ...baseEnv, KSEF_TOKEN: simulator.sample.token } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString('utf8');
        // Like `ksef send … 2>&1 | head`: the reader goes away mid-run.
        if (/\[3\/30\] sending/.test(stderr)) child.stderr.destroy();
      });
      child.on('error', reject);
      child.on('close', (status) => resolve({ status, stdout, stderr }));
      child.stdin.end();
    });
    expect(run.status).toBe(130);
    const cut = JSON.parse(run.stdout) as Report;
    expect(cut.invoices).toHaveLength(30);
    expect(cut.invoices.some((e) => e.outcome === 'notSent')).toBe(true);
    const rerun = await send(folder);
    expect(rerun.status).toBe(0);
  });
});
