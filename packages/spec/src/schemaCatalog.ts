import { specFile } from './specFiles.js';

/** One vendored XSD: its absolute local path. */
export interface SchemaFile {
  readonly path: string;
}

/** An invoice schema KSeF accepts, with the form code a session declares for it. */
export interface InvoiceSchema {
  /** `formCode.systemCode` as KSeF spells it — note the space: `FA (3)`. */
  readonly systemCode: 'FA (2)' | 'FA (3)' | 'FA_RR (1)' | 'PEF (3)' | 'PEF_KOR (3)';
  readonly schemaVersion: string;
  /** `formCode.value`. */
  readonly value: 'FA' | 'FA_RR' | 'PEF';
  /** Namespace of the document's root element; the form is detected from it. */
  readonly namespace: string;
  /** Local name of the root element. */
  readonly rootElement: 'Faktura' | 'Invoice' | 'CreditNote';
  /** Absolute path of the main XSD. */
  readonly xsdPath: string;
  /** Whether KSeF accepts this form in batch sessions (ksef-api.md §4.1 table: PEF is online-only). */
  readonly batch: boolean;
}

/**
 * Base URL of the Ministry's shared type definitions. FA(2), FA(3) and FA_RR(1) import
 * `StrukturyDanych_v10-0E.xsd` from this absolute address; validators must map it to the local copy
 * in `schemas/fa/bazowe/` (the files there include each other relatively).
 */
export const crdImportBase = 'http://crd.gov.pl/xml/schematy/dziedzinowe/mf/2022/01/05/eD/DefinicjeTypy/';

/** The local copies of the files published under {@link crdImportBase}. */
export const crdImportFiles: Readonly<Record<string, string>> = Object.fromEntries(
  ['StrukturyDanych_v10-0E.xsd', 'ElementarneTypyDanych_v10-0E.xsd', 'KodyKrajow_v10-0E.xsd'].map((name) => [
    crdImportBase + name,
    specFile(`schemas/fa/bazowe/${name}`),
  ]),
);

/** Every invoice form KSeF 2.0 accepts (open-api.json `FormCode`; ksef-api.md §4.1). */
export const invoiceSchemas: readonly InvoiceSchema[] = [
  {
    systemCode: 'FA (2)', schemaVersion: '1-0E', value: 'FA', rootElement: 'Faktura', batch: true,
    namespace: 'http://crd.gov.pl/wzor/2023/06/29/12648/', xsdPath: specFile('schemas/fa/schemat_FA(2)_v1-0E.xsd'),
  },
  {
    systemCode: 'FA (3)', schemaVersion: '1-0E', value: 'FA', rootElement: 'Faktura', batch: true,
    namespace: 'http://crd.gov.pl/wzor/2025/06/25/13775/', xsdPath: specFile('schemas/fa/schemat_FA(3)_v1-0E.xsd'),
  },
  {
    systemCode: 'FA_RR (1)', schemaVersion: '1-1E', value: 'FA_RR', rootElement: 'Faktura', batch: true,
    namespace: 'http://crd.gov.pl/wzor/2026/03/06/14189/', xsdPath: specFile('schemas/rr/schemat_FA_RR(1)_v1-1E.xsd'),
  },
  {
    systemCode: 'PEF (3)', schemaVersion: '2-1', value: 'PEF', rootElement: 'Invoice', batch: false,
    namespace: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2', xsdPath: specFile('schemas/pef/Schemat_PEF(3)_v2-1.xsd'),
  },
  {
    systemCode: 'PEF_KOR (3)', schemaVersion: '2-1', value: 'PEF', rootElement: 'CreditNote', batch: false,
    namespace: 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2', xsdPath: specFile('schemas/pef/Schemat_PEF_KOR(3)_v2-1.xsd'),
  },
];

/** The AuthTokenRequest schemas. Only v2-1 compiles; v2-0 is vendored for reference (deps.md §1.6). */
export const authSchemas = {
  v2_0: { path: specFile('schemas/auth/schemat_auth_v2-0.xsd'), namespace: 'http://ksef.mf.gov.pl/auth/token/2.0' },
  v2_1: { path: specFile('schemas/auth/schemat_auth_v2-1.xsd'), namespace: 'http://ksef.mf.gov.pl/auth/token/2.1' },
} as const;

/** The UPO (official receipt) schema, version 4-3. */
export const upoSchema = {
  path: specFile('schemas/upo/upo-v4-3.xsd'),
  namespace: 'http://upo.schematy.mf.gov.pl/KSeF/v4-3',
} as const;
