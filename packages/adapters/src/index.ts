/** @ksef-connect/adapters — pure mappers from ERP export formats to KSeF invoice drafts. */
export type { Adapter, AdapterInput, AdapterOptions, AdapterResult } from './Adapter.js';
export type { MappingReport, DocumentReport, ReportIssue } from './MappingReport.js';
export { AdapterRegistry } from './AdapterRegistry.js';
export { adapters } from './adapters.js';
