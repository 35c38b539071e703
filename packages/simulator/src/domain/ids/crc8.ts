/**
 * CRC-8 with polynomial 0x07, initial value 0x00, no reflection, no final XOR (CRC-8/SMBUS): the
 * checksum of KSeF numbers (`faktury/numer-ksef.md`) and, as verified on the docs' examples, of
 * reference numbers (ksef-api.md §0, §8).
 */
export function crc8(data: Uint8Array | string): number {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  let crc = 0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x80 ? ((crc << 1) ^ 0x07) & 0xff : (crc << 1) & 0xff;
  }
  return crc;
}

/** {@link crc8} as the two uppercase hex characters KSeF appends. */
export function crc8Hex(data: Uint8Array | string): string {
  return crc8(data).toString(16).toUpperCase().padStart(2, '0');
}
