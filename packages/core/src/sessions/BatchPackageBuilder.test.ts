import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SymmetricKey } from '../crypto/SymmetricKey.js';
import type { BatchCompression, BatchPackage } from './BatchPackage.js';
import { BatchPackageBuilder } from './BatchPackageBuilder.js';

const key = new SymmetricKey(randomBytes(32), randomBytes(16));
const modified = new Date('2026-03-01T10:20:30Z');

/** Invoice-like files: compressible XML plus random bytes so parts are not trivially equal. */
function files(count: number): { name: string; bytes: Buffer }[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `faktury/FV-${i + 1}-zażółć.xml`,
    bytes: Buffer.from(`<Faktura><P_2>FV/${i + 1}</P_2><Opis>${randomBytes(400).toString('base64')}</Opis></Faktura>`, 'utf8'),
  }));
}

async function build(compression: BatchCompression, input: { name: string; bytes: Buffer }[], partSizeBytes?: number): Promise<BatchPackage> {
  const builder = new BatchPackageBuilder({ compression, key, modified, ...(partSizeBytes !== undefined && { partSizeBytes }) });
  for (const file of input) await builder.add(file.name, file.bytes);
  return builder.finish();
}

/** Each part decrypted on its own by `openssl enc -d` (independent of node:crypto), joined in order. */
async function decryptWithOpenssl(pkg: BatchPackage): Promise<Buffer> {
  const pieces = [];
  for (const part of pkg.parts) {
    pieces.push(execFileSync('openssl', ['enc', '-d', '-aes-256-cbc', '-K', key.key.toString('hex'), '-iv', key.iv.toString('hex'), '-in', part.path], { maxBuffer: 64 * 1024 * 1024 }));
  }
  return Buffer.concat(pieces);
}

describe('BatchPackageBuilder', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'batch-builder-test-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes a ZIP that unzip lists and extracts byte for byte, split into parts that openssl decrypts back into it', async () => {
    const input = files(25);
    await using pkg = await build('Zip', input, 4_000);
    expect(pkg.parts.length).toBeGreaterThan(1);
    expect(pkg.parts.map((p) => p.ordinalNumber)).toEqual(pkg.parts.map((_, i) => i + 1));
    const archive = await decryptWithOpenssl(pkg);
    expect(archive.length).toBe(pkg.fileSize);
    expect(createHash('sha256').update(archive).digest('base64')).toBe(pkg.fileHash);
    for (const part of pkg.parts) {
      const encrypted = await readFile(part.path);
      expect(encrypted.length).toBe(part.fileSize);
      expect(createHash('sha256').update(encrypted).digest('base64')).toBe(part.fileHash);
      // Every part but the last holds exactly 4 000 bytes before encryption: PKCS#7 makes that 4 016.
      if (part.ordinalNumber < pkg.parts.length) expect(part.fileSize).toBe(4_016);
    }
    const zipPath = path.join(dir, 'package.zip');
    await writeFile(zipPath, archive);
    const listing = execFileSync('unzip', ['-Z1', zipPath]).toString('utf8').trim().split('\n');
    expect(listing).toEqual(input.map((f) => f.name));
    execFileSync('unzip', ['-tq', zipPath]);
    for (const file of [input[0], input[24]]) {
      expect(execFileSync('unzip', ['-p', zipPath, file?.name ?? '']).equals(file?.bytes ?? Buffer.alloc(0))).toBe(true);
    }
  });

  it('writes a TAR.GZ that tar lists and extracts byte for byte', async () => {
    const input = [...files(3), { name: `${'d'.repeat(60)}/${'n'.repeat(70)}.xml`, bytes: Buffer.from('<Faktura/>') }];
    await using pkg = await build('TarGz', input, 1_000);
    const archivePath = path.join(dir, 'package.tar.gz');
    await writeFile(archivePath, await decryptWithOpenssl(pkg));
    expect(execFileSync('tar', ['tzf', archivePath]).toString('utf8').trim().split('\n')).toEqual(input.map((f) => f.name));
    execFileSync('tar', ['xzf', archivePath, '-C', dir]);
    for (const file of input) expect((await readFile(path.join(dir, file.name))).equals(file.bytes)).toBe(true);
  });

  it('makes one part when the archive fits, and deletes its temporary files on dispose', async () => {
    const pkg = await build('Zip', files(2));
    expect(pkg.parts).toHaveLength(1);
    expect(pkg.fileCount).toBe(2);
    const partPath = pkg.parts[0]?.path ?? '';
    expect(existsSync(partPath)).toBe(true);
    await pkg.dispose();
    expect(existsSync(partPath)).toBe(false);
  });

  it('refuses a part size above the 100 MB KSeF allows before encryption', () => {
    expect(() => new BatchPackageBuilder({ compression: 'Zip', key, modified, partSizeBytes: 100_000_001 })).toThrow(/1 to 100000000 bytes/);
  });
});
