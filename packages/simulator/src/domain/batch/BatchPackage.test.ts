import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { opensslAesEncrypt, randomSessionKey } from '../__fixtures__/openssl.js';
import { sha256Base64 } from '../crypto/sha256Base64.js';
import { checkBatchDeclaration, checkUploadedParts, unpackBatch, uploadWindowEndsAt, type BatchFileDeclaration } from './BatchPackage.js';

const dir = mkdtempSync(path.join(tmpdir(), 'sim-batch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Builds an archive of `files` with the system `zip` or `tar` CLI (not with fflate). */
function archiveWith(tool: 'zip' | 'tar', files: Record<string, string>): Buffer {
  const work = mkdtempSync(path.join(dir, 'a-'));
  const src = path.join(work, 'src');
  mkdirSync(src);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(src, name)), { recursive: true });
    writeFileSync(path.join(src, name), content);
  }
  const out = path.join(work, tool === 'zip' ? 'out.zip' : 'out.tar.gz');
  if (tool === 'zip') execFileSync('zip', ['-q', '-r', out, '.'], { cwd: src });
  else execFileSync('tar', ['-czf', out, '-C', src, ...Object.keys(files)]);
  return readFileSync(out);
}

/** Splits, encrypts each part independently with openssl and declares it all, as a client would. */
function pack(archive: Buffer, partCount: number, sessionKey = randomSessionKey(), compressionType: 'Zip' | 'TarGz' = 'Zip') {
  const size = Math.ceil(archive.length / partCount);
  const parts = new Map<number, Buffer>();
  for (let i = 0; i < partCount; i++) parts.set(i + 1, opensslAesEncrypt(sessionKey.key, sessionKey.iv, archive.subarray(i * size, (i + 1) * size)));
  const declaration: BatchFileDeclaration = {
    fileSize: archive.length,
    fileHash: sha256Base64(archive),
    compressionType,
    fileParts: [...parts].map(([ordinalNumber, bytes]) => ({ ordinalNumber, fileSize: bytes.length, fileHash: sha256Base64(bytes) })),
  };
  return { declaration, parts, sessionKey };
}

const invoices = { 'fa-1.xml': '<Faktura>1</Faktura>', 'fa-2.xml': '<Faktura>2</Faktura>', 'sub/fa-3.xml': '<Faktura>3</Faktura>' };

describe('unpackBatch', () => {
  it('unpacks a zip (system zip CLI) split into 3 openssl-encrypted parts', () => {
    const { declaration, parts, sessionKey } = pack(archiveWith('zip', invoices), 3);
    const result = unpackBatch({ declaration, parts, sessionKey });
    if (!result.ok) throw new Error(JSON.stringify(result.status));
    const byName = Object.fromEntries(result.files.map((f) => [f.fileName, Buffer.from(f.bytes).toString('utf8')]));
    expect(byName).toEqual(invoices);
  });

  it('unpacks a TarGz (system tar CLI)', () => {
    const { declaration, parts, sessionKey } = pack(archiveWith('tar', invoices), 2, randomSessionKey(), 'TarGz');
    const result = unpackBatch({ declaration, parts, sessionKey });
    if (!result.ok) throw new Error(JSON.stringify(result.status));
    expect(result.files.map((f) => f.fileName).sort()).toEqual(Object.keys(invoices).sort());
  });

  it('fails with 415 without a session key, 405 on a part or archive mismatch, 435 on undecryptable parts', () => {
    const packed = pack(archiveWith('zip', invoices), 2);
    expect(unpackBatch({ ...packed, sessionKey: undefined })).toMatchObject({ ok: false, status: { code: 415, description: 'Błąd odszyfrowania dostarczonego klucza' } });

    const tampered = new Map(packed.parts);
    const first = Buffer.from(tampered.get(1) ?? Buffer.alloc(0));
    first[0] = (first[0] ?? 0) ^ 1;
    tampered.set(1, first);
    expect(unpackBatch({ ...packed, parts: tampered })).toMatchObject({ ok: false, status: { code: 405, description: 'Błąd weryfikacji poprawności dostarczonych elementów paczki' } });

    const wrongArchiveHash = { ...packed.declaration, fileHash: sha256Base64('x') };
    expect(unpackBatch({ ...packed, declaration: wrongArchiveHash })).toMatchObject({ ok: false, status: { code: 405 } });

    // consistent declarations, but the parts were encrypted with another key
    const otherKey = randomSessionKey();
    expect(unpackBatch({ ...packed, sessionKey: otherKey })).toMatchObject({ ok: false, status: { code: 435, description: 'Błąd odszyfrowania zaszyfrowanych części archiwum' } });
  });

  it('fails with 430 on a broken archive, 440 on an empty one, 420 over the invoice limit', () => {
    const broken = pack(Buffer.from('this is not a zip archive at all'), 1);
    expect(unpackBatch(broken)).toMatchObject({ ok: false, status: { code: 430, description: 'Błąd dekompresji pierwotnego archiwum' } });
    const brokenTar = pack(Buffer.from('not gzip'), 1, randomSessionKey(), 'TarGz');
    expect(unpackBatch(brokenTar)).toMatchObject({ ok: false, status: { code: 430 } });

    const emptyZip = Buffer.from('504b0506000000000000000000000000000000000000', 'hex'); // end-of-central-directory only
    expect(unpackBatch(pack(emptyZip, 1))).toMatchObject({ ok: false, status: { code: 440, description: 'Sesja anulowana', details: ['Nie przesłano faktur'] } });

    const many = pack(archiveWith('zip', invoices), 1);
    expect(unpackBatch({ ...many, maxInvoices: 2 })).toMatchObject({ ok: false, status: { code: 420, description: 'Przekroczony limit faktur w sesji' } });
  });
});

describe('batch declarations', () => {
  const part = (ordinalNumber: number, fileSize = 1000) => ({ ordinalNumber, fileSize, fileHash: sha256Base64(String(ordinalNumber)) });
  const declaration = (parts: ReturnType<typeof part>[], fileSize = 5000): BatchFileDeclaration => ({ fileSize, fileHash: sha256Base64('a'), fileParts: parts });

  it('accepts up to 50 parts of up to 100 MB (plus padding)', () => {
    expect(checkBatchDeclaration(declaration(Array.from({ length: 50 }, (_, i) => part(i + 1, 100_000_016))))).toBeUndefined();
  });

  it('rejects too many parts (21161), oversize parts (21157), bad numbering and a >5 GB archive (21405)', () => {
    expect(checkBatchDeclaration(declaration(Array.from({ length: 51 }, (_, i) => part(i + 1))))?.code).toBe(21161);
    expect(checkBatchDeclaration(declaration([part(1, 100_000_017)]))).toEqual({
      code: 21157, description: 'Nieprawidłowy rozmiar części pakietu.', details: ['Rozmiar części 1 przekroczył dozwolony rozmiar 100MB'],
    });
    expect(checkBatchDeclaration(declaration([part(1), part(1)]))?.code).toBe(21405);
    expect(checkBatchDeclaration(declaration([part(2)]))?.code).toBe(21405);
    expect(checkBatchDeclaration(declaration([part(1)], 5_000_000_001))?.code).toBe(21405);
  });

  it('checks uploads at close: missing part 21205, size mismatch 21157', () => {
    const d = declaration([part(1), part(2)]);
    expect(checkUploadedParts(d, new Map([[1, 1000], [2, 1000]]))).toBeUndefined();
    expect(checkUploadedParts(d, new Map([[1, 1000]]))).toEqual({ code: 21205, description: 'Pakiet nie może być pusty.', details: ["Nie przesłano zadeklarowanej '2' części pliku."] });
    expect(checkUploadedParts(d, new Map([[1, 1000], [2, 999]]))?.code).toBe(21157);
  });

  it('gives 20 minutes of upload window per part', () => {
    expect(uploadWindowEndsAt(0, 2)).toBe(40 * 60_000);
  });
});
