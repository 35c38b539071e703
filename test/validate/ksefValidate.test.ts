// End to end: the built `ksef` command in a child process (the root `npm test` builds first).
// Enough files to take the worker-thread path of validateInvoiceFiles, which in-process tests
// (running TypeScript sources) cannot reach.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type * as CoreValidation from '@ksef-connect/core/validation';

const root = fileURLToPath(new URL('../../', import.meta.url));
const ksef = path.join(root, 'packages/connector-cli/bin/ksef.js');
const fixtures = path.join(root, 'packages/core/src/fa/validation/__fixtures__');

interface FileReport {
  file: string;
  valid: boolean;
  form: string | null;
  errors: Array<{ rule: string; line: number | null; column: number | null; path: string | null; message: string }>;
  warnings: unknown[];
}

function runKsef(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [ksef, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'ksef-e2e-validate-'));
  mkdirSync(path.join(dir, 'batch'));
  const fa3 = readFileSync(path.join(fixtures, 'fa-3-valid.xml'), 'utf8');
  for (let i = 0; i < 150; i++) {
    const name = path.join(dir, 'batch', `inv-${String(i).padStart(3, '0')}.xml`);
    if (i % 2 === 0) copyFileSync(path.join(fixtures, 'fa-2-valid.xml'), name);
    else writeFileSync(name, fa3.replace(/<P_2>([^<]*)<\/P_2>/, `<P_2>$1-${i}</P_2>`));
  }
  // One broken invoice in the middle of the batch: truncated.
  writeFileSync(path.join(dir, 'batch', 'inv-077.xml'), fa3.slice(0, 1500));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ksef validate (built CLI)', () => {
  it('validates a folder of 150 invoices on worker threads, in sorted order, exit 2 for one broken file (--env test)', () => {
    const { status, stdout, stderr } = runKsef(['validate', '--json', '--env', 'test', 'batch'], dir);
    expect(stderr).toBe('');
    expect(status).toBe(2);
    const report = JSON.parse(stdout) as FileReport[];
    expect(report.map((r) => r.file)).toEqual(Array.from({ length: 150 }, (_, i) => path.join('batch', `inv-${String(i).padStart(3, '0')}.xml`)));
    const invalid = report.filter((r) => !r.valid);
    expect(invalid.map((r) => r.file)).toEqual([path.join('batch', 'inv-077.xml')]);
    expect(invalid[0]?.errors[0]).toMatchObject({ rule: 'xml', message: expect.stringContaining('Not well-formed XML') });
    expect(report.filter((r) => r.form === 'FA (2)')).toHaveLength(75);
  });

  it('on the worker threads too, FA (2) is a form error under the default --env prod', () => {
    const { status, stdout } = runKsef(['validate', '--json', 'batch'], dir);
    expect(status).toBe(2);
    const report = JSON.parse(stdout) as FileReport[];
    const fa2 = report.filter((r) => r.form === 'FA (2)');
    expect(fa2).toHaveLength(75);
    for (const r of fa2) expect(r).toMatchObject({ valid: false, errors: [{ rule: 'form', message: expect.stringContaining('not accepted by KSeF PROD') }] });
    expect(report.filter((r) => r.valid)).toHaveLength(74);
  });

  it('exits 0 when every file is valid, and 1 when a path is missing', () => {
    expect(runKsef(['validate', path.join(fixtures, 'fa-3-valid.xml')], dir).status).toBe(0);
    const missing = runKsef(['validate', '--json', 'nope.xml'], dir);
    expect(missing.status).toBe(1);
    expect(JSON.parse(missing.stdout)).toEqual([
      { file: 'nope.xml', valid: false, form: null, warnings: [], errors: [{ line: null, column: null, path: null, rule: 'io', message: 'Cannot read the file: no such file.' }] },
    ]);
  });

  it('exits 1 with the usage for wrong arguments', () => {
    const result = runKsef(['validate', '--env', 'staging', 'x.xml'], dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('unknown environment "staging"');
  });
});

describe('validateInvoiceFiles with caller-started workers (built core)', () => {
  it('uses the threads for two runs, leaves them to the caller, and agrees with in-process validation', async () => {
    // The built module: under jest the package name maps to the TypeScript sources, which have no
    // compiled worker to start.
    const built = (await import(pathToFileURL(path.join(root, 'packages/core/dist/validation.js')).href)) as typeof CoreValidation;
    const files = Array.from({ length: 150 }, (_, i) => path.join(dir, 'batch', `inv-${String(i).padStart(3, '0')}.xml`));
    const workers = built.startInvoiceValidationWorkers(1);
    try {
      expect(workers.threads).toHaveLength(1);
      const listeners = (): number[] => workers.threads.map((w) => w.listenerCount('message') + w.listenerCount('error') + w.listenerCount('exit'));
      const before = listeners();
      const first = await built.validateInvoiceFiles(files, { workers, env: 'test' });
      const second = await built.validateInvoiceFiles(files, { workers, env: 'test' });
      const inProcess = await built.validateInvoiceFiles(files, { workers: 0, env: 'test' });
      expect(first).toEqual(inProcess);
      expect(second).toEqual(inProcess);
      expect(inProcess.filter((r) => !r.valid).map((r) => path.basename(r.file))).toEqual(['inv-077.xml']);
      expect(workers.threads).toHaveLength(1); // still running: the caller closes them
      expect(listeners()).toEqual(before); // each run removed its own listeners
    } finally {
      await workers.close();
    }
    expect(workers.threads).toHaveLength(0);
  });
});
