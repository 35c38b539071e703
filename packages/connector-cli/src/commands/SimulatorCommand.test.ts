import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
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
    const printed = out.join('');
    expect(printed).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+\/v2[\s\S]*Sample NIP:\s+\d{10}[\s\S]*KSeF token:\s+'[^']+\|[^']+'\n/);
    const nip = /Sample NIP:\s+(\d{10})/.exec(printed)?.[1] ?? '';
    expect(printed).toMatch(new RegExp(`\\n  KSEF_TOKEN='[^']+' npx ksef send invoices/ --base-url http://127\\.0\\.0\\.1:\\d+/v2 --nip ${nip}\\n`));
    const bad = bufferIo(() => undefined);
    expect(await main(['simulator', '--limits', 'fast'], bad.io, [entry(createSimulatorCommand(async () => undefined))])).toBe(1);
    expect(bad.err.join('')).toContain('--limits must be prd, relaxed or off');
    const delay = bufferIo(() => undefined);
    expect(await main(['simulator', '--stage-delay', 'soon'], delay.io, [entry(createSimulatorCommand(async () => undefined))])).toBe(1);
    expect(delay.err.join('')).toContain('--stage-delay must be a number of milliseconds or off, got "soon"');
  });

  it('a busy port, or a --data-dir that is a file, is a one-line error naming the option to change', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const busyPort = (blocker.address() as AddressInfo).port;
    const dir = mkdtempSync(path.join(tmpdir(), 'ksef-simulator-cmd-'));
    try {
      const busy = bufferIo(() => undefined);
      expect(await main(['simulator', '--port', String(busyPort)], busy.io, [entry(createSimulatorCommand(async () => undefined))])).toBe(1);
      expect(busy.err).toEqual([`ksef simulator: port ${busyPort} is in use; choose another with --port or --port 0\n`]);
      expect(busy.out).toEqual([]);

      const file = path.join(dir, 'state');
      writeFileSync(file, 'not a folder');
      const notFolder = bufferIo(() => undefined);
      expect(await main(['simulator', '--port', '0', '--data-dir', file], notFolder.io, [entry(createSimulatorCommand(async () => undefined))])).toBe(1);
      expect(notFolder.err).toEqual([`ksef simulator: --data-dir ${file} is a file, not a folder; give a folder (it is created if missing)\n`]);
      const inside = bufferIo(() => undefined);
      expect(await main(['simulator', '--port', '0', '--data-dir', path.join(file, 'sub')], inside.io, [entry(createSimulatorCommand(async () => undefined))])).toBe(1);
      expect(inside.err).toEqual([`ksef simulator: --data-dir ${path.join(file, 'sub')}: part of that path is a file, not a folder; give a folder\n`]);
    } finally {
      blocker.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
