import { isValidReferenceNumber, parseReferenceNumber, referenceNumberParts } from './ReferenceNumber.js';

describe('parseReferenceNumber', () => {
  it.each([
    ['20250625-SO-2C3E6C8000-B675CF5D68-07', 'SO'],
    ['20250625-EE-319D7EE000-B67F415CDC-2C', 'EE'],
    ['20250625-CR-2FDC223000-C2BFC98A9C-4E', 'CR'],
    ['20250901-EU-47FDBE3000-5961A5D232-BF', 'EU'],
  ])('accepts the documented %s and reads its type code', (value, typeCode) => {
    expect(referenceNumberParts(parseReferenceNumber(value))).toEqual({ date: `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}`, typeCode });
  });

  it('treats the last two characters as opaque (no checksum check)', () => {
    expect(isValidReferenceNumber('20250625-SO-2C3E6C8000-B675CF5D68-00')).toBe(true);
  });

  it.each([
    ['20250625-SO-2C3E6C8000-B675CF5D68-0', 'length'],
    ['20251325-SO-2C3E6C8000-B675CF5D68-07', 'pattern'],
    ['20250625-so-2C3E6C8000-B675CF5D68-07', 'pattern'],
    ['20250625-SO-2c3e6c8000-B675CF5D68-07', 'pattern'],
    ['20250625_SO-2C3E6C8000-B675CF5D68-07', 'pattern'],
  ])('rejects %s (%s)', (value, problem) => {
    expect(() => parseReferenceNumber(value)).toThrow(RangeError);
    try {
      parseReferenceNumber(value);
    } catch (error) {
      expect(error).toMatchObject({ identifier: 'ReferenceNumber', problem });
    }
  });
});
