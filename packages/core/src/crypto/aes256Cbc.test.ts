import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { pipeline } from 'node:stream/promises';
import { createDecryptStream, createEncryptStream, createIncrementalEncryptor, decryptBytes, encryptBytes } from './aes256Cbc.js';
import { SymmetricKey } from './SymmetricKey.js';

const key = new SymmetricKey(randomBytes(32), randomBytes(16));

/** `openssl enc` — an implementation independent of node:crypto's API, with the same key and IV. */
function openssl(direction: '-e' | '-d', input: Uint8Array, k: SymmetricKey = key): Buffer {
  return execFileSync(
    'openssl',
    ['enc', direction, '-aes-256-cbc', '-K', k.key.toString('hex'), '-iv', k.iv.toString('hex')],
    { input, maxBuffer: 64 * 1024 * 1024 },
  );
}

describe('AES-256-CBC', () => {
  it.each([0, 1, 15, 16, 17, 6480])('encrypts %i bytes exactly as openssl enc does, without an IV prefix', (size) => {
    const plaintext = randomBytes(size);
    const ciphertext = encryptBytes(plaintext, key);
    expect(ciphertext.equals(openssl('-e', plaintext))).toBe(true);
    expect(decryptBytes(ciphertext, key).equals(plaintext)).toBe(true);
  });

  it('encrypts piece by piece (a batch part fed chunk by chunk) exactly as openssl enc encrypts the whole', () => {
    const plaintext = randomBytes(100_003);
    const encryptor = createIncrementalEncryptor(key);
    const pieces = [];
    for (let offset = 0; offset < plaintext.length; offset += 7_777) pieces.push(encryptor.update(plaintext.subarray(offset, offset + 7_777)));
    pieces.push(encryptor.final());
    expect(Buffer.concat(pieces).equals(openssl('-e', plaintext))).toBe(true);
  });

  it('decrypts what openssl enc encrypted', () => {
    const plaintext = Buffer.from('<Faktura>zażółć gęślą jaźń</Faktura>', 'utf8');
    expect(decryptBytes(openssl('-e', plaintext), key).toString('utf8')).toBe(plaintext.toString('utf8'));
  });

  it.each([
    // The plaintext → ciphertext sizes of the spec's examples (ksef-api.md §3): invoice, batch ZIP part, export part.
    [6480, 6496],
    [16037, 16048],
  ])('turns %i plaintext bytes into %i ciphertext bytes (PKCS#7: (floor(n/16)+1)*16)', (size, expected) => {
    expect(encryptBytes(Buffer.alloc(size, 0x41), key).length).toBe(expected);
    expect((Math.floor(size / 16) + 1) * 16).toBe(expected);
  });

  it('streams a multi-megabyte export part to the same bytes as encryptBytes and openssl enc', async () => {
    // 22 425 060 B is the export part of the spec example; its ciphertext is 22 425 072 B.
    const plaintext = randomBytes(22_425_060);
    const chunks = function* () {
      // Uneven chunk sizes so block boundaries fall inside chunks.
      for (let offset = 0; offset < plaintext.length; offset += 65_537) yield plaintext.subarray(offset, offset + 65_537);
    };
    const encrypted = await buffer(Readable.from(chunks()).pipe(createEncryptStream(key)));
    expect(encrypted.length).toBe(22_425_072);
    expect(encrypted.equals(encryptBytes(plaintext, key))).toBe(true);
    expect(encrypted.equals(openssl('-e', plaintext))).toBe(true);

    const decrypted = await buffer(Readable.from([encrypted]).pipe(createDecryptStream(key)));
    expect(decrypted.equals(plaintext)).toBe(true);
  });

  it('fails to decrypt with the wrong key', () => {
    const other = new SymmetricKey(randomBytes(32), key.iv);
    const ciphertext = encryptBytes(Buffer.from('a KSeF invoice body long enough for a few blocks'), key);
    let result: Buffer | undefined;
    try {
      result = decryptBytes(ciphertext, other);
    } catch {
      result = undefined;
    }
    // A wrong key gives bad PKCS#7 padding (an error) or, with probability ~1/256, garbage.
    expect(result?.toString()).not.toBe('a KSeF invoice body long enough for a few blocks');
  });

  it('reports a corrupted stream as a stream error', async () => {
    const ciphertext = encryptBytes(Buffer.from('x'.repeat(100)), key);
    const truncated = ciphertext.subarray(0, ciphertext.length - 3);
    await expect(pipeline(Readable.from([truncated]), createDecryptStream(key), async function* (source) {
      for await (const chunk of source) yield chunk;
    })).rejects.toThrow();
  });
});
