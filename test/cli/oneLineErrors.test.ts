// End to end: the built `ksef` command in a child process (the root `npm test` builds first). A
// mistake in what the user gave is one line on stderr naming the option to change — never a stack.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ksefBin, runProcess, type ProcessRun } from '../support/runProcess.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
/** The built `ksef` in `cwd`. */
const runKsef = (args: string[], cwd: string): Promise<ProcessRun> => runProcess(process.execPath, [ksefBin, ...args], { cwd, env: process.env });

const ublInvoice = path.join(root, 'packages/adapters/src/ubl/__fixtures__/invoice-domestic-mixed-rates.xml');


let dir: string;
let blocker: Server;
let busyPort: number;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'ksef-e2e-errors-'));
  writeFileSync(path.join(dir, 'a-file'), 'not a folder');
  blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  busyPort = (blocker.address() as AddressInfo).port;
});
afterAll(() => {
  blocker.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('one-line errors of the built CLI', () => {
  it('ksef simulator on a busy port', async () => {
    const run = await runKsef(['simulator', '--port', String(busyPort)], dir);
    expect(run).toEqual({ status: 1, stdout: '', stderr: `ksef simulator: port ${busyPort} is in use; choose another with --port or --port 0\n` });
  });

  it('ksef simulator --data-dir naming a file', async () => {
    const run = await runKsef(['simulator', '--port', '0', '--data-dir', 'a-file'], dir);
    expect(run).toEqual({ status: 1, stdout: '', stderr: 'ksef simulator: --data-dir a-file is a file, not a folder; give a folder (it is created if missing)\n' });
  });

  it('ksef convert --out naming a file', async () => {
    const run = await runKsef(['convert', '--from', 'ubl', ublInvoice, '--out', 'a-file'], dir);
    expect(run).toEqual({ status: 1, stdout: '', stderr: 'ksef convert: --out a-file is a file, not a folder; give a folder (it is created if missing)\n' });
  });
});
