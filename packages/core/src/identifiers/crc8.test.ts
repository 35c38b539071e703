import { crc8 } from './crc8.js';

describe('crc8', () => {
  it('gives the CRC-8/SMBUS check value from the CRC catalogue for "123456789"', () => {
    expect(crc8('123456789')).toBe(0xf4);
  });

  it('is 0 for no data (init 0x00, no final XOR)', () => {
    expect(crc8(new Uint8Array())).toBe(0);
  });

  it('maps the byte 0x01 to the polynomial itself', () => {
    // The CRC of one byte b is b·x^8 mod (x^8+x^2+x+1); for b = 1 that is x^2+x+1 = 0x07.
    expect(crc8(Uint8Array.of(0x01))).toBe(0x07);
  });

  it('treats a string as its UTF-8 bytes', () => {
    expect(crc8('zażółć')).toBe(crc8(new TextEncoder().encode('zażółć')));
  });
});
