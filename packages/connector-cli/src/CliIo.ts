import type { Interruption } from './Interruption.js';

/** Where a command writes, and what it reads: the real process streams, or buffers in tests. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Reads all of standard input (for `--token-file -`). */
  readonly readStdin: () => Promise<Buffer>;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /**
   * Takes over Ctrl+C/SIGTERM for a command that stops gracefully (see {@link Interruption});
   * commands that never call it keep the default (the process ends at once).
   */
  readonly interruption?: () => Interruption;
}

/** The real process's streams and environment. */
export function processIo(): CliIo {
  let interruption: { controller: AbortController; force: (() => void)[] } | undefined;
  const closed = { stdout: false, stderr: false };
  // A reader that went away (`ksef send … | head`) must not crash a run mid-send: writes stop, and a
  // command that stops gracefully finishes what is in flight and closes its sessions.
  for (const name of ['stdout', 'stderr'] as const) {
    process[name].on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      closed[name] = true;
      interruption?.controller.abort(new Error(`${name} was closed`));
    });
  }
  const write = (name: 'stdout' | 'stderr', text: string): void => {
    if (!closed[name]) process[name].write(text);
  };
  return {
    stdout: (text) => write('stdout', text),
    stderr: (text) => write('stderr', text),
    interruption: () => {
      if (interruption === undefined) {
        const state = { controller: new AbortController(), force: [] as (() => void)[] };
        interruption = state;
        const onSignal = (signal: NodeJS.Signals): void => {
          if (!state.controller.signal.aborted) {
            write('stderr', `\nksef: ${signal} — stopping after the invoices in flight; press Ctrl+C again to quit at once.\n`);
            state.controller.abort(new Error(signal));
            return;
          }
          for (const handler of state.force) handler();
          process.exit(130);
        };
        process.on('SIGINT', onSignal);
        process.on('SIGTERM', onSignal);
      }
      const state = interruption;
      return { signal: state.controller.signal, onForce: (handler) => void state.force.push(handler) };
    },
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Uint8Array));
      return Buffer.concat(chunks);
    },
    env: process.env,
    cwd: process.cwd(),
  };
}
