import { SimulatorClock } from '../SimulatorClock.js';
import { crc8, crc8Hex } from './crc8.js';
import { parseKsefNumber } from './KsefNumber.js';
import { KsefNumberFactory } from './KsefNumberFactory.js';
import { parseReferenceNumber } from './ReferenceNumber.js';
import { ReferenceNumberFactory } from './ReferenceNumberFactory.js';

describe('crc8', () => {
  it('is CRC-8/SMBUS (check value of "123456789" is 0xF4)', () => {
    expect(crc8('123456789')).toBe(0xf4);
  });

  it('reproduces the checksum of the worked example in faktury/numer-ksef.md', () => {
    expect(crc8Hex('5265877635-20250826-0100001AF629')).toBe('AF');
    expect(parseKsefNumber('5265877635-20250826-0100001AF629-AF')).toBe('5265877635-20250826-0100001AF629-AF');
    expect(parseKsefNumber('5265877635-20250826-0100001AF629-AE')).toBeUndefined();
  });

  it('validates reference numbers taken from the docs', () => {
    // sesja-interaktywna / open-api.json examples
    expect(parseReferenceNumber('20250625-SO-2C3E6C8000-B675CF5D68-07')).toBeDefined();
    expect(parseReferenceNumber('20250625-SO-2C3E6C8000-B675CF5D68-08')).toBeUndefined();
  });
});

describe('ReferenceNumberFactory', () => {
  it('issues checksummed numbers with the Warsaw date and type code', () => {
    const clock = SimulatorClock.frozen('2026-03-01T23:30:00Z');
    const factory = new ReferenceNumberFactory(clock, 'seed');
    const ref = factory.next('batchSession');
    expect(ref).toMatch(/^20260302-SB-[0-9A-F]{10}-[0-9A-F]{10}-[0-9A-F]{2}$/);
    expect(ref).toHaveLength(36);
    expect(parseReferenceNumber(ref)).toBe(ref);
  });

  it('is deterministic for a seed and never repeats', () => {
    const clock = SimulatorClock.frozen('2026-01-01T10:00:00Z');
    const a = new ReferenceNumberFactory(clock, 'same');
    const b = new ReferenceNumberFactory(clock, 'same');
    const fromA = Array.from({ length: 200 }, () => a.next('invoice'));
    const fromB = Array.from({ length: 200 }, () => b.next('invoice'));
    expect(fromA).toEqual(fromB);
    expect(new Set(fromA).size).toBe(200);
    expect(new ReferenceNumberFactory(clock, 'other').next('invoice')).not.toBe(fromA[0]);
  });
});

describe('KsefNumberFactory', () => {
  it('assigns valid, unique KSeF numbers for the seller and acceptance day', () => {
    const factory = new KsefNumberFactory('seed');
    const numbers = Array.from({ length: 500 }, () => factory.next('5265877635', new Date('2025-08-26T10:00:00Z')));
    for (const n of numbers) {
      expect(n).toMatch(/^5265877635-20250826-[0-9A-F]{12}-[0-9A-F]{2}$/);
      expect(parseKsefNumber(n)).toBe(n);
    }
    expect(new Set(numbers).size).toBe(500);
  });

  it('rejects a malformed NIP', () => {
    expect(() => new KsefNumberFactory().next('123', new Date())).toThrow(RangeError);
  });
});
