import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { XmlNode } from './XmlNode.js';

/** The document element of a parsed XML text, or why the text is not well-formed XML. */
export type ParsedXml =
  | { readonly ok: true; readonly root: XmlNode; readonly rootName: string }
  | { readonly ok: false; readonly message: string; readonly line: number | null };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  // Every value stays text: numbers such as bank accounts and amounts must keep their digits.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  alwaysCreateTextNode: true,
  // Character references (&#322;) must become characters; DOCTYPEs are refused before parsing.
  htmlEntities: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  isArray: (_name: string, _path: unknown, _leaf: boolean, isAttribute: boolean) => !isAttribute,
});

/**
 * Parses XML text into an `XmlNode` tree (namespace prefixes removed, all values as strings). A
 * DOCTYPE is refused outright: no entity expansion and no external entities (XXE), whatever the
 * parser would do with them; exchange formats never need one.
 */
export function parseXml(text: string, displayName?: (localName: string, hasChildElements: boolean) => string): ParsedXml {
  const doctype = /<!DOCTYPE/i.exec(text);
  if (doctype) {
    return { ok: false, message: 'the XML has a DOCTYPE declaration, which is refused (entity expansion and external entities are unsafe)', line: lineAt(text, doctype.index) };
  }
  const valid = XMLValidator.validate(text);
  if (valid !== true) return { ok: false, message: `not well-formed XML: ${valid.err.msg}`, line: valid.err.line };
  const parsed: unknown = parser.parse(text);
  if (typeof parsed !== 'object' || parsed === null) return { ok: false, message: 'not an XML document', line: null };
  for (const [name, value] of Object.entries(parsed)) {
    if (Array.isArray(value) && typeof value[0] === 'object' && value[0] !== null) {
      return { ok: true, root: new XmlNode(value[0] as Record<string, unknown>, name, displayName), rootName: name };
    }
  }
  return { ok: false, message: 'the XML has no document element', line: null };
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
