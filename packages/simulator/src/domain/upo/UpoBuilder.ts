import { sha256Base64 } from '../crypto/sha256Base64.js';
import { warsawDateTime } from '../time/warsawTime.js';

/** The context a session was opened in (the UPO `IdKontekstu` choice). */
export interface UpoContext {
  readonly type: 'Nip' | 'InternalId' | 'NipVatUe' | 'PeppolId';
  readonly value: string;
}

/** How the session's subject authenticated: KSeF token reference, or the hash of the signed XAdES request. */
export type UpoAuthentication = { readonly ksefTokenReferenceNumber: string } | { readonly signedDocumentHash: string };

/** One accepted invoice as the UPO lists it (`Dokument`). */
export interface UpoDocument {
  readonly sellerNip: string;
  readonly ksefNumber: string;
  readonly invoiceNumber: string;
  /** `yyyy-MM-dd`. */
  readonly issueDate: string;
  /** When the invoice was received (`DataPrzeslaniaDokumentu`). */
  readonly sentAt: Date;
  /** When the KSeF number was assigned (`DataNadaniaNumeruKSeF`). */
  readonly ksefNumberAssignedAt: Date;
  /** SHA-256 Base64 of the invoice (`invoiceHash`). */
  readonly invoiceHash: string;
  readonly mode: 'Online' | 'Offline';
}

/** What every UPO of a session shares. */
export interface UpoSessionInfo {
  readonly sessionReferenceNumber: string;
  readonly context: UpoContext;
  readonly authentication: UpoAuthentication;
  /** The session form code, e.g. `{ systemCode: 'FA (3)', schemaVersion: '1-0E' }`. */
  readonly formCode: { readonly systemCode: string; readonly schemaVersion: string };
}

/** A rendered UPO: the XML bytes and their SHA-256 (the `x-ms-meta-hash` header value). */
export interface UpoFile {
  readonly xml: string;
  readonly bytes: Buffer;
  readonly sha256Base64: string;
}

/** Options of a {@link UpoBuilder}. */
export interface UpoBuilderOptions {
  /**
   * The receiver name. The XSD fixes it to "Ministerstwo Finansów"; real TE/TR UPOs append the
   * environment (ksef-api.md §6.6 surprise 1) and are therefore not XSD-valid. Default: the XSD value.
   */
  readonly receiverName?: 'Ministerstwo Finansów' | 'Ministerstwo Finansów - środowisko testowe (TE)' | 'Ministerstwo Finansów - środowisko przedprodukcyjne (TR)';
  /** `Dokument` elements per session page; the XSD allows at most 10 000. */
  readonly pageSize?: number;
}

const namespace = 'http://upo.schematy.mf.gov.pl/KSeF/v4-3';
const contextElement = { Nip: 'Nip', InternalId: 'IdWewnetrzny', NipVatUe: 'IdZlozonyVatUE', PeppolId: 'IdDostawcyUslugPeppol' } as const;

function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Renders UPO v4-3 receipts (`faktury/upo/schemy/upo-v4-3.xsd`, layout as in the official examples):
 * one per accepted invoice, and the session UPO in pages of at most 10 000 documents with
 * `OpisPotwierdzenia`. `ZakresDokumentowDo` is the last document on the page, as the examples show
 * (the XSD annotation calls it exclusive, the examples do not).
 */
export class UpoBuilder {
  private readonly receiverName: string;
  private readonly pageSize: number;

  /** See {@link UpoBuilderOptions}. */
  constructor(options: UpoBuilderOptions = {}) {
    this.receiverName = options.receiverName ?? 'Ministerstwo Finansów';
    this.pageSize = options.pageSize ?? 10_000;
    if (!Number.isInteger(this.pageSize) || this.pageSize < 1 || this.pageSize > 10_000) throw new RangeError('A UPO page holds 1 to 10 000 documents');
  }

  /** The UPO of one invoice. */
  invoiceUpo(session: UpoSessionInfo, document: UpoDocument): UpoFile {
    return this.render(session, [document], undefined);
  }

  /** The session UPO pages for `documents` (in session order); none when nothing was accepted. */
  sessionUpoPages(session: UpoSessionInfo, documents: readonly UpoDocument[]): UpoFile[] {
    const pages: UpoFile[] = [];
    const pageCount = Math.ceil(documents.length / this.pageSize);
    for (let page = 0; page < pageCount; page++) {
      const from = page * this.pageSize;
      const slice = documents.slice(from, from + this.pageSize);
      pages.push(this.render(session, slice, { page: page + 1, pageCount, from: from + 1, to: from + slice.length, total: documents.length }));
    }
    return pages;
  }

  private render(
    session: UpoSessionInfo,
    documents: readonly UpoDocument[],
    description: { page: number; pageCount: number; from: number; to: number; total: number } | undefined,
  ): UpoFile {
    const element = contextElement[session.context.type];
    const auth =
      'ksefTokenReferenceNumber' in session.authentication
        ? `<NumerReferencyjnyTokenaKSeF>${escapeXml(session.authentication.ksefTokenReferenceNumber)}</NumerReferencyjnyTokenaKSeF>`
        : `<SkrotDokumentuUwierzytelniajacego>${escapeXml(session.authentication.signedDocumentHash)}</SkrotDokumentuUwierzytelniajacego>`;
    const lines = [
      '<?xml version="1.0" encoding="utf-8"?>',
      `<Potwierdzenie xmlns="${namespace}">`,
      `\t<NazwaPodmiotuPrzyjmujacego>${escapeXml(this.receiverName)}</NazwaPodmiotuPrzyjmujacego>`,
      `\t<NumerReferencyjnySesji>${escapeXml(session.sessionReferenceNumber)}</NumerReferencyjnySesji>`,
      '\t<Uwierzytelnienie>',
      '\t\t<IdKontekstu>',
      `\t\t\t<${element}>${escapeXml(session.context.value)}</${element}>`,
      '\t\t</IdKontekstu>',
      `\t\t${auth}`,
      '\t</Uwierzytelnienie>',
    ];
    if (description) {
      lines.push(
        '\t<OpisPotwierdzenia>',
        `\t\t<Strona>${description.page}</Strona>`,
        `\t\t<LiczbaStron>${description.pageCount}</LiczbaStron>`,
        `\t\t<ZakresDokumentowOd>${description.from}</ZakresDokumentowOd>`,
        `\t\t<ZakresDokumentowDo>${description.to}</ZakresDokumentowDo>`,
        `\t\t<CalkowitaLiczbaDokumentow>${description.total}</CalkowitaLiczbaDokumentow>`,
        '\t</OpisPotwierdzenia>',
      );
    }
    lines.push(
      `\t<NazwaStrukturyLogicznej>Schemat_${escapeXml(session.formCode.systemCode.replace(/ /g, ''))}_v${escapeXml(session.formCode.schemaVersion)}.xsd</NazwaStrukturyLogicznej>`,
      `\t<KodFormularza>${escapeXml(session.formCode.systemCode)}</KodFormularza>`,
    );
    for (const d of documents) {
      lines.push(
        '\t<Dokument>',
        `\t\t<NipSprzedawcy>${escapeXml(d.sellerNip)}</NipSprzedawcy>`,
        `\t\t<NumerKSeFDokumentu>${escapeXml(d.ksefNumber)}</NumerKSeFDokumentu>`,
        `\t\t<NumerFaktury>${escapeXml(d.invoiceNumber)}</NumerFaktury>`,
        `\t\t<DataWystawieniaFaktury>${escapeXml(d.issueDate)}</DataWystawieniaFaktury>`,
        `\t\t<DataPrzeslaniaDokumentu>${warsawDateTime(d.sentAt)}</DataPrzeslaniaDokumentu>`,
        `\t\t<DataNadaniaNumeruKSeF>${warsawDateTime(d.ksefNumberAssignedAt)}</DataNadaniaNumeruKSeF>`,
        `\t\t<SkrotDokumentu>${escapeXml(d.invoiceHash)}</SkrotDokumentu>`,
        `\t\t<TrybWysylki>${d.mode}</TrybWysylki>`,
        '\t</Dokument>',
      );
    }
    lines.push('</Potwierdzenie>');
    const xml = lines.join('\n');
    const bytes = Buffer.from(xml, 'utf8');
    return { xml, bytes, sha256Base64: sha256Base64(bytes) };
  }
}
