import type { CliIo } from '../CliIo.js';

/** A `CliIo` that collects stdout and stderr in memory, for in-process command tests. */
export function bufferIo(cwd: string = process.cwd()): CliIo & { out: () => string; err: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out: () => out.join(''),
    err: () => err.join(''),
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    readStdin: async () => Buffer.alloc(0),
    env: {},
    cwd,
  };
}
