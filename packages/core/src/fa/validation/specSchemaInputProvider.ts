import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { crdImportFiles, invoiceSchemas } from '@ksef-connect/spec';
import { XmlBufferInputProvider, xmlRegisterInputProvider } from 'libxml2-wasm';
import type { XmlInputProvider } from 'libxml2-wasm';

// The folders holding the invoice XSDs and the files they include relatively (PEF's `./bazowe/`).
const schemaFolders: readonly string[] = [...new Set(invoiceSchemas.map((s) => path.dirname(s.xsdPath)))];

/**
 * Resolves a URL libxml2 asks for while compiling a schema to a local file, or undefined. Only the
 * vendored `.xsd` files qualify: the `http://crd.gov.pl/...` imports of FA/FA_RR (mapped to
 * `schemas/fa/bazowe/`) and `file:` URLs inside the spec's schema folders. Nothing else is ever
 * read, so neither a schema nor an invoice can make the validator touch the network or other files.
 */
function localSchemaFile(url: string): string | undefined {
  const mapped = crdImportFiles[url];
  if (mapped !== undefined) return mapped;
  if (!url.startsWith('file:') || !url.endsWith('.xsd')) return undefined;
  let file: string;
  try {
    file = path.resolve(fileURLToPath(url));
  } catch {
    return undefined;
  }
  return schemaFolders.some((folder) => file.startsWith(folder + path.sep)) ? file : undefined;
}

/** Serves the vendored schema files to libxml2 from memory, reading each on first request. */
class SpecSchemaInputProvider implements XmlInputProvider {
  private readonly buffers = new XmlBufferInputProvider({});
  private readonly loaded = new Set<string>();

  match = (url: string): boolean => {
    if (this.loaded.has(url)) return true;
    const file = localSchemaFile(url);
    if (file === undefined) return false;
    this.buffers.addBuffer(url, readFileSync(file));
    this.loaded.add(url);
    return true;
  };

  open = (url: string): number | undefined => this.buffers.open(url);
  read = (fd: number, buf: Uint8Array): number => this.buffers.read(fd, buf);
  close = (fd: number): boolean => this.buffers.close(fd);
}

let registered = false;

/**
 * Registers the schema provider with this thread's libxml2 (once). libxml2-wasm has no file or
 * network access of its own, so this provider is the only way an import can be resolved.
 */
export function registerSpecSchemaInputProvider(): void {
  if (registered) return;
  if (!xmlRegisterInputProvider(new SpecSchemaInputProvider())) {
    throw new Error('libxml2 refused another input provider (its callback table is full)');
  }
  registered = true;
}
