/**
 * A read-only view of one element parsed by fast-xml-parser with every element as an array and every
 * text as `#text` (see `parseXml`). Navigation never throws: a missing child is undefined, so
 * hostile input becomes a report entry instead of a TypeError.
 */
export class XmlNode {
  constructor(
    private readonly raw: Readonly<Record<string, unknown>>,
    /** The element's path for messages, e.g. `Invoice/cac:InvoiceLine[2]/cbc:ID`. */
    readonly path: string,
    /** How a child's name is written in paths (UBL adds `cac:`/`cbc:`); default the local name. */
    private readonly displayName: (localName: string, hasChildElements: boolean) => string = (name) => name,
  ) {}

  /** All child elements with this local name, in document order. */
  all(name: string): XmlNode[] {
    const value = this.raw[name];
    if (!Array.isArray(value)) return [];
    const nodes: XmlNode[] = [];
    value.forEach((item: unknown, index) => {
      if (!isRecord(item)) return;
      const shown = this.displayName(name, Object.keys(item).some((key) => key !== '#text' && !key.startsWith('@_')));
      nodes.push(new XmlNode(item, `${this.path}/${shown}${value.length > 1 ? `[${index + 1}]` : ''}`, this.displayName));
    });
    return nodes;
  }

  /** The first child element with this local name, or undefined. */
  first(name: string): XmlNode | undefined {
    return this.all(name)[0];
  }

  /** The first element down a path of local names (`'Party', 'PartyName', 'Name'`), or undefined. */
  find(...names: readonly string[]): XmlNode | undefined {
    return names.reduce<XmlNode | undefined>((node, name) => node?.first(name), this);
  }

  /** The element's own text, trimmed; undefined when it is empty. */
  text(): string | undefined {
    const value = this.raw['#text'];
    if (typeof value !== 'string') return undefined;
    const trimmed = value.trim();
    return trimmed === '' ? undefined : trimmed;
  }

  /** The trimmed text of the element down a path of local names, or undefined. */
  textOf(...names: readonly string[]): string | undefined {
    return this.find(...names)?.text();
  }

  /** An attribute's value (local name), or undefined. */
  attr(name: string): string | undefined {
    const value = this.raw[`@_${name}`];
    return typeof value === 'string' ? value : undefined;
  }

  /** Local names of the child elements, in first-appearance order. */
  childNames(): string[] {
    return Object.keys(this.raw).filter((key) => key !== '#text' && !key.startsWith('@_'));
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
