import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { InvoiceSchema } from '@ksef-connect/spec';
import { ParseOption, XmlDocument, XmlElement, XmlTreeNode, XmlError, XmlLibError, XmlParseError, XsdValidator as LibxmlSchema } from 'libxml2-wasm';
import type { ErrorDetail, XmlNode } from 'libxml2-wasm';
// libxml2-wasm's own bindings (the module its classes are built on, same wasm instance): the fast
// path below calls them directly to skip the per-document wrapper objects and parser context.
import * as libxml2 from 'libxml2-wasm/lib/libxml2.mjs';
import type { ValidationIssue } from './ValidationIssue.js';
import type { XsdValidator } from './XsdValidator.js';
import { registerSpecSchemaInputProvider } from './specSchemaInputProvider.js';
import { xsdIssueMessage } from './xsdIssueMessage.js';

// No entity substitution, no DTD loading, no external entities, no network: the parser's defaults
// already load nothing, the flags say so explicitly (XXE-safe whatever libxml2's defaults become).
const parseOptions = ParseOption.XML_PARSE_NONET | ParseOption.XML_PARSE_NO_XXE;
// COMPACT stores short text inline in the nodes (fewer allocations); it changes nothing libxml2
// parses or validates, only how the tree is stored.
const fastParseOptions = parseOptions | ParseOption.XML_PARSE_COMPACT;

// libxml2 can report thousands of cascading errors for a badly broken document; the first ones
// say what is wrong.
const maxIssues = 50;

/**
 * The XSD validator on libxml2-wasm (docs/adr/0001-xsd-validator.md): each schema is compiled once,
 * on first use, with the `crd.gov.pl` imports served from the vendored copies. Synchronous; call
 * {@link close} to free the compiled schemas (libxml2's wasm heap never shrinks by itself).
 */
export class LibxmlXsdValidator implements XsdValidator {
  private readonly compiled = new Map<string, LibxmlSchema>();
  // The fast path's parser context (reused: xmlCtxtReadMemory resets it) and the error list
  // libxml2-wasm's error collector fills for it; both live until close().
  private parser = 0;
  private readonly fastErrors: ErrorDetail[] = [];
  private fastErrorsIndex = 0;

  validate(xml: Uint8Array, schema: InvoiceSchema): ValidationIssue[] {
    const validator = this.schemaFor(schema);
    // Almost every document in a bulk run is valid: a lean pass decides that, and anything else
    // (a diagnostic of any level, a failure) is parsed and validated again below, where the issues
    // are built — so they are exactly what the public API reports (docs/adr/0001, "Throughput").
    if (this.isPlainlyValid(xml, validator)) return [];
    let doc: XmlDocument;
    try {
      doc = XmlDocument.fromBuffer(xml, { option: parseOptions });
    } catch (error) {
      if (error instanceof XmlParseError) return notWellFormed(error.details);
      if (error instanceof XmlError) return [issue(null, null, null, `The document could not be parsed: ${error.message}`, 'xml')];
      throw error;
    }
    try {
      validator.validate(doc);
      return [];
    } catch (error) {
      if (error instanceof XmlLibError && error.details.length > 0) {
        return error.details.slice(0, maxIssues).map((d) =>
          issue(d.line > 0 ? d.line : null, null, d.xpath === undefined ? null : namedPath(doc, d.xpath), xsdIssueMessage(d.message), 'xsd'),
        );
      }
      if (error instanceof XmlError) return [issue(null, null, null, `Schema validation failed: ${error.message}`, 'xsd')];
      throw error;
    } finally {
      doc.dispose();
    }
  }

  /** Frees every compiled schema. The validator compiles them again if used afterwards. */
  close(): void {
    for (const compiled of this.compiled.values()) compiled.dispose();
    this.compiled.clear();
    if (this.parser !== 0) libxml2.xmlFreeParserCtxt(this.parser);
    this.parser = 0;
    if (this.fastErrorsIndex !== 0) libxml2.error.storage.free(this.fastErrorsIndex);
    this.fastErrorsIndex = 0;
  }

  [Symbol.dispose](): void {
    this.close();
  }

  /**
   * True when the document parses and validates without a single diagnostic. Same libxml2 calls
   * as XmlDocument.fromBuffer + XsdValidator.validate, minus their per-document costs: a new parser
   * context, the JS wrapper with its FinalizationRegistry entry, an error-list slot (~15 % of the
   * libxml2 time on 3–5 KB invoices).
   */
  private isPlainlyValid(xml: Uint8Array, validator: LibxmlSchema): boolean {
    if (this.parser === 0) {
      if (this.fastErrorsIndex === 0) this.fastErrorsIndex = libxml2.error.storage.allocate(this.fastErrors);
      this.parser = libxml2.xmlNewParserCtxt();
      if (this.parser === 0) return false;
      libxml2.xmlCtxtSetErrorHandler(this.parser, libxml2.error.errorCollector, this.fastErrorsIndex);
    }
    this.fastErrors.length = 0;
    const doc = libxml2.xmlReadMemory(this.parser, xml, null, null, fastParseOptions);
    if (doc === 0) return false;
    try {
      if (this.fastErrors.length > 0) return false;
      const ctxt = libxml2.xmlSchemaNewValidCtxt(wasmPointer(validator));
      if (ctxt === 0) return false;
      try {
        libxml2.xmlSchemaSetValidStructuredErrors(ctxt, libxml2.error.errorCollector, this.fastErrorsIndex);
        return libxml2.xmlSchemaValidateDoc(ctxt, doc) === 0 && this.fastErrors.length === 0;
      } finally {
        libxml2.xmlSchemaFreeValidCtxt(ctxt);
      }
    } finally {
      libxml2.xmlFreeDoc(doc);
    }
  }

  private schemaFor(schema: InvoiceSchema): LibxmlSchema {
    const existing = this.compiled.get(schema.xsdPath);
    if (existing !== undefined) return existing;
    registerSpecSchemaInputProvider();
    // The file: URL is the base against which libxml2 resolves relative includes (PEF's ./bazowe/).
    const xsd = XmlDocument.fromBuffer(readFileSync(schema.xsdPath), { url: pathToFileURL(schema.xsdPath).href, option: parseOptions });
    try {
      const compiled = LibxmlSchema.fromDoc(xsd);
      this.compiled.set(schema.xsdPath, compiled);
      return compiled;
    } finally {
      xsd.dispose();
    }
  }
}

/** The wasm pointer libxml2-wasm keeps in `_ptr` (not in its typings) of a compiled schema. */
function wasmPointer(schema: LibxmlSchema): number {
  const ptr: unknown = Reflect.get(schema, '_ptr');
  if (typeof ptr !== 'number' || ptr === 0) throw new Error('libxml2-wasm: a compiled schema has no wasm pointer (library internals changed?)');
  return ptr;
}

function notWellFormed(details: readonly ErrorDetail[]): ValidationIssue[] {
  const fatal = details.filter((d) => d.level >= 2).slice(0, 5);
  if (fatal.length === 0) return [issue(null, null, null, 'The document is not well-formed XML.', 'xml')];
  return fatal.map((d) =>
    issue(d.line > 0 ? d.line : null, d.col > 0 ? d.col : null, null, `Not well-formed XML: ${d.message.trim()}.`.replace(/\.\.$/, '.'), 'xml'),
  );
}

function issue(line: number | null, column: number | null, path: string | null, message: string, rule: ValidationIssue['rule']): ValidationIssue {
  return { line, column, path, message, rule };
}

/**
 * Turns libxml2's positional node path (`/*\/*[4]/*[12]/*[7]`) into one with local names, indexed
 * only among same-named siblings when there are several (`/Faktura/Fa/FaWiersz[2]/P_12`).
 */
function namedPath(doc: XmlDocument, xpath: string): string | null {
  let node: XmlNode | null;
  try {
    node = doc.get(xpath);
  } catch {
    return null;
  }
  if (!(node instanceof XmlElement)) return null;
  const steps: string[] = [];
  for (let el: XmlElement | null = node; el !== null; el = el.parent) {
    const parent: XmlElement | null = el.parent;
    if (parent === null) {
      steps.push(el.name);
      break;
    }
    let index = 0;
    let count = 0;
    for (let sibling: XmlTreeNode | null = parent.firstChild; sibling !== null; sibling = sibling.next) {
      if (sibling instanceof XmlElement && sibling.name === el.name && sibling.namespaceUri === el.namespaceUri) {
        count++;
        if (sibling.isSameNode(el)) index = count;
      }
    }
    steps.push(count > 1 ? `${el.name}[${index}]` : el.name);
  }
  return `/${steps.reverse().join('/')}`;
}
