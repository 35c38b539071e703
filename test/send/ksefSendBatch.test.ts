// End to end: the built `ksef send --batch` in a child process against a simulator over real HTTP
// (the root `npm test` builds first). Spawned asynchronously: the simulator runs in this process.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSimulator, type RunningSimulator } from '@ksef-connect/simulator';
import { envWithoutKsefToken, ksefBin, runProcess, type ProcessRun } from '../support/runProcess.js';

const examples = path.join(fileURLToPath(new URL('../../', import.meta.url)), 'examples/invoices');

interface JsonReport {
  sessions: Array<{ referenceNumber: string; formCode: string; status: { code: number; description: string } | null; upoFiles: string[] }>;
  invoices: Array<{ file: string; sessionReferenceNumber: string | null; referenceNumber: string | null; ksefNumber: string | null; upoFile: string | null; outcome: string; message: string }>;
}

let simulator: RunningSimulator;
let dir: string;

function runKsef(args: string[]): Promise<ProcessRun> {
  return runProcess(process.execPath, [ksefBin, ...args], { cwd: dir, env: { ...envWithoutKsefToken, KSEF_TOKEN: simulator.sample.token } });
}

/** A sample FA(3) invoice for the simulator's NIP with a fresh (or the given) number; returns its file name. */
function invoice(number = `FV/${randomUUID()}`, name = `${randomUUID()}.xml`): string {
  const xml = readFileSync(path.join(examples, 'fa3-vat-invoice.xml'), 'utf8').replaceAll('5265877635', simulator.sample.nip).replace(/<P_2>[^<]*<\/P_2>/, `<P_2>${number}</P_2>`);
  writeFileSync(path.join(dir, name), xml);
  return name;
}

beforeAll(async () => {
  simulator = await startSimulator({ port: 0 });
  dir = mkdtempSync(path.join(tmpdir(), 'ksef-e2e-batch-'));
});

afterAll(async () => {
  await simulator.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('ksef send --batch (built CLI) against the simulator', () => {
  it('sends the files in one batch session (--json as for online: each invoice with its session), writes UPOs, shows upload progress', async () => {
    const files = [invoice(), invoice(), invoice()];
    const run = await runKsef(['send', ...files, '--batch', '--base-url', simulator.url, '--nip', simulator.sample.nip, '--upo-dir', 'upo', '--json']);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.sessions).toHaveLength(1);
    const session = report.sessions[0];
    expect(session?.referenceNumber).toMatch(/^\d{8}-SB-/);
    expect(session?.status?.code).toBe(200);
    expect(report.invoices.map((i) => [i.file, i.outcome, i.sessionReferenceNumber])).toEqual(files.map((f) => [f, 'accepted', session?.referenceNumber]));
    expect(report.invoices.every((i) => /^\d{8}-EE-/.test(i.referenceNumber ?? '') && i.upoFile === path.join('upo', `${i.ksefNumber}.xml`))).toBe(true);
    expect(readdirSync(path.join(dir, 'upo'))).toHaveLength(4);
    expect(run.stderr).toContain('Packing 3 FA (3) invoice(s) for a batch session');
    expect(run.stderr).toMatch(/uploaded part 1\/1 \(\d+\.\d\d MB of \d+\.\d\d MB\)/);
    expect(run.stderr).toContain('processed: 3 invoice(s), 3 accepted, 0 failed');
  });

  it('--compression tar.gz; an invoice number used twice in the package is invalid (exit 2), naming both files', async () => {
    const number = `FV/${randomUUID()}`;
    const first = invoice(number, 'a.xml');
    const second = invoice(number, 'b.xml');
    const run = await runKsef(['send', first, second, '--batch', '--compression', 'tar.gz', '--base-url', simulator.url, '--nip', simulator.sample.nip, '--json']);
    expect(run.status).toBe(2);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.invoices.map((i) => i.outcome)).toEqual(['accepted', 'invalid']);
    expect(report.invoices[1]?.message).toContain(`b.xml was not sent: its invoice number ${number} is already used in the same batch package by a.xml`);
  });

  it('refuses --batch with --online, and --compression without --batch', async () => {
    const both = await runKsef(['send', 'x.xml', '--batch', '--online', '--base-url', simulator.url, '--nip', simulator.sample.nip]);
    expect(both.status).toBe(1);
    expect(both.stderr).toContain('choose one of --batch and --online');
    const alone = await runKsef(['send', 'x.xml', '--compression', 'zip', '--base-url', simulator.url, '--nip', simulator.sample.nip]);
    expect(alone.status).toBe(1);
    expect(alone.stderr).toContain('--compression goes with --batch');
  });
});
