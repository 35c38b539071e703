// An XSD check independent of core's libxml2-wasm validator, shared by the tests of every package:
// the system's xmllint (libxml2 C), with an XML catalog that maps the schemas' absolute
// http://crd.gov.pl/... imports to local copies. Test code only: never built or shipped.
//
// Nothing is left in the temp folder: the document goes to xmllint on stdin, and the catalog (a few
// lines, named by its content) is written once into node_modules/.cache, which git ignores, and
// reused by every later run and worker process.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { crdImportBase, crdImportFiles, invoiceSchemas } from '@ksef-connect/spec';

/** One catalog rule: schema imports starting with `uriPrefix` are read from the folder `localDir`. */
export interface CatalogRewrite {
  readonly uriPrefix: string;
  readonly localDir: string;
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cacheDir = path.join(repoRoot, 'node_modules', '.cache', 'ksef-connect-xmllint');

/** The crd.gov.pl type schemas imported by FA(2)/FA(3), mapped to the spec package's copies. */
export function faSchemaRewrites(): CatalogRewrite[] {
  const first = Object.values(crdImportFiles)[0];
  if (first === undefined) throw new Error('the spec package lists no crd.gov.pl import files');
  return [{ uriPrefix: crdImportBase, localDir: path.dirname(first) }];
}

/** The vendored XSD of the invoice form `systemCode` (e.g. 'FA (3)'). */
export function invoiceXsdPath(systemCode: string): string {
  const xsd = invoiceSchemas.find((s) => s.systemCode === systemCode)?.xsdPath;
  if (xsd === undefined) throw new Error(`the spec package has no ${systemCode} schema`);
  return xsd;
}

const catalogs = new Map<string, string>();

function catalogFile(rewrites: readonly CatalogRewrite[]): string {
  const rules = rewrites.map(({ uriPrefix, localDir }) => {
    const local = pathToFileURL(`${localDir}/`).href;
    return `  <rewriteURI uriStartString="${uriPrefix}" rewritePrefix="${local}"/>
  <rewriteSystem systemIdStartString="${uriPrefix}" rewritePrefix="${local}"/>`;
  });
  const text = `<?xml version="1.0"?>
<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">
${rules.join('\n')}
</catalog>
`;
  const known = catalogs.get(text);
  if (known !== undefined) return known;
  const file = path.join(cacheDir, `catalog-${createHash('sha256').update(text).digest('hex').slice(0, 16)}.xml`);
  if (!existsSync(file)) {
    mkdirSync(cacheDir, { recursive: true });
    // Jest workers may write the same catalog at once: each writes its own file and renames it into
    // place, so no xmllint ever reads a half-written catalog.
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, text);
    renameSync(partial, file);
  }
  catalogs.set(text, file);
  return file;
}

/**
 * Validates `document` with `xmllint --noout --schema xsdPath`, resolving schema imports through
 * `rewrites` (default: the FA type schemas); returns xmllint's complaints, '' when valid.
 */
export function xmllintErrors(
  document: string | Uint8Array,
  xsdPath: string,
  rewrites: readonly CatalogRewrite[] = faSchemaRewrites(),
): string {
  try {
    const stdout = execFileSync('xmllint', ['--nonet', '--noout', '--schema', xsdPath, '-'], {
      input: document,
      env: { ...process.env, XML_CATALOG_FILES: catalogFile(rewrites) },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    return stdout.toString('utf8');
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr;
    return stderr ? stderr.toString('utf8') : String(error);
  }
}
