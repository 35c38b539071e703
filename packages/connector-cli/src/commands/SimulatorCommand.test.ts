import type { CliCommand, CliCommandEntry } from '../CliCommand.js';
import type { CliIo } from '../CliIo.js';
import { main } from '../main.js';
import { createSimulatorCommand } from './SimulatorCommand.js';

function bufferIo(onStdout: (text: string) => void): { io: CliIo; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: (t) => { out.push(t); onStdout(t); }, stderr: (t) => void err.push(t), readStdin: async () => Buffer.alloc(0), env: {}, cwd: process.cwd() },
    out,
    err,
  };
}


/** The command as `main` lists it, already loaded. */
const entry = (command: CliCommand): CliCommandEntry => ({ name: command.name, summary: '', load: async () => command });

describe('ksef simulator', () => {
  it('--json prints one JSON line first, serves the API there, and stops cleanly', async () => {
    let stop = (): void => undefined;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    let line: { url: string; controlUrl: string; nip: string; token: string } | undefined;
    const { io, out, err } = bufferIo((text) => {
      line = JSON.parse(text.split('\n')[0] ?? '') as typeof line;
    });
    const command = createSimulatorCommand(async () => {
      // While it runs, the printed URL answers.
      const certs = await fetch(`${line?.url ?? ''}/security/public-key-certificates`);
      expect(certs.status).toBe(200);
      stop();
      await stopped;
    });
    const code = await main(['simulator', '--port', '0', '--json', '--limits', 'prd'], io, [entry(command)]);
    expect(code).toBe(0);
    expect(out).toHaveLength(1);
    expect(Object.keys(line ?? {})).toEqual(['url', 'controlUrl', 'nip', 'token']);
    expect(line?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v2$/);
    expect(line?.controlUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/_simulator$/);
    expect(line?.nip).toMatch(/^\d{10}$/);
    expect(line?.token.startsWith('20')).toBe(true);
    expect(err.join('')).toContain('stopped');
  });

  it('human mode prints the URL, NIP and token; bad options are usage errors', async () => {
    const { io, out } = bufferIo(() => undefined);
    expect(await main(['simulator', '--port', '0'], io, [entry(createSimulatorCommand(async () => undefined))])).toBe(0);
    expect(out.join('')).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+\/v2[\s\S]*Sample NIP:\s+\d{10}[\s\S]*KSeF token:/);
    const bad = bufferIo(() => undefined);
    expect(await main(['simulator', '--limits', 'fast'], bad.io, [entry(createSimulatorCommand(async () => undefined))])).toBe(1);
    expect(bad.err.join('')).toContain('--limits must be prd, relaxed or off');
    const delay = bufferIo(() => undefined);
    expect(await main(['simulator', '--stage-delay', 'soon'], delay.io, [entry(createSimulatorCommand(async () => undefined))])).toBe(1);
    expect(delay.err.join('')).toContain('--stage-delay must be a number of milliseconds or off, got "soon"');
  });
});
