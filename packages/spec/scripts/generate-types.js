// Regenerates src/generated/openapi.ts from openapi/open-api.json.
// Run: npm run generate -w @ksef-connect/spec
import openapiTS, { astToString } from 'openapi-typescript';
import { readFile, writeFile } from 'node:fs/promises';

const root = new URL('../', import.meta.url);
const spec = JSON.parse(await readFile(new URL('openapi/open-api.json', root), 'utf8'));
const ast = await openapiTS(spec, { alphabetize: false, exportType: false });
const header = [
  '// generated — do not edit.',
  '// Source: openapi/open-api.json (KSeF API 2.6.0); regenerate with `npm run generate -w @ksef-connect/spec`.',
  '/* eslint-disable */',
  '',
].join('\n');
await writeFile(new URL('src/generated/openapi.ts', root), header + astToString(ast));
console.log('wrote src/generated/openapi.ts');
