import { parseDate } from './parseDate.js';

describe('parseDate', () => {
  it.each([
    ['14.03.2025', 'DD.MM.YYYY', '2025-03-14'],
    ['2025-03-14', 'YYYY-MM-DD', '2025-03-14'],
    ['03/14/2025', 'MM/DD/YYYY', '2025-03-14'],
    ['20250314', 'YYYYMMDD', '2025-03-14'],
    ['4.3.2025', 'D.M.YYYY', '2025-03-04'],
    ['2025-03-14 10:22:00', 'YYYY-MM-DD', '2025-03-14'],
  ])('%s in %s is %s', (text, format, iso) => {
    expect(parseDate(text, format)).toEqual({ ok: true, value: iso });
  });

  it.each([['31.02.2025', 'DD.MM.YYYY'], ['2025-03-14', 'DD.MM.YYYY'], ['', 'YYYY-MM-DD'], ['14.13.2025', 'DD.MM.YYYY']])('rejects %j in %s', (text, format) => {
    expect(parseDate(text, format).ok).toBe(false);
  });
});
