import { parseCsv } from './parseCsv.js';

describe('parseCsv', () => {
  it('handles quotes, doubled quotes, delimiters and line breaks inside quotes, CRLF/LF/CR and blank lines', () => {
    const { records, problems } = parseCsv('a;"b;1";"say ""hi"""\r\n\r\n"multi\nline";x;\ny;z;w\rlast', ';', '"');
    expect(problems).toEqual([]);
    expect(records).toEqual([
      { fields: ['a', 'b;1', 'say "hi"'], line: 1 },
      { fields: ['multi\nline', 'x', ''], line: 3 },
      { fields: ['y', 'z', 'w'], line: 5 },
      { fields: ['last'], line: 6 },
    ]);
  });

  it('reports a quote that never closes, with its line', () => {
    expect(parseCsv('a,b\n"open,c\nd', ',', '"').problems).toEqual([{ message: 'a quoted field opened on line 2 is never closed', line: 2 }]);
  });
});
