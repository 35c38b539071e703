import { readFileSync } from 'node:fs';
import { XmlDocument, XmlLibError, XsdValidator } from 'libxml2-wasm';
import { registerSchemaInputProvider } from './schemaInputProvider.js';

/** The result of validating one document against an XSD. */
export type SchemaValidationResult = { readonly valid: true } | { readonly valid: false; readonly errors: string[] };

function errorMessages(error: unknown): string[] {
  if (error instanceof XmlLibError) {
    const details = error.details.map((d) => `${d.line > 0 ? `linia ${d.line}: ` : ''}${d.message.trim()}`);
    return details.length > 0 ? details : [error.message.trim()];
  }
  return [error instanceof Error ? error.message : String(error)];
}

const compiled = new Map<string, XsdValidator>();

/**
 * An XSD compiled once per process with libxml2-wasm (compiling FA(3) takes a moment, validating is
 * fast). Compiled schemas live as long as the process; every parsed document is disposed after use.
 */
export class SchemaValidator {
  private constructor(private readonly validator: XsdValidator) {}

  /** The validator for the XSD at `xsdPath`, compiled on first use. */
  static forXsd(xsdPath: string): SchemaValidator {
    let validator = compiled.get(xsdPath);
    if (!validator) {
      registerSchemaInputProvider();
      const schemaDoc = XmlDocument.fromBuffer(readFileSync(xsdPath), { url: xsdPath });
      try {
        validator = XsdValidator.fromDoc(schemaDoc);
      } finally {
        schemaDoc.dispose();
      }
      compiled.set(xsdPath, validator);
    }
    return new SchemaValidator(validator);
  }

  /** Parses `xml` and validates it; a document that is not well-formed is reported like an invalid one. */
  validate(xml: Uint8Array): SchemaValidationResult {
    let doc: XmlDocument;
    try {
      doc = XmlDocument.fromBuffer(xml);
    } catch (error) {
      return { valid: false, errors: errorMessages(error) };
    }
    try {
      this.validator.validate(doc);
      return { valid: true };
    } catch (error) {
      return { valid: false, errors: errorMessages(error) };
    } finally {
      doc.dispose();
    }
  }

  /** Parses `xml` (must be well-formed), hands the document to `use` and disposes it afterwards. */
  static withDocument<T>(xml: Uint8Array, use: (doc: XmlDocument) => T): T {
    const doc = XmlDocument.fromBuffer(xml);
    try {
      return use(doc);
    } finally {
      doc.dispose();
    }
  }
}
