/**
 * @ksef-connect/spec — the official KSeF 2.0 artefacts, vendored unchanged (see SOURCE.md), and the
 * TypeScript types generated from the OpenAPI contract.
 */
export { specRoot, specFile, openApiPath } from './specFiles.js';
export { invoiceSchemas, authSchemas, upoSchema, crdImportBase, crdImportFiles } from './schemaCatalog.js';
export type { InvoiceSchema, SchemaFile } from './schemaCatalog.js';
export type { paths, components, operations } from './generated/openapi.js';
export type { ApiSchema } from './apiSchema.js';
export { OpenApiContract } from './contract/OpenApiContract.js';
export type { ConformanceResult, OperationMatch } from './contract/OpenApiContract.js';
export type { SchemaDirection } from './contract/toJsonSchema.js';
export { assertConforms } from './contract/assertConforms.js';
