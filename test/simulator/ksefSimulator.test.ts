// End to end: the built `ksef simulator` in a child process prints a `ksef send` line; pasted into
// `sh -c` in a project where ksef is installed, it sends a real invoice to that very simulator.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runProcess, type ProcessRun } from '../support/runProcess.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const ksef = path.join(root, 'packages/connector-cli/bin/ksef.js');
const examples = path.join(root, 'examples/invoices');

const run = (command: string, args: string[], cwd: string): Promise<ProcessRun> =>
  runProcess(command, args, { cwd, env: { ...process.env, npm_config_update_notifier: 'false', npm_config_offline: 'true' } });


/** Resolves with stdout once it holds `marker`. */
function stdoutUntil(child: ChildProcessWithoutNullStreams, marker: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const onData = (chunk: Buffer): void => {
      text += chunk.toString('utf8');
      if (text.includes(marker)) {
        child.stdout.off('data', onData);
        resolve(text);
      }
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) => reject(new Error(`ksef simulator exited (${String(code)}) before printing "${marker}":\n${text}`)));
  });
}

let project: string;
let simulator: ChildProcessWithoutNullStreams;
beforeAll(() => {
  // A project where ksef is installed the way npm installs it: node_modules/.bin/ksef.
  project = mkdtempSync(path.join(tmpdir(), 'ksef-e2e-paste-'));
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'paste-test', private: true }));
  mkdirSync(path.join(project, 'node_modules/.bin'), { recursive: true });
  symlinkSync(ksef, path.join(project, 'node_modules/.bin/ksef'));
  simulator = spawn(process.execPath, [ksef, 'simulator', '--port', '0'], { cwd: project });
});
afterAll(async () => {
  if (simulator.exitCode === null) {
    const exited = new Promise((resolve) => simulator.once('exit', resolve));
    simulator.kill('SIGTERM');
    await exited;
  }
  rmSync(project, { recursive: true, force: true });
});

describe('ksef simulator (built CLI)', () => {
  it('prints a ksef send line that works pasted into sh -c', async () => {
    const printed = await stdoutUntil(simulator, 'Press Ctrl+C to stop.');
    const nip = /^Sample NIP:\s+(\d{10})$/m.exec(printed)?.[1] ?? '';
    expect(nip).toMatch(/^\d{10}$/);
    // The token is quoted for the shell: it contains `|`.
    expect(printed).toMatch(/^KSeF token:\s+'[^'\s]+\|[^'\s]+'$/m);
    const line = /^\s+(KSEF_TOKEN=.*)$/m.exec(printed)?.[1] ?? '';
    expect(line).toMatch(new RegExp(`^KSEF_TOKEN='[^']+' npx ksef send invoices/ --base-url http://127\\.0\\.0\\.1:\\d+/v2 --nip ${nip}$`));

    // A real sample invoice, its seller NIP rewritten to the simulator's sample NIP.
    mkdirSync(path.join(project, 'invoices'), { recursive: true });
    const xml = readFileSync(path.join(examples, 'fa3-vat-invoice.xml'), 'utf8').replaceAll('5265877635', nip);
    writeFileSync(path.join(project, 'invoices', 'fa3-vat-invoice.xml'), xml);

    const pasted = await run('sh', ['-c', line], project);
    expect(pasted.stderr).not.toContain('|nip-');
    expect(pasted.status).toBe(0);
    expect(pasted.stdout).toContain('fa3-vat-invoice.xml');
    expect(pasted.stdout).toMatch(new RegExp(`${nip}-\\d{8}-[0-9A-F]{12}-[0-9A-F]{2}`));
  });
});
