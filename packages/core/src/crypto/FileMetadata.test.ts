import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { FileMetadataTap, fileMetadata, fileMetadataOfStream } from './FileMetadata.js';

/** `openssl dgst -sha256 -binary | base64`, computed outside node. */
function opensslSha256Base64(input: Uint8Array): string {
  return execFileSync('openssl', ['dgst', '-sha256', '-binary'], { input, maxBuffer: 1024 }).toString('base64');
}

describe('fileMetadata', () => {
  it('gives the Base64 SHA-256 openssl computes and the byte length', () => {
    const bytes = Buffer.from('<?xml version="1.0" encoding="UTF-8"?><Faktura>żółć</Faktura>', 'utf8');
    const metadata = fileMetadata(bytes);
    expect(metadata).toEqual({ hashSHA: opensslSha256Base64(bytes), fileSize: bytes.length });
    expect(metadata.hashSHA).toHaveLength(44);
    // UTF-8 bytes, not characters: the 4 Polish letters take 2 bytes each.
    expect(metadata.fileSize).toBe(bytes.toString('utf8').length + 4);
  });

  it('hashes the empty input to the well-known SHA-256 of nothing', () => {
    expect(fileMetadata(new Uint8Array())).toEqual({ hashSHA: '47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=', fileSize: 0 });
  });

  it('gives the same result for a stream read in chunks', async () => {
    const bytes = randomBytes(3_000_001);
    const chunks = [bytes.subarray(0, 7), bytes.subarray(7, 1_000_000), bytes.subarray(1_000_000)];
    expect(await fileMetadataOfStream(Readable.from(chunks))).toEqual({
      hashSHA: opensslSha256Base64(bytes),
      fileSize: 3_000_001,
    });
  });

  it('measures what passes through a FileMetadataTap without changing it', async () => {
    const bytes = randomBytes(200_000);
    const tap = new FileMetadataTap();
    expect(() => tap.metadata()).toThrow(/not ended/);
    const passed = await buffer(Readable.from([bytes.subarray(0, 1234), bytes.subarray(1234)]).pipe(tap));
    expect(passed.equals(bytes)).toBe(true);
    expect(tap.metadata()).toEqual({ hashSHA: opensslSha256Base64(bytes), fileSize: 200_000 });
  });
});
