import { Decimal } from './Decimal.js';

const d = (text: string): Decimal => Decimal.parse(text);

describe('Decimal', () => {
  it('adds without float error', () => {
    expect(d('0.1').add(d('0.2')).toString()).toBe('0.3');
    expect(d('0.1').add(d('0.2')).toFixed(2)).toBe('0.30');
  });

  it('rounds half-up (away from zero) at 0.005, including negatives', () => {
    expect(d('2.345').round(2).toFixed(2)).toBe('2.35');
    expect(d('2.3449999').round(2).toFixed(2)).toBe('2.34');
    expect(d('-2.345').round(2).toFixed(2)).toBe('-2.35');
    expect(d('1.005').toFixed(2)).toBe('1.01'); // a float gives 1.00 here
    expect(d('0.125').toFixed(2)).toBe('0.13');
  });

  it('never prints -0', () => {
    expect(d('-0.001').toFixed(2)).toBe('0.00');
    expect(d('-0').toFixed(0)).toBe('0');
  });

  it('multiplies exactly and divides with half-up rounding', () => {
    expect(d('1.23').mul(d('4.567')).toString()).toBe('5.61741');
    expect(d('273.98').mul(d('23')).div(d('123'), 2).toFixed(2)).toBe('51.23');
    expect(d('10').div(d('3'), 4).toString()).toBe('3.3333');
    expect(d('-10').div(d('6'), 0).toString()).toBe('-2');
    expect(() => d('1').div(d('0'), 2)).toThrow(RangeError);
  });

  it('handles amounts beyond double precision', () => {
    const big = d('9999999999999999.99');
    expect(big.add(d('0.01')).toFixed(2)).toBe('10000000000000000.00');
  });

  it('compares across scales', () => {
    expect(d('1.50').compare(d('1.5'))).toBe(0);
    expect(d('-1').compare(d('0.01'))).toBe(-1);
    expect(d('2').compare(d('1.999'))).toBe(1);
  });

  it('keeps the source scale and drops leading zeros', () => {
    expect(d('007.50').toFixed(d('007.50').scale)).toBe('7.50');
    expect(d('+3').toString()).toBe('3');
    expect(d('20.00').significantScale()).toBe(0);
  });

  it('rejects anything but plain decimals', () => {
    for (const bad of ['1,5', '1e3', ' 1', '1.', '.5', '1 234.00', 'NaN', '']) {
      expect(Decimal.isDecimal(bad)).toBe(false);
      expect(() => d(bad)).toThrow(RangeError);
    }
  });
});
