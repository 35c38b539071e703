/** A character KSeF rejects, found at `offset` in the text. */
export interface DiscouragedCharacter {
  readonly codePoint: number;
  readonly offset: number;
}

// `faktury/weryfikacja-faktury.md` rejects the W3C-discouraged code points (XML 1.0 §2.2):
// [#x7F-#x84], [#x86-#x9F], [#xFDD0-#xFDEF] and every plane's #xnFFFE-#xnFFFF. C0 controls other
// than tab, LF and CR are not XML characters at all, and U+FFFE/U+FFFF neither; they are reported
// here too, with a precise position, before libxml2's less readable well-formedness error.
// Written over UTF-16 code units (no `u` flag, several times faster on V8): U+nFFFE/U+nFFFF of
// planes 1-16 are the surrogate pairs whose high half ends in 0x3F and whose low half is DFFE/DFFF.
const highSurrogates = Array.from({ length: 16 }, (_, k) => `\\u${(0xd83f + k * 0x40).toString(16).toUpperCase()}`).join('');
const discouraged = new RegExp(
  `[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u0084\\u0086-\\u009F\\uFDD0-\\uFDEF\\uFFFE\\uFFFF]|[${highSurrogates}][\\uDFFE\\uDFFF]`,
  'g',
);

/** Finds up to `limit` characters KSeF rejects, in text order. */
export function findDiscouragedCharacters(text: string, limit: number): DiscouragedCharacter[] {
  const found: DiscouragedCharacter[] = [];
  discouraged.lastIndex = 0;
  for (let m = discouraged.exec(text); m !== null && found.length < limit; m = discouraged.exec(text)) {
    found.push({ codePoint: m[0].codePointAt(0) ?? 0, offset: m.index });
  }
  return found;
}

/** Total count of such characters (for "and N more"). */
export function countDiscouragedCharacters(text: string): number {
  discouraged.lastIndex = 0;
  let count = 0;
  while (discouraged.exec(text) !== null) count++;
  return count;
}
