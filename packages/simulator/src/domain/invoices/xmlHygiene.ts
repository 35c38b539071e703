// The document-level rules of `faktury/weryfikacja-faktury.md` "Weryfikacja XML" that an XSD cannot
// express: UTF-8 without BOM, a prolog (if any) declaring UTF-8, no processing instructions, no
// W3C-discouraged code points.

/** The first rule `xml` breaks, as a Polish detail line, or `undefined` when it keeps them all. */
export function xmlHygieneProblem(xml: Uint8Array): string | undefined {
  if (xml[0] === 0xef && xml[1] === 0xbb && xml[2] === 0xbf) return 'Dokument zawiera znacznik BOM; wymagane jest kodowanie UTF-8 bez BOM.';
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(xml);
  } catch {
    return 'Dokument nie jest poprawnie zakodowany w UTF-8.';
  }
  const prolog = /^<\?xml\s[^?]*\?>/.exec(text);
  if (prolog) {
    const encoding = /encoding\s*=\s*["']([^"']*)["']/.exec(prolog[0])?.[1];
    if (encoding !== undefined && encoding.toLowerCase() !== 'utf-8') return `Prolog XML wskazuje kodowanie ${encoding}; dozwolone jest tylko UTF-8.`;
  }
  // Comments and CDATA may legitimately contain "<?"; drop them before looking for PIs.
  const body = (prolog ? text.slice(prolog[0].length) : text).replace(/<!--[\s\S]*?-->/g, '').replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '');
  if (/<\?/.test(body)) return 'Dokument zawiera instrukcje przetwarzania XML (processing instructions), które są niedozwolone.';
  for (const char of text) {
    const cp = char.codePointAt(0) ?? 0;
    const discouraged =
      (cp >= 0x7f && cp <= 0x84) || (cp >= 0x86 && cp <= 0x9f) || (cp >= 0xfdd0 && cp <= 0xfdef) || (cp > 0xffff && (cp & 0xfffe) === 0xfffe);
    if (discouraged) return `Dokument zawiera niezalecany znak Unicode U+${cp.toString(16).toUpperCase().padStart(4, '0')}.`;
  }
  return undefined;
}
