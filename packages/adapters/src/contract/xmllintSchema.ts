// An XSD check independent of core's libxml2-wasm validator: the system's xmllint, with an XML
// catalog that maps the crd.gov.pl import of the FA schemas to the spec package's copies.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { crdImportBase, crdImportFiles, invoiceSchemas } from '@ksef-connect/spec';

let catalogFile: string | undefined;

function catalog(): string {
  if (catalogFile !== undefined) return catalogFile;
  const first = Object.values(crdImportFiles)[0];
  if (first === undefined) throw new Error('the spec package lists no crd.gov.pl import files');
  const localBase = pathToFileURL(`${path.dirname(first)}/`).href;
  catalogFile = path.join(mkdtempSync(path.join(tmpdir(), 'adapters-xmllint-')), 'catalog.xml');
  writeFileSync(catalogFile, `<?xml version="1.0"?>
<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">
  <rewriteURI uriStartString="${crdImportBase}" rewritePrefix="${localBase}"/>
  <rewriteSystem systemIdStartString="${crdImportBase}" rewritePrefix="${localBase}"/>
</catalog>
`);
  return catalogFile;
}

/** Validates an FA(3) file with `xmllint --schema`; returns xmllint's complaints, '' when valid. */
export function xmllintFa3Errors(file: string): string {
  const xsd = invoiceSchemas.find((s) => s.systemCode === 'FA (3)')?.xsdPath;
  if (xsd === undefined) throw new Error('the spec package has no FA (3) schema');
  try {
    execFileSync('xmllint', ['--nonet', '--noout', '--schema', xsd, file], {
      env: { ...process.env, XML_CATALOG_FILES: catalog() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return '';
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr;
    return stderr ? stderr.toString('utf8') : String(error);
  }
}
