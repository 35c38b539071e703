// @peculiar/x509 (loaded with core and the simulator) reads decorator metadata through the global Reflect API.
import 'reflect-metadata';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { RunningSimulator } from '@ksef-connect/simulator';
import { parseCommandArgs } from '../args/parseCommandArgs.js';
import { sendCommandLine } from '../simulator/sendCommandLine.js';
import { shellQuote } from '../simulator/shellQuote.js';
import type { CliCommand } from '../CliCommand.js';
import { UsageError } from '../CliCommand.js';
import type { CliIo } from '../CliIo.js';

const usage = `Usage: ksef simulator [--port N] [--host 127.0.0.1] [--data-dir DIR] [--limits prd|relaxed|off]
                      [--stage-delay MS|off] [--json]

Runs a local KSeF 2.0 simulator (the API under /v2, written from the official spec) until
Ctrl+C / SIGTERM. It prints its URL, a sample NIP with a ready KSeF token for it (quoted for
the shell), and a ksef send line to paste into another terminal, e.g.
  KSEF_TOKEN='…' npx ksef send invoices/ --base-url http://127.0.0.1:8080/v2 --nip …

Options:
  --port N          TCP port (default 8080; 0 picks a free one)
  --host ADDR       interface to listen on (default 127.0.0.1)
  --data-dir DIR    keep sessions and invoices in DIR/simulator-state.json across restarts
  --limits NAME     rate limits: relaxed (default, 10x production), prd (production values), off
  --stage-delay MS  longest a processing stage (invoice 100/150, closed session 170/150) lasts
                    when nobody reads its status (default 300); off: stages move only on reads
  --json            print exactly one JSON line {"url","controlUrl","nip","token"} on stdout once
                    listening; logs go to stderr (for scripts and other languages' test suites)`;

/** Why the simulator could not start, in one line naming the option to change; undefined when unexpected. */
function startFailure(error: unknown, given: { port: number; host: string; dataDir: string | undefined }): string | undefined {
  const { code, syscall } = error as NodeJS.ErrnoException;
  if (syscall === 'getaddrinfo') return `cannot listen on --host ${given.host}: no such host name (try 127.0.0.1 or 0.0.0.0)`;
  if (syscall === 'listen' || syscall === 'bind') {
    if (code === 'EADDRINUSE') return `port ${given.port} is in use; choose another with --port or --port 0`;
    if (code === 'EACCES') return `port ${given.port} needs privileges this user lacks; choose another with --port or --port 0`;
    if (code === 'EADDRNOTAVAIL') return `cannot listen on --host ${given.host}: no such address on this machine (try 127.0.0.1 or 0.0.0.0)`;
    return undefined;
  }
  if (given.dataDir !== undefined && (code === 'ENOTDIR' || code === 'EEXIST')) return `--data-dir ${given.dataDir}: part of that path is a file, not a folder; give a folder`;
  if (given.dataDir !== undefined && (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')) return `--data-dir ${given.dataDir} is not writable (${code}); give a folder this user may write`;
  return undefined;
}

/** `--stage-delay`: milliseconds (a whole number ≥ 0) or `off` (read-driven stages only). */
function parseStageDelay(value: string): number | null {
  if (value === 'off') return null;
  if (!/^\d+$/.test(value)) throw new UsageError(`--stage-delay must be a number of milliseconds or off, got "${value}"`);
  return Number(value);
}

/** Resolves when the process is asked to stop (SIGINT or SIGTERM). */
function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** `ksef simulator`, with the wait for a stop request injectable for tests. */
export function createSimulatorCommand(waitForStop: () => Promise<void> = untilSignal): CliCommand {
  return {
    name: 'simulator',
    usage,
    async run(args: readonly string[], io: CliIo): Promise<number> {
      const { values } = parseCommandArgs(args, {
        options: { port: { type: 'string' }, host: { type: 'string' }, 'data-dir': { type: 'string' }, limits: { type: 'string' }, 'stage-delay': { type: 'string' }, json: { type: 'boolean' } },
      });
      const port = Number(values.port ?? '8080');
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0..65535, got "${values.port ?? ''}"`);
      const limits = values.limits ?? 'relaxed';
      if (limits !== 'prd' && limits !== 'relaxed' && limits !== 'off') throw new UsageError(`--limits must be prd, relaxed or off, got "${limits}"`);
      const stageDelayMs = parseStageDelay(values['stage-delay'] ?? '300');
      const host = values.host ?? '127.0.0.1';
      const dataDir = values['data-dir'] === undefined ? undefined : path.resolve(io.cwd, values['data-dir']);
      if (dataDir !== undefined && existsSync(dataDir) && !statSync(dataDir).isDirectory()) {
        io.stderr(`ksef simulator: --data-dir ${values['data-dir'] ?? ''} is a file, not a folder; give a folder (it is created if missing)\n`);
        return 1;
      }
      // Loaded only here: the simulator and its dependencies are not needed by the other commands.
      const { startSimulator } = await import('@ksef-connect/simulator');
      let sim: RunningSimulator;
      try {
        sim = await startSimulator({
          port,
          host,
          limits,
          ...(dataDir === undefined ? {} : { dataDir }),
          config: { stageDelayMs },
          log: (line) => io.stderr(`${line}\n`),
        });
      } catch (error) {
        const reason = startFailure(error, { port, host, dataDir: values['data-dir'] });
        if (reason === undefined) throw error;
        io.stderr(`ksef simulator: ${reason}\n`);
        return 1;
      }
      if (values.json === true) {
        io.stdout(`${JSON.stringify({ url: sim.url, controlUrl: sim.controlUrl, nip: sim.sample.nip, token: sim.sample.token })}\n`);
      } else {
        io.stdout([
          `KSeF 2.0 simulator listening on ${sim.url}`,
          `Control API (faults, clock, keys): ${sim.controlUrl}`,
          '',
          `Sample NIP:       ${sim.sample.nip}`,
          `KSeF token:       ${shellQuote(sim.sample.token, { always: true })}`,
          '',
          `Send the invoices in invoices/ (their seller NIP, Podmiot1, must be ${sim.sample.nip}):`,
          `  ${sendCommandLine({ url: sim.url, nip: sim.sample.nip, token: sim.sample.token })}`,
          '',
          'Any other KSeF client: use the URL above as the API base (instead of',
          'https://api-test.ksef.mf.gov.pl/v2), the sample NIP as context and the token to log in.',
          'Press Ctrl+C to stop.',
          '',
        ].join('\n'));
      }
      await waitForStop();
      await sim.close();
      io.stderr('KSeF simulator stopped.\n');
      return 0;
    },
  };
}

/** `ksef simulator`: runs until SIGINT/SIGTERM. */
export const simulatorCommand: CliCommand = createSimulatorCommand();
