import type { XmlElement } from './XmlElement.js';

// XML 1.0 Char production minus what KSeF additionally refuses (weryfikacja-faktury.md:
// #x7F-#x84, #x86-#x9F, #xFDD0-#xFDEF and the U+nFFFE/nFFFF non-characters).
// eslint-disable-next-line no-control-regex
const forbidden = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u0084\u0086-\u009F\uFDD0-\uFDEF\uFFFE\uFFFF]|[\uD83F\uD87F\uD8BF\uD8FF\uD93F\uD97F\uD9BF\uD9FF\uDA3F\uDA7F\uDABF\uDAFF\uDB3F\uDB7F\uDBBF\uDBFF][\uDFFE\uDFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when `text` holds a character KSeF refuses in an invoice (control characters, non-characters, lone surrogates). */
export function hasForbiddenXmlCharacter(text: string): boolean {
  return forbidden.test(text);
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

function write(element: XmlElement, indent: string, out: string[]): void {
  const attributes = Object.entries(element.attributes ?? {})
    .map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`)
    .join('');
  if (typeof element.content === 'string') {
    if (hasForbiddenXmlCharacter(element.content)) {
      // checkInvoiceDraft reports these with the field's path; reaching here is a caller bug.
      throw new RangeError(`element ${element.name} holds a character KSeF does not accept`);
    }
    out.push(`${indent}<${element.name}${attributes}>${escapeText(element.content)}</${element.name}>`);
    return;
  }
  out.push(`${indent}<${element.name}${attributes}>`);
  for (const child of element.content) write(child, `${indent}  `, out);
  out.push(`${indent}</${element.name}>`);
}

/**
 * Serialises a tree as UTF-8-ready XML text: an XML declaration, two-space indentation, `&`, `<`,
 * `>` (and `"` in attributes) escaped, LF line ends, no BOM (KSeF rejects one, weryfikacja-faktury.md).
 */
export function serializeXml(root: XmlElement): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  write(root, '', out);
  return `${out.join('\n')}\n`;
}
