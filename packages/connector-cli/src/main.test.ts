import { main } from './main.js';
import type { CliIo } from './CliIo.js';

function bufferIo(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out, err,
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    readStdin: async () => Buffer.alloc(0),
    env: {}, cwd: process.cwd(),
  };
}

describe('ksef main', () => {
  it('rejects an unknown command with exit code 1 and names it', async () => {
    const io = bufferIo();
    expect(await main(['frobnicate'], io)).toBe(1);
    expect(io.err.join('')).toContain('unknown command "frobnicate"');
  });

  it('prints the overview for --help with exit code 0', async () => {
    const io = bufferIo();
    expect(await main(['--help'], io)).toBe(0);
    expect(io.out.join('')).toContain('Usage: ksef <command>');
  });
});
