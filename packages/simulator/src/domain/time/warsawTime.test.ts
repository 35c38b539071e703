import { formatKsefDateTime } from './ksefDateTime.js';
import { warsawCompactDate, warsawDate, warsawDateTime } from './warsawTime.js';

describe('Warsaw time', () => {
  it('uses summer time (+02:00) and winter time (+01:00)', () => {
    expect(warsawDateTime(new Date('2025-09-16T09:02:41.584Z'))).toBe('2025-09-16T11:02:41.584+02:00');
    expect(warsawDateTime(new Date('2026-01-15T23:30:00.007Z'))).toBe('2026-01-16T00:30:00.007+01:00');
  });

  it('rolls the calendar day at Warsaw midnight, not UTC midnight', () => {
    const lateUtc = new Date('2026-03-01T23:30:00Z');
    expect(warsawDate(lateUtc)).toBe('2026-03-02');
    expect(warsawCompactDate(lateUtc)).toBe('20260302');
  });

  it('formats API timestamps with 7 fractional digits', () => {
    expect(formatKsefDateTime(new Date('2025-07-11T12:23:56.015Z'))).toBe('2025-07-11T12:23:56.0150000+00:00');
  });
});
