import { readFileSync } from 'node:fs';
import { DOMParser, type Element } from '@xmldom/xmldom';
import { invoiceSchemas } from '@ksef-connect/spec';
import { faElementOrder, type FaComplexType } from './faElementOrder.js';

const xsdNs = 'http://www.w3.org/2001/XMLSchema';

function load(form: 'FA (2)' | 'FA (3)'): Element {
  const schema = invoiceSchemas.find((s) => s.systemCode === form);
  if (!schema) throw new Error(form);
  const doc = new DOMParser().parseFromString(readFileSync(schema.xsdPath, 'utf8'), 'text/xml');
  if (!doc.documentElement) throw new Error('no schema root');
  return doc.documentElement;
}

function elements(root: Element, localName: string): Element[] {
  return Array.from(root.getElementsByTagNameNS(xsdNs, localName));
}

/** The element names a type's content model lists, in document order, without descending into child elements. */
function childNames(node: Element): string[] {
  const names: string[] = [];
  const walk = (parent: Element): void => {
    for (const child of Array.from(parent.childNodes)) {
      if (child.nodeType !== 1) continue;
      const el = child as Element;
      if (el.localName === 'element') names.push(el.getAttribute('name') ?? '?');
      else if (el.localName !== 'annotation') walk(el);
    }
  };
  walk(node);
  return names;
}

/** The XSD node whose children a table describes: a named complex type, an element, or `Parent/Child`. */
function find(root: Element, type: string): Element {
  if (type.startsWith('T') && !['TerminPlatnosci', 'TerminOpis'].includes(type)) {
    const complex = elements(root, 'complexType').find((e) => e.getAttribute('name') === type);
    if (complex) return complex;
  }
  let scope = root;
  for (const name of type.split('/')) {
    const found = elements(scope, 'element').find((e) => e.getAttribute('name') === name);
    if (!found) throw new Error(`${type}: no element ${name}`);
    scope = found;
  }
  return scope;
}

const types = Object.keys(faElementOrder) as FaComplexType[];

describe('faElementOrder', () => {
  const fa3 = load('FA (3)');
  const fa2 = load('FA (2)');

  it.each(types)('%s lists exactly the FA(3) XSD children, in order', (type) => {
    expect([...faElementOrder[type]]).toEqual(childNames(find(fa3, type)));
  });

  it.each(types)('%s keeps FA(2)\'s children in the same relative order', (type) => {
    const table: readonly string[] = faElementOrder[type];
    let node: Element;
    try {
      node = find(fa2, type);
    } catch {
      return; // the type does not exist in FA(2) (none of the tables today, but harmless)
    }
    const fa2Names = childNames(node);
    const positions = fa2Names.map((name) => table.indexOf(name));
    expect(positions).not.toContain(-1);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });
});
