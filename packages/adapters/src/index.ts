/** @ksef-connect/adapters — pure mappers from ERP export formats to KSeF invoice drafts. */
export type { Adapter, AdapterInput, AdapterOptions, AdapterResult } from './Adapter.js';
export type { MappingReport, DocumentReport, ReportIssue } from './MappingReport.js';
export { AdapterRegistry } from './AdapterRegistry.js';
export { adapters } from './adapters.js';
export { ublAdapter } from './ubl/ublAdapter.js';
export { eppAdapter } from './epp/eppAdapter.js';
export type { EppAdapterOptions } from './epp/eppAdapter.js';
export { jpkFaAdapter } from './jpk-fa/jpkFaAdapter.js';
export { optimaAdapter } from './optima/optimaAdapter.js';
export type { OptimaAdapterOptions } from './optima/optimaAdapter.js';
export { csvAdapter } from './csv/csvAdapter.js';
export type { CsvAdapterOptions } from './csv/csvAdapter.js';
export { parseMappingProfile, documentFields, lineFields } from './csv/MappingProfile.js';
export type { MappingProfile, ParsedProfile, ProfileField } from './csv/MappingProfile.js';
export { decodeText, encodingName } from './text/decodeText.js';
export type { DecodeTextOptions, DecodedText } from './text/decodeText.js';
export { parseAmount } from './amounts/parseAmount.js';
export type { AmountFormat, ParsedAmount } from './amounts/parseAmount.js';
