import { InvalidIdentifierError } from './InvalidIdentifierError.js';
import {
  computeKsefNumberChecksum,
  isValidKsefNumber,
  ksefNumberParts,
  parseKsefNumber,
} from './KsefNumber.js';

// The worked example of `faktury/numer-ksef.md`.
const workedExample = '5265877635-20250826-0100001AF629-AF';

// Every other distinct 35-character KSeF number printed in the official docs (ksef-docs/**/*.md).
const documentedNumbers = [
  '5265877635-20250626-010080DD2B5E-26',
  '5265877635-20250916-010040741B3E-46',
  '5265877635-20250916-0100C002FF3E-D5',
  '5265877635-20250916-02000009FF3E-FB',
  '5265877635-20250916-020000583241-84',
  '5265877635-20250916-0200A0D6723E-C2',
  '5265877635-20250925-010020A0A242-0A',
  '5555555555-20250828-010080615740-E4',
];

describe('parseKsefNumber', () => {
  it('accepts the worked example of the docs and exposes its parts', () => {
    const number = parseKsefNumber(workedExample);
    expect(number).toBe(workedExample);
    expect(ksefNumberParts(number)).toEqual({
      nip: '5265877635',
      date: '2025-08-26',
      technicalPart: '0100001AF629',
      checksum: 'AF',
      legacy: false,
    });
    expect(computeKsefNumberChecksum('5265877635-20250826-0100001AF629')).toBe('AF');
  });

  it.each(documentedNumbers)('accepts the documented number %s', (value) => {
    expect(isValidKsefNumber(value)).toBe(true);
  });

  it('rejects every single-character change of the worked example', () => {
    const alphabet = '0123456789ABCDEF-';
    let variants = 0;
    for (let i = 0; i < workedExample.length; i++) {
      for (const c of alphabet) {
        if (c === workedExample[i]) continue;
        const variant = workedExample.slice(0, i) + c + workedExample.slice(i + 1);
        expect({ variant, valid: isValidKsefNumber(variant) }).toEqual({ variant, valid: false });
        variants++;
      }
    }
    expect(variants).toBe(35 * 16);
  });

  it('reports a wrong checksum as a checksum problem', () => {
    expect(errorOf(() => parseKsefNumber('5265877635-20250826-0100001AF629-AE'))).toMatchObject({
      identifier: 'KsefNumber',
      problem: 'checksum',
    });
  });

  it('rejects lowercase hex, which KSeF never issues', () => {
    expect(errorOf(() => parseKsefNumber('5265877635-20250826-0100001af629-AF'))).toMatchObject({ problem: 'pattern' });
  });

  it('rejects other lengths', () => {
    expect(errorOf(() => parseKsefNumber(workedExample.slice(0, 34)))).toMatchObject({ problem: 'length' });
    expect(errorOf(() => parseKsefNumber(`${workedExample}0`))).toMatchObject({ problem: 'pattern' });
    expect(errorOf(() => parseKsefNumber(`${workedExample}00`))).toMatchObject({ problem: 'length' });
  });

  it('accepts the 36-character KSeF 1.0 form by its pattern only', () => {
    // The docs define no checksum for KSeF 1.0 numbers, so any two hex characters pass.
    const legacy = parseKsefNumber('5265877635-20210826-010000-1AF629-00');
    expect(ksefNumberParts(legacy)).toMatchObject({ technicalPart: '0100001AF629', legacy: true, checksum: '00' });
    expect(isValidKsefNumber('5265877635-20210826-010000-1AF629-0G')).toBe(false);
  });

  it('does not check the NIP check digit (TEST issues numbers for random NIPs)', () => {
    // 1234567890 has no valid check digit; the number's own CRC is computed for it.
    const data = '1234567890-20250826-0100001AF629';
    expect(isValidKsefNumber(`${data}-${computeKsefNumberChecksum(data)}`)).toBe(true);
  });

  it('computes the checksum only from a 32-character data part', () => {
    expect(() => computeKsefNumberChecksum(workedExample)).toThrow(RangeError);
  });
});

function errorOf(action: () => unknown): InvalidIdentifierError {
  try {
    action();
  } catch (error) {
    if (error instanceof InvalidIdentifierError) return error;
    throw error;
  }
  throw new Error('expected an InvalidIdentifierError');
}
