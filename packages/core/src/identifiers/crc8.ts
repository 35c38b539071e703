/**
 * CRC-8 with polynomial 0x07, initial value 0x00, no reflection and no final XOR (CRC-8/SMBUS; its
 * check value for ASCII "123456789" is 0xF4). KSeF numbers end with this checksum over their first
 * 32 characters (`faktury/numer-ksef.md`); the simulator's reference numbers use it too.
 */
export function crc8(data: Uint8Array | string): number {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  let crc = 0x00;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 0x80 ? ((crc << 1) ^ 0x07) & 0xff : (crc << 1) & 0xff;
    }
  }
  return crc;
}
