import { InvalidIdentifierError } from './InvalidIdentifierError.js';
import { isValidNip, nipChecksumValid, parseNip } from './Nip.js';

// Check digits worked by hand (weights 6,5,7,2,3,4,5,6,7; sum mod 11 = 10th digit):
//  5265877635: 30+10+42+10+24+28+35+36+21 = 236; 236 mod 11 = 5            -> valid (MF's NIP in the docs)
//  1234563218: 6+10+21+8+15+24+15+12+7     = 118; 118 mod 11 = 8            -> valid
//  1111111111: 6+5+7+2+3+4+5+6+7           =  45;  45 mod 11 = 1            -> valid
//  1234567890: 6+10+21+8+15+24+35+48+63    = 230; 230 mod 11 = 10           -> never valid
//  5265877636: same sum as above, 5 != 6                                   -> bad check digit
//  9999999998: 9*45 = 405; 405 mod 11 = 9 != 8                            -> bad check digit
describe('parseNip', () => {
  it.each(['5265877635', '1234563218', '1111111111'])('accepts %s', (nip) => {
    expect(parseNip(nip)).toBe(nip);
    expect(isValidNip(nip)).toBe(true);
    expect(nipChecksumValid(nip)).toBe(true);
  });

  it('rejects a wrong check digit as a checksum problem', () => {
    expect(() => parseNip('5265877636')).toThrow(InvalidIdentifierError);
    expect(errorOf(() => parseNip('5265877636'))).toMatchObject({ identifier: 'Nip', problem: 'checksum' });
    expect(isValidNip('5265877636')).toBe(false);
  });

  it('rejects a remainder of 10, which no check digit can match', () => {
    expect(nipChecksumValid('1234567890')).toBe(false);
    expect(errorOf(() => parseNip('1234567890'))).toMatchObject({ problem: 'checksum' });
  });

  it('reports the pattern separately from the checksum', () => {
    // 0000000000 has a valid checksum (sum 0) but breaks the pattern.
    expect(nipChecksumValid('0000000000')).toBe(true);
    expect(errorOf(() => parseNip('0000000000'))).toMatchObject({ problem: 'pattern' });
    // 1001234560: digits 2-3 are 00 (no tax office 00).
    expect(errorOf(() => parseNip('1001234560'))).toMatchObject({ problem: 'pattern' });
  });

  it.each(['526587763', '52658776355', '526-587-76-35', ' 5265877635', ''])('rejects %j by length', (value) => {
    const error = errorOf(() => parseNip(value));
    expect(error).toBeInstanceOf(RangeError);
    expect(error).toMatchObject({ problem: 'length' });
    expect(isValidNip(value)).toBe(false);
  });

  it('does not repeat the value in its message', () => {
    expect(errorOf(() => parseNip('9999999998')).message).not.toContain('9999999998');
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
