import { faElementOrder, type FaComplexType } from './faElementOrder.js';
import type { XmlElement } from './XmlElement.js';

/** A field's value: text, child elements, text with attributes, or a list of those (repeated elements). */
export type FieldValue =
  | string
  | readonly XmlElement[]
  | { readonly text: string; readonly attributes: Readonly<Record<string, string>> };

/** The children of one complex type by element name; undefined fields are skipped. */
export type Fields<T extends FaComplexType> = Partial<
  Record<(typeof faElementOrder)[T][number], FieldValue | readonly FieldValue[] | undefined>
>;

function isRepeated(value: FieldValue | readonly FieldValue[]): value is readonly FieldValue[] {
  // A list of child elements (XmlElement[]) is one value; a list whose items are strings, lists or
  // text-with-attributes is a repeated element.
  return Array.isArray(value) && value.length > 0 && !isXmlElement(value[0]);
}

function isXmlElement(value: unknown): value is XmlElement {
  return typeof value === 'object' && value !== null && 'name' in value && 'content' in value;
}

function toElement(name: string, value: FieldValue): XmlElement {
  if (typeof value === 'string') return { name, content: value };
  if (Array.isArray(value)) return { name, content: value as readonly XmlElement[] };
  const withAttributes = value as { readonly text: string; readonly attributes: Readonly<Record<string, string>> };
  return { name, attributes: withAttributes.attributes, content: withAttributes.text };
}

/**
 * The children of `type` in the XSD's order. Object key order does not matter: the order table
 * does (fast-xml-parser's pitfall of key order = element order, research/deps.md §3, cannot occur).
 */
export function sequence<T extends FaComplexType>(type: T, fields: Fields<T>): XmlElement[] {
  const order: readonly string[] = faElementOrder[type];
  const values = fields as Readonly<Record<string, FieldValue | readonly FieldValue[] | undefined>>;
  for (const key of Object.keys(values)) {
    if (!order.includes(key)) throw new Error(`${key} is not a child of ${type}`);
  }
  const children: XmlElement[] = [];
  for (const name of order) {
    const value = values[name];
    if (value === undefined) continue;
    if (isRepeated(value)) for (const item of value) children.push(toElement(name, item));
    else if (!(Array.isArray(value) && value.length === 0)) children.push(toElement(name, value as FieldValue));
  }
  return children;
}
