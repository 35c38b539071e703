// Independent XSD check for the renderer's tests: the system's xmllint (libxml2 C), with an XML
// catalog that maps the crd.gov.pl import of the FA schemas to the vendored copies.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crdImportBase, crdImportFiles } from '@ksef-connect/spec';
import { pathToFileURL } from 'node:url';

let catalogPath: string | undefined;

function catalog(): string {
  if (catalogPath) return catalogPath;
  const first = Object.values(crdImportFiles)[0];
  if (!first) throw new Error('spec package lists no crd.gov.pl import files');
  const localBase = pathToFileURL(`${path.dirname(first)}/`).href;
  const dir = mkdtempSync(path.join(tmpdir(), 'ksef-xmllint-'));
  catalogPath = path.join(dir, 'catalog.xml');
  writeFileSync(
    catalogPath,
    `<?xml version="1.0"?>
<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">
  <rewriteURI uriStartString="${crdImportBase}" rewritePrefix="${localBase}"/>
  <rewriteSystem systemIdStartString="${crdImportBase}" rewritePrefix="${localBase}"/>
</catalog>
`,
  );
  return catalogPath;
}

/** Validates `xml` with `xmllint --noout --schema xsdPath`; returns xmllint's complaints ('' when valid). */
export function xmllintErrors(xml: string, xsdPath: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ksef-xmllint-doc-'));
  const file = path.join(dir, 'invoice.xml');
  writeFileSync(file, xml);
  try {
    execFileSync('xmllint', ['--nonet', '--noout', '--schema', xsdPath, file], {
      env: { ...process.env, XML_CATALOG_FILES: catalog() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return '';
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr;
    return stderr ? stderr.toString('utf8') : String(error);
  }
}
