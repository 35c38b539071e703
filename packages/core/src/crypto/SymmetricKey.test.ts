import { inspect } from 'node:util';
import { generateSymmetricKey } from './generateSymmetricKey.js';
import { SymmetricKey } from './SymmetricKey.js';

describe('SymmetricKey', () => {
  const keyBytes = Buffer.alloc(32, 0xab);
  const ivBytes = Buffer.alloc(16, 0xcd);

  it('never prints its bytes', () => {
    const key = new SymmetricKey(keyBytes, ivBytes);
    const printed = [
      JSON.stringify({ key }),
      String(key),
      `${key}`,
      inspect(key),
      inspect({ nested: { key } }, { depth: 5, showHidden: true }),
    ];
    for (const text of printed) {
      expect(text).toContain('[redacted]');
      expect(text.toLowerCase()).not.toContain('abab');
      expect(text).not.toContain(keyBytes.toString('base64'));
    }
  });

  it('keeps copies, so changing the caller’s buffer or a returned buffer does not change the key', () => {
    const source = Buffer.from(keyBytes);
    const key = new SymmetricKey(source, ivBytes);
    source.fill(0);
    key.key.fill(0);
    expect(key.key.equals(keyBytes)).toBe(true);
    expect(key.ivBase64).toBe(ivBytes.toString('base64'));
  });

  it('checks the key and IV lengths', () => {
    expect(() => new SymmetricKey(Buffer.alloc(16), ivBytes)).toThrow('AES-256 key must be 32 bytes (got 16)');
    expect(() => new SymmetricKey(keyBytes, Buffer.alloc(12))).toThrow(RangeError);
  });
});

describe('generateSymmetricKey', () => {
  it('asks the random source for 32 key bytes and 16 IV bytes', () => {
    const requests: number[] = [];
    let counter = 0;
    const key = generateSymmetricKey((size) => {
      requests.push(size);
      return Uint8Array.from({ length: size }, () => counter++);
    });
    expect(requests).toEqual([32, 16]);
    expect([...key.key]).toEqual([...Array(32).keys()]);
    expect([...key.iv]).toEqual([...Array(16).keys()].map((i) => i + 32));
  });

  it('gives different keys by default', () => {
    expect(generateSymmetricKey().key.equals(generateSymmetricKey().key)).toBe(false);
  });
});
