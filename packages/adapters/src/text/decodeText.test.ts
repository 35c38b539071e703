import { decodeText, encodingName } from './decodeText.js';

const polish = 'Zażółć gęślą jaźń';
const cp1250 = new Uint8Array([0x5a, 0x61, 0xbf, 0xf3, 0xb3, 0xe6, 0x20, 0x67, 0xea, 0x9c, 0x6c, 0xb9, 0x20, 0x6a, 0x61, 0x9f, 0xf1]);
const utf8 = new TextEncoder().encode(polish);

describe('decodeText', () => {
  it('reads valid UTF-8 as UTF-8', () => {
    expect(decodeText(utf8)).toEqual({ text: polish, encoding: 'utf-8', source: 'utf-8-valid', issues: [] });
  });

  it('strips a UTF-8 BOM', () => {
    const decoded = decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]));
    expect(decoded).toMatchObject({ text: polish, encoding: 'utf-8', source: 'bom' });
  });

  it('reads UTF-16LE with a BOM', () => {
    const bytes = new Uint8Array([0xff, 0xfe, ...[...'Łódź'].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8])]);
    expect(decodeText(bytes)).toMatchObject({ text: 'Łódź', encoding: 'utf-16le', source: 'bom' });
  });

  it('falls back to windows-1250 for invalid UTF-8, with a warning naming the line', () => {
    const bytes = new Uint8Array([0x61, 0x0d, 0x0a, 0x62, 0x0a, ...cp1250]);
    const decoded = decodeText(bytes);
    expect(decoded.text).toBe(`a\r\nb\n${polish}`);
    expect(decoded.encoding).toBe('windows-1250');
    expect(decoded.source).toBe('fallback');
    expect(decoded.issues).toEqual([
      expect.objectContaining({ severity: 'warning', line: 3, message: expect.stringContaining('windows-1250') }),
    ]);
  });

  it('honours a forced encoding', () => {
    expect(decodeText(cp1250, { encoding: 'cp1250' })).toMatchObject({ text: polish, encoding: 'windows-1250', source: 'forced', issues: [] });
    expect(decodeText(utf8, { encoding: 'windows-1250' }).text).not.toBe(polish);
  });

  it('warns when a forced single-byte encoding meets UTF-8', () => {
    const decoded = decodeText(utf8, { encoding: 'windows-1250' });
    expect(decoded.issues).toEqual([expect.objectContaining({ severity: 'warning', message: expect.stringContaining('looks like UTF-8') })]);
    expect(decodeText(new TextEncoder().encode('ascii only'), { encoding: 'windows-1250' }).issues).toEqual([]);
  });

  it('warns when forced UTF-8 is not UTF-8', () => {
    const decoded = decodeText(cp1250, { encoding: 'utf-8' });
    expect(decoded.text).toContain('\ufffd');
    expect(decoded.issues).toHaveLength(1);
  });

  it('detects instead of throwing on an unknown forced label', () => {
    const decoded = decodeText(utf8, { encoding: 'klingon' });
    expect(decoded).toMatchObject({ text: polish, encoding: 'utf-8' });
    expect(decoded.issues[0]?.message).toContain('klingon');
  });

  it('names encodings by their WHATWG name', () => {
    expect(encodingName('CP1250')).toBe('windows-1250');
    expect(encodingName('latin2')).toBe('iso-8859-2');
    expect(encodingName('nope')).toBeUndefined();
  });
});
