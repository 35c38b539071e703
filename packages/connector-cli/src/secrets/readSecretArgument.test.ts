import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inspect } from 'node:util';
import { UsageError } from '../CliCommand.js';
import type { CliIo } from '../CliIo.js';
import { readSecretArgument } from './readSecretArgument.js';
import { resolveKsefToken } from './resolveKsefToken.js';
import { Secret } from './Secret.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'ksef-secrets-'));
  writeFileSync(path.join(dir, 'pass.txt'), 'from a file\nsecond line ignored\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function io(env: Record<string, string> = {}, stdin = ''): CliIo & { err: string[] } {
  const err: string[] = [];
  return { err, stdout: () => undefined, stderr: (t) => void err.push(t), readStdin: async () => Buffer.from(stdin), env, cwd: dir };
}

const noStdin = (): void => undefined;

describe('readSecretArgument', () => {
  it('reads env:NAME, file:PATH (first line), file:- (stdin), pass:VALUE and a bare value; hints only for the visible ones', async () => {
    const quiet = io({ MY_PASS: 'from env' }, 'from stdin\n');
    expect((await readSecretArgument('env:MY_PASS', { option: '--key-passphrase', io: quiet, claimStdin: noStdin })).reveal()).toBe('from env');
    expect((await readSecretArgument('file:pass.txt', { option: '--key-passphrase', io: quiet, claimStdin: noStdin })).reveal()).toBe('from a file');
    expect((await readSecretArgument('file:-', { option: '--key-passphrase', io: quiet, claimStdin: noStdin })).reveal()).toBe('from stdin');
    expect(quiet.err).toEqual([]);
    const loud = io();
    expect((await readSecretArgument('pass:literal', { option: '--p12-passphrase', io: loud, claimStdin: noStdin })).reveal()).toBe('literal');
    expect((await readSecretArgument('bare', { option: '--p12-passphrase', io: loud, claimStdin: noStdin })).reveal()).toBe('bare');
    expect(loud.err.join('')).toContain('--p12-passphrase env:NAME or file:PATH');
  });

  it('names what is missing without quoting any secret', async () => {
    await expect(readSecretArgument('env:NOT_SET', { option: '--key-passphrase', io: io(), claimStdin: noStdin })).rejects.toThrow(new UsageError('--key-passphrase env:NOT_SET: the environment variable NOT_SET is not set'));
    await expect(readSecretArgument('file:nope.txt', { option: '--key-passphrase', io: io(), claimStdin: noStdin })).rejects.toThrow('--key-passphrase: cannot read nope.txt (no such file)');
  });
});

describe('resolveKsefToken', () => {
  it('prefers explicit options over KSEF_TOKEN, trims newlines, refuses two sources and an empty token', async () => {
    const env = io({ KSEF_TOKEN: 'env-token\n' }, 'stdin-token\n');
    expect((await resolveKsefToken({}, env, noStdin))?.source).toBe('KSEF_TOKEN');
    expect((await resolveKsefToken({}, env, noStdin))?.reveal()).toBe('env-token');
    expect((await resolveKsefToken({ tokenFile: '-' }, env, noStdin))?.reveal()).toBe('stdin-token');
    expect(await resolveKsefToken({}, io(), noStdin)).toBeUndefined();
    await expect(resolveKsefToken({ token: 'a', tokenFile: 'b' }, io(), noStdin)).rejects.toThrow('not both');
    await expect(resolveKsefToken({}, io({ KSEF_TOKEN: '  ' }), noStdin)).rejects.toThrow('the KSeF token from KSEF_TOKEN is empty');
  });
});

describe('Secret', () => {
  it('a Secret prints as [redacted] everywhere', () => {
    const secret = new Secret('s3cr3t-value', '--token');
    expect(`${secret}`).toBe('[redacted]');
    expect(JSON.stringify({ secret })).toBe('{"secret":"[redacted]"}');
    expect(inspect(secret)).not.toContain('s3cr3t');
  });
});
