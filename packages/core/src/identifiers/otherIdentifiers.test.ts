import { internalIdNip, isValidInternalId, parseInternalId } from './InternalId.js';
import { isValidNipVatUe, nipVatUeParts, parseNipVatUe } from './NipVatUe.js';
import { isValidPeppolId, parsePeppolId } from './PeppolId.js';
import { isValidPesel, parsePesel, peselChecksumValid } from './Pesel.js';

describe('InternalId', () => {
  it('accepts NIP-5 digits and exposes the NIP', () => {
    expect(internalIdNip(parseInternalId('5265877635-12345'))).toBe('5265877635');
  });
  it.each(['5265877635-1234', '5265877635_12345', '0265877635-12345', '5265877635-1234A'])('rejects %s', (value) => {
    expect(isValidInternalId(value)).toBe(false);
    expect(() => parseInternalId(value)).toThrow(RangeError);
  });
});

describe('NipVatUe', () => {
  it('accepts a NIP with a German VAT number and splits it', () => {
    expect(nipVatUeParts(parseNipVatUe('5265877635-DE123456789'))).toEqual({ nip: '5265877635', vatUe: 'DE123456789' });
  });
  it.each(['5265877635-ATU12345678', '5265877635-XIGD123', '5265877635-ESX1234567Y'])('accepts %s', (value) => {
    expect(isValidNipVatUe(value)).toBe(true);
  });
  it.each(['5265877635-DE12345678', '5265877635-PL1234567890', '5265877635DE123456789'])('rejects %s', (value) => {
    expect(isValidNipVatUe(value)).toBe(false);
    expect(() => parseNipVatUe(value)).toThrow(RangeError);
  });
});

describe('PeppolId', () => {
  it('accepts P, a country code and six digits', () => {
    expect(parsePeppolId('PPL123456')).toBe('PPL123456');
    expect(isValidPeppolId('ppl123456')).toBe(false);
    expect(() => parsePeppolId('PPL12345')).toThrow(RangeError);
  });
});

describe('Pesel', () => {
  // 44051401359: 4·1+4·3+0·7+5·9+1·1+4·3+0·7+1·9+3·1+5·3 = 101; (10 - 1) mod 10 = 9 = last digit.
  // 0227080362?: born 2002-07-08 (month 27 = July in the 2000s); 0+6+14+63+0+24+0+27+6+6 = 146,
  //   (10 - 6) mod 10 = 4, so 02270803624 is valid and 02270803628 is not.
  it('accepts a PESEL whose check digit matches', () => {
    expect(parsePesel('44051401359')).toBe('44051401359');
    expect(isValidPesel('02270803624')).toBe(true);
  });
  it('reports checksum and month-code problems separately', () => {
    expect(peselChecksumValid('02270803628')).toBe(false);
    expect(() => parsePesel('02270803628')).toThrow(expect.objectContaining({ problem: 'checksum' }));
    // Month 13 is no month in any century.
    expect(() => parsePesel('44131401359')).toThrow(expect.objectContaining({ problem: 'pattern' }));
    expect(() => parsePesel('4405140135')).toThrow(expect.objectContaining({ problem: 'length' }));
  });
});
