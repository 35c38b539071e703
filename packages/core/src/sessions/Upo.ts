import { XMLParser } from 'fast-xml-parser';

/** One invoice confirmed by a UPO (`Dokument`). Values are kept as KSeF wrote them. */
export interface UpoDocument {
  readonly sellerNip: string | undefined;
  readonly ksefNumber: string | undefined;
  readonly invoiceNumber: string | undefined;
  readonly issueDate: string | undefined;
  readonly sentAt: string | undefined;
  readonly ksefNumberAssignedAt: string | undefined;
  /** Base64 SHA-256 of the invoice: equals the `invoiceHash` we sent. */
  readonly invoiceHash: string | undefined;
  readonly mode: string | undefined;
}

/** The readable content of a UPO (per-invoice or a session page). */
export interface Upo {
  readonly sessionReferenceNumber: string | undefined;
  readonly formCode: string | undefined;
  /** 1-based page number and page count of a session UPO; undefined for a per-invoice UPO. */
  readonly page: { readonly number: number; readonly count: number } | undefined;
  readonly documents: readonly UpoDocument[];
}

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => name === 'Dokument',
});

/**
 * Reads a UPO leniently: no XSD validation, because TEST and DEMO UPOs break their own schema
 * (`NazwaPodmiotuPrzyjmujacego`, ksef-api.md §6.6). Integrity comes from `x-ms-meta-hash` instead.
 * Returns undefined when the bytes are not a `Potwierdzenie` document.
 */
export function parseUpo(bytes: Uint8Array): Upo | undefined {
  let tree: unknown;
  try {
    tree = parser.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    return undefined;
  }
  const root = field(tree, 'Potwierdzenie');
  if (root === undefined) return undefined;
  const description = field(root, 'OpisPotwierdzenia');
  const pageNumber = Number(text(description, 'Strona'));
  const pageCount = Number(text(description, 'LiczbaStron'));
  const documents = field(root, 'Dokument');
  return {
    sessionReferenceNumber: text(root, 'NumerReferencyjnySesji'),
    formCode: text(root, 'KodFormularza'),
    page: description !== undefined && pageNumber > 0 ? { number: pageNumber, count: pageCount || pageNumber } : undefined,
    documents: (Array.isArray(documents) ? documents : []).map((d: unknown) => ({
      sellerNip: text(d, 'NipSprzedawcy'),
      ksefNumber: text(d, 'NumerKSeFDokumentu'),
      invoiceNumber: text(d, 'NumerFaktury'),
      issueDate: text(d, 'DataWystawieniaFaktury'),
      sentAt: text(d, 'DataPrzeslaniaDokumentu'),
      ksefNumberAssignedAt: text(d, 'DataNadaniaNumeruKSeF'),
      invoiceHash: text(d, 'SkrotDokumentu'),
      mode: text(d, 'TrybWysylki'),
    })),
  };
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

function text(value: unknown, name: string): string | undefined {
  const content = field(value, name);
  if (typeof content === 'string') return content.trim();
  const inner = field(content, '#text');
  return typeof inner === 'string' ? inner.trim() : undefined;
}
