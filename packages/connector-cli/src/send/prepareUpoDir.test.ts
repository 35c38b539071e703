import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { UsageError } from '../CliCommand.js';
import { prepareUpoDir } from './prepareUpoDir.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'ksef-upo-dir-'));
  writeFileSync(path.join(dir, 'a-file'), 'not a folder');
});
afterEach(() => {
  chmodSync(dir, 0o700);
  rmSync(dir, { recursive: true, force: true });
});

describe('prepareUpoDir', () => {
  it('creates a missing folder with its parents and leaves no probe file behind', async () => {
    await prepareUpoDir('upo/2026/12', path.join(dir, 'upo', '2026', '12'));
    expect(readdirSync(path.join(dir, 'upo', '2026', '12'))).toEqual([]);
    await prepareUpoDir('upo', path.join(dir, 'upo'));
    expect(readdirSync(path.join(dir, 'upo'))).toEqual(['2026']);
  });

  it('refuses a path under a regular file, naming the file in the way', async () => {
    const refused = prepareUpoDir('a-file/upo/x', path.join(dir, 'a-file', 'upo', 'x'));
    await expect(refused).rejects.toThrow(UsageError);
    await expect(refused).rejects.toThrow('--upo-dir a-file/upo/x cannot be used: a-file is a file, not a folder. Choose another --upo-dir (or fix this one); nothing was sent.');
  });

  it('refuses a regular file given as the folder', async () => {
    await expect(prepareUpoDir('a-file', path.join(dir, 'a-file'))).rejects.toThrow('--upo-dir a-file cannot be used: a-file is a file, not a folder.');
  });

  it('refuses a folder nobody may write into (not as root, whom permission bits do not stop)', async () => {
    if (process.getuid?.() === 0) return;
    mkdirSync(path.join(dir, 'locked'));
    chmodSync(path.join(dir, 'locked'), 0o500);
    await expect(prepareUpoDir('locked', path.join(dir, 'locked'))).rejects.toThrow('--upo-dir locked cannot be used: no file can be written into it (permission denied).');
    chmodSync(path.join(dir, 'locked'), 0o700);
    expect(existsSync(path.join(dir, 'locked'))).toBe(true);
  });
});
