/** A value of interest found by {@link scanInvoiceText}. */
export interface ScannedField {
  /** Path below the root with local names, e.g. `Podmiot3/DaneIdentyfikacyjne/NIP`. */
  readonly relativePath: string;
  /** Trimmed text content. */
  readonly value: string;
  /** Offset of the element's start tag in the text. */
  readonly offset: number;
  /** 1-based position of the `Podmiot3` it sits in, or 0. */
  readonly thirdPartyOrdinal: number;
}

/** What a light, non-validating pass over an invoice's text finds. */
export interface InvoiceTextScan {
  /** The root element: local name and namespace (null when it has none, or undeclared prefix). */
  readonly root: { readonly name: string; readonly namespace: string | null } | null;
  /** Offset of a `<!DOCTYPE` declaration, or null. */
  readonly doctypeOffset: number | null;
  /** Processing instructions other than the XML declaration at the very start. */
  readonly processingInstructions: ReadonlyArray<{ readonly target: string; readonly offset: number }>;
  readonly fields: readonly ScannedField[];
  /** How many `Podmiot3` elements the root has. */
  readonly thirdPartyCount: number;
  /** Whether the root has a `Zalacznik` (attachment) child. */
  readonly hasAttachment: boolean;
}

const wantedFields = new Set([
  'Fa/P_1',
  'Podmiot1/DaneIdentyfikacyjne/NIP',
  'Podmiot2/DaneIdentyfikacyjne/NIP',
  'Podmiot3/DaneIdentyfikacyjne/NIP',
  'Podmiot3/DaneIdentyfikacyjne/IDWew',
  'PodmiotUpowazniony/DaneIdentyfikacyjne/NIP',
]);

const wantedNames = new Set([...wantedFields].map((f) => f.slice(f.lastIndexOf('/') + 1)));
const wantedNameLengths = new Set([...wantedNames].map((n) => n.length));

const xmlnsAttribute = /\sxmlns(?::([^\s=]+))?\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/**
 * One pass over the text, tracking element names only: finds what an XSD cannot check (the DOCTYPE,
 * processing instructions, P_1 and the NIPs the KSeF rules look at) without building a tree.
 * Tolerates broken documents — libxml2 reports well-formedness; this only collects what it finds.
 */
export function scanInvoiceText(text: string): InvoiceTextScan {
  const stack: string[] = [];
  const processingInstructions: Array<{ target: string; offset: number }> = [];
  const fields: ScannedField[] = [];
  let root: InvoiceTextScan['root'] = null;
  let doctypeOffset: number | null = null;
  let thirdPartyCount = 0;
  let hasAttachment = false;
  const length = text.length;

  let i = text.indexOf('<');
  while (i !== -1) {
    const next = text.charCodeAt(i + 1);
    if (next === 0x2f /* / */) {
      stack.pop();
      i = text.indexOf('>', i + 2);
    } else if (next === 0x21 /* ! */) {
      if (text.startsWith('<!--', i)) i = endAfter(text, '-->', i + 4);
      else if (text.startsWith('<![CDATA[', i)) i = endAfter(text, ']]>', i + 9);
      else {
        if (doctypeOffset === null && text.startsWith('<!DOCTYPE', i)) doctypeOffset = i;
        i = text.indexOf('>', i + 2);
      }
    } else if (next === 0x3f /* ? */) {
      const nameEnd = nameEndAt(text, i + 2);
      const target = text.slice(i + 2, nameEnd);
      // The XML declaration may only appear at offset 0 (the decoder already dropped a BOM).
      if (!(i === 0 && target === 'xml')) processingInstructions.push({ target, offset: i });
      i = endAfter(text, '?>', i + 2);
    } else {
      // The qualified name, and its first colon (the prefix ends there).
      let nameEnd = i + 1;
      let colon = -1;
      for (; nameEnd < length; nameEnd++) {
        const c = text.charCodeAt(nameEnd);
        if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x3e || c === 0x2f || c === 0x3f) break;
        if (c === 0x3a && colon === -1) colon = nameEnd;
      }
      let end = nameEnd;
      while (end < length) {
        const c = text.charCodeAt(end);
        if (c === 0x3e /* > */) break;
        if (c === 0x22 || c === 0x27) {
          const close = text.indexOf(c === 0x22 ? '"' : "'", end + 1);
          end = close === -1 ? length : close;
        }
        end++;
      }
      const selfClosing = text.charCodeAt(end - 1) === 0x2f;
      const depth = stack.length;
      // Names matter only for the root, its children and the paths of wantedFields. Slicing the
      // name of every element costs more than the rest of the scan, so from depth 3 on only names
      // as long as a wanted one are read; the others are pushed as '' (never part of a path).
      const nameStart = colon === -1 ? i + 1 : colon + 1;
      const name = depth < 3 || wantedNameLengths.has(nameEnd - nameStart) ? text.slice(nameStart, nameEnd) : '';
      if (depth === 0 && root === null) {
        root = { name, namespace: rootNamespace(text.slice(nameEnd, end), colon === -1 ? '' : text.slice(i + 1, colon)) };
      } else if (depth === 1) {
        if (name === 'Podmiot3') thirdPartyCount++;
        else if (name === 'Zalacznik') hasAttachment = true;
      }
      if (!selfClosing) {
        stack.push(name);
        if (stack.length >= 3 && stack.length <= 4 && wantedNames.has(name)) {
          const relativePath = stack.slice(1).join('/');
          if (wantedFields.has(relativePath)) {
            const valueEnd = text.indexOf('<', end + 1);
            fields.push({
              relativePath,
              value: text.slice(end + 1, valueEnd === -1 ? length : valueEnd).trim(),
              offset: i,
              thirdPartyOrdinal: stack[1] === 'Podmiot3' ? thirdPartyCount : 0,
            });
          }
        }
      }
      i = end;
    }
    if (i === -1 || i >= length) break;
    i = text.indexOf('<', i);
  }
  return { root, doctypeOffset, processingInstructions, fields, thirdPartyCount, hasAttachment };
}

function endAfter(text: string, terminator: string, from: number): number {
  const at = text.indexOf(terminator, from);
  return at === -1 ? -1 : at + terminator.length;
}

function nameEndAt(text: string, from: number): number {
  let j = from;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x3e || c === 0x2f || c === 0x3f) break;
    j++;
  }
  return j;
}

function rootNamespace(attributes: string, prefix: string): string | null {
  for (const m of attributes.matchAll(xmlnsAttribute)) {
    if ((m[1] ?? '') === prefix) return m[2] ?? m[3] ?? '';
  }
  return null;
}
