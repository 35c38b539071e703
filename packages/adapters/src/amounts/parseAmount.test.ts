import { parseAmount } from './parseAmount.js';

const value = (text: string, format?: Parameters<typeof parseAmount>[1]): string => {
  const parsed = parseAmount(text, format);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
};

describe('parseAmount', () => {
  it.each([
    ['1 234,56', '1234.56'],
    ['1\u00a0234,56', '1234.56'],
    ['1\u202f234\u202f567,5', '1234567.5'],
    ['1.234,56', '1234.56'],
    ['1,234.56', '1234.56'],
    ['1234.56', '1234.56'],
    ['1234,56', '1234.56'],
    ['-12,5', '-12.5'],
    ['\u221212,50', '-12.50'],
    ['+3', '3'],
    [' 0,00 ', '0.00'],
    [',5', '0.5'],
    ['12345678901234567890,123456', '12345678901234567890.123456'],
  ])('reads %j as %s', (text, expected) => {
    expect(value(text)).toBe(expected);
  });

  it('keeps the source digits (no float rounding)', () => {
    expect(value('0,1000000001')).toBe('0.1000000001');
  });

  it('follows a declared format strictly', () => {
    expect(value('1.234', { decimalSeparator: ',', thousandsSeparator: '.' })).toBe('1234');
    expect(value('1,234', { decimalSeparator: '.', thousandsSeparator: ',' })).toBe('1234');
    expect(value('1 234,5', { decimalSeparator: ',', thousandsSeparator: ' ' })).toBe('1234.5');
    expect(parseAmount('1,5', { decimalSeparator: '.', thousandsSeparator: '' }).ok).toBe(false);
  });

  it.each(['', '  ', 'abc', '1e5', '12 zł', '1.23.4,5', '--1', '1,2,3.4.5', 'NaN', '-'])('rejects %j with a message', (text) => {
    const parsed = parseAmount(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message.length).toBeGreaterThan(0);
  });

  it('rejects a lone separator before three digits as ambiguous unless the grouping is declared', () => {
    for (const [text, format] of [['1.234', {}], ['1,234', {}], ['-12.500', {}], ['1.234', { decimalSeparator: ',' as const }], ['123,456', { decimalSeparator: '.' as const }]] as const) {
      const parsed = parseAmount(text, format);
      expect(parsed).toEqual({ ok: false, message: expect.stringContaining('ambiguous') });
    }
    // Declared, or unambiguous from the text itself.
    expect(value('1.234', { decimalSeparator: '.' })).toBe('1.234');
    expect(value('1.234', { decimalSeparator: ',', thousandsSeparator: '.' })).toBe('1234');
    expect(value('1.234,00', { decimalSeparator: ',' })).toBe('1234.00');
    expect(value('1.234.567', { decimalSeparator: ',' })).toBe('1234567');
    expect(value('0,234')).toBe('0.234');
    expect(value('1,2345')).toBe('1.2345');
  });

  it('rejects equal separators', () => {
    const parsed = parseAmount('1,5', { decimalSeparator: ',', thousandsSeparator: ',' });
    expect(parsed).toEqual({ ok: false, message: expect.stringContaining('cannot equal') });
  });
});
