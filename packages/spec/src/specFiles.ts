import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of the installed spec package (the folder holding `schemas/` and `openapi/`). */
// src/ and dist/ sit at the same depth, so `..` works both from sources and from the build.
export const specRoot: string = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Absolute path of a file inside the spec package, e.g. `specFile('schemas/upo/upo-v4-3.xsd')`. */
export function specFile(relative: string): string {
  return path.join(specRoot, relative);
}

/** Absolute path of the vendored `open-api.json` (the KSeF 2.0 API contract). */
export const openApiPath: string = specFile('openapi/open-api.json');
