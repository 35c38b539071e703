import { elementLines } from './elementLines.js';

describe('elementLines', () => {
  it('finds each start tag, prefixed or not, and no element whose name merely starts the same', () => {
    const text = [
      '<?xml version="1.0"?>',
      '<tns:JPK xmlns:tns="urn:x">',
      '  <tns:Faktura>',
      '  </tns:Faktura>',
      '  <Faktura/>',
      '  <tns:FakturaWiersz>',
      '  <Faktura',
      '     typ="x">',
      '</tns:JPK>',
    ].join('\r\n');
    expect(elementLines(text, 'Faktura')).toEqual([3, 5, 7]);
    expect(elementLines(text, 'FakturaWiersz')).toEqual([6]);
    expect(elementLines(text, 'JPK')).toEqual([2]);
    expect(elementLines(text, 'Zamowienie')).toEqual([]);
  });
});
