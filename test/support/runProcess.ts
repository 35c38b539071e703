// Runs a child process to its end and collects its output: the built `ksef` in end-to-end tests.
// Asynchronous on purpose: a simulator running in the test's own process must keep answering.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built `ksef` command (the root `npm test` builds before jest runs). */
export const ksefBin = path.join(fileURLToPath(new URL('../../', import.meta.url)), 'packages/connector-cli/bin/ksef.js');

/** The test runner's environment without KSEF_TOKEN, so no child inherits one by accident. */
export const envWithoutKsefToken: Readonly<Record<string, string | undefined>> = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'KSEF_TOKEN'));

/** How a child process ended. */
export interface ProcessRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `command args` in `cwd` with `env` (default: the test's, less KSEF_TOKEN), feeding `stdin`. */
export function runProcess(command: string, args: readonly string[], options: { readonly cwd: string; readonly env?: Readonly<Record<string, string | undefined>>; readonly stdin?: string }): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: { ...(options.env ?? envWithoutKsefToken) } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}
