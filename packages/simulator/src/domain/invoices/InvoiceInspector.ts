import { invoiceSchemas, type InvoiceSchema } from '@ksef-connect/spec';
import type { XmlDocument } from 'libxml2-wasm';
import type { SimulatorClock } from '../SimulatorClock.js';
import type { KsefNumber } from '../ids/KsefNumber.js';
import type { KsefNumberFactory } from '../ids/KsefNumberFactory.js';
import { warsawDate } from '../time/warsawTime.js';
import { SchemaValidator } from '../xml/SchemaValidator.js';
import type { DuplicateRegistry } from './DuplicateRegistry.js';
import type { InvoiceParties, InvoiceParty } from './InvoiceParties.js';
import { invoiceStatus, type InvoiceStatus } from './InvoiceStatus.js';
import { isNipChecksumValid } from './nipChecksum.js';
import { xmlHygieneProblem } from './xmlHygiene.js';

/** The session form an invoice is checked against (open-api.json `FormCode`). */
export interface FormCode {
  readonly systemCode: string;
  readonly schemaVersion: string;
  readonly value: string;
}

/** What the simulator reads from an invoice for duplicates, statuses and the UPO. */
export interface InvoiceFacts {
  /** `Podmiot1/DaneIdentyfikacyjne/NIP` (UBL: the supplier's tax CompanyID without `PL`). */
  readonly sellerNip: string;
  /** `RodzajFaktury` (UBL: `Invoice` or `CreditNote`, the root element). */
  readonly invoiceKind: string;
  /** `P_2` (FA_RR: `P_4C`; UBL: `cbc:ID`). */
  readonly invoiceNumber: string;
  /** `P_1` (FA_RR: `P_4B`; UBL: `cbc:IssueDate`), `yyyy-MM-dd`. */
  readonly issueDate: string;
  /** Whether the invoice carries a `Zalacznik` (attachment) block. */
  readonly hasAttachment: boolean;
}

/** One invoice to inspect. */
export interface InspectionInput {
  readonly xml: Uint8Array;
  readonly formCode: FormCode;
  readonly sessionKind: 'online' | 'batch';
  /** When KSeF accepted the invoice for processing (`invoicingDate`). */
  readonly acceptedAt: Date;
  /** Online technical correction (`hashOfCorrectedInvoice`), which may carry an attachment. */
  readonly technicalCorrection?: boolean;
  /**
   * Whether the sending context may issue an invoice naming these parties: undefined when it may,
   * else why not (→ 410 "Nieprawidłowy zakres uprawnień"). Without it every issuer is allowed.
   */
  readonly issuerDenial?: (parties: InvoiceParties) => string | undefined;
}

/** The verdict: the facts of a valid invoice, or the invoice status it fails with. */
export type InspectionResult =
  | { readonly ok: true; readonly facts: InvoiceFacts }
  | { readonly ok: false; readonly status: InvoiceStatus; readonly facts?: InvoiceFacts };

/** An invoice that passed and got its KSeF number. */
export type AcceptanceResult =
  | { readonly ok: true; readonly facts: InvoiceFacts; readonly ksefNumber: KsefNumber; readonly acquisitionDate: Date }
  | { readonly ok: false; readonly status: InvoiceStatus; readonly facts?: InvoiceFacts };

/** Options of an {@link InvoiceInspector}. */
export interface InvoiceInspectorOptions {
  readonly clock: SimulatorClock;
  readonly duplicates: DuplicateRegistry;
  /** `prd` adds the production-only NIP checksum checks (`faktury/weryfikacja-faktury.md`). */
  readonly strictness?: 'test' | 'prd';
  /** Whether the seller may send attachments (e-Urząd Skarbowy consent; TE: `/testdata/attachment`). Default: yes. */
  readonly attachmentsAllowed?: (sellerNip: string) => boolean;
}

const ublNamespaces = {
  cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
  cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
};

/** The invoice schema KSeF uses for a session's `formCode`, if it accepts that form. */
export function findInvoiceSchema(formCode: FormCode): InvoiceSchema | undefined {
  return invoiceSchemas.find(
    (s) => s.systemCode === formCode.systemCode && s.schemaVersion === formCode.schemaVersion && s.value === formCode.value,
  );
}

/**
 * The asynchronous per-invoice checks of ksef-api.md §14.19, in that order: document hygiene and XSD
 * of the session's form (430), attachment rules (415), issue date not after acceptance (450), NIP
 * checksums in `prd` mode (450), the sender's right to issue for the seller (410), duplicates by
 * seller NIP + kind + number across all sessions (440).
 */
export class InvoiceInspector {
  private readonly strictness: 'test' | 'prd';

  /** See {@link InvoiceInspectorOptions}. */
  constructor(private readonly options: InvoiceInspectorOptions) {
    this.strictness = options.strictness ?? 'test';
  }

  /** Runs the checks without recording anything. */
  inspect(input: InspectionInput): InspectionResult {
    const schema = findInvoiceSchema(input.formCode);
    if (!schema) throw new RangeError(`formCode ${input.formCode.systemCode} ${input.formCode.schemaVersion} ${input.formCode.value} is not supported`);

    const hygiene = xmlHygieneProblem(input.xml);
    if (hygiene) return { ok: false, status: invoiceStatus(430, [hygiene]) };
    const validation = SchemaValidator.forXsd(schema.xsdPath).validate(input.xml);
    if (!validation.valid) return { ok: false, status: invoiceStatus(430, validation.errors.slice(0, 20)) };

    const { facts, nips, parties } = SchemaValidator.withDocument(input.xml, (doc) => readFacts(doc, schema));

    // Attachments: batch only, except an online technical correction; and only with consent.
    if (facts.hasAttachment) {
      if (input.sessionKind === 'online' && !input.technicalCorrection) {
        return { ok: false, facts, status: invoiceStatus(415, ['Faktura z załącznikiem może zostać przesłana wyłącznie w sesji wsadowej.']) };
      }
      if (this.options.attachmentsAllowed && !this.options.attachmentsAllowed(facts.sellerNip)) {
        return { ok: false, facts, status: invoiceStatus(415, [`Podmiot ${facts.sellerNip} nie zgłosił możliwości wysyłania faktur z załącznikami.`]) };
      }
    }

    const acceptedDay = warsawDate(input.acceptedAt);
    if (facts.issueDate > acceptedDay) {
      return {
        ok: false,
        facts,
        status: invoiceStatus(450, [`Data wystawienia faktury (${facts.issueDate}) jest późniejsza niż data przyjęcia dokumentu do systemu KSeF (${acceptedDay}).`]),
      };
    }

    if (this.strictness === 'prd') {
      const bad = nips.find((n) => !isNipChecksumValid(n.nip));
      if (bad) return { ok: false, facts, status: invoiceStatus(450, [`Nieprawidłowa suma kontrolna numeru NIP ${bad.nip} (${bad.where}).`]) };
    }

    const denial = input.issuerDenial?.(parties);
    if (denial !== undefined) return { ok: false, facts, status: invoiceStatus(410, [denial]) };

    const original = this.options.duplicates.find(facts);
    if (original) return { ok: false, facts, status: duplicateStatus(original) };
    return { ok: true, facts };
  }

  /**
   * Inspects the invoice and, when it passes, assigns its KSeF number and claims its duplicate key for
   * `sessionReferenceNumber` in one step.
   */
  accept(input: InspectionInput & { readonly sessionReferenceNumber: string; readonly ksefNumbers: KsefNumberFactory }): AcceptanceResult {
    const inspected = this.inspect(input);
    if (!inspected.ok) return inspected;
    const acquisitionDate = this.options.clock.now();
    const ksefNumber = input.ksefNumbers.next(inspected.facts.sellerNip, input.acceptedAt);
    const earlier = this.options.duplicates.claim(inspected.facts, { ksefNumber, sessionReferenceNumber: input.sessionReferenceNumber });
    if (earlier) return { ok: false, facts: inspected.facts, status: duplicateStatus(earlier) };
    return { ok: true, facts: inspected.facts, ksefNumber, acquisitionDate };
  }
}

/** The 440 status with the wording and extensions of the docs' example (ksef-api.md §6.4). */
export function duplicateStatus(original: { ksefNumber: string; sessionReferenceNumber: string }): InvoiceStatus {
  return invoiceStatus(
    440,
    [`Duplikat faktury. Faktura o numerze KSeF: ${original.ksefNumber} została już prawidłowo przesłana do systemu w sesji: ${original.sessionReferenceNumber}`],
    { originalSessionReferenceNumber: original.sessionReferenceNumber, originalKsefNumber: original.ksefNumber },
  );
}

function text(doc: XmlDocument, xpath: string, ns: Record<string, string>): string {
  return doc.get(xpath, ns)?.content.trim() ?? '';
}

function readFacts(doc: XmlDocument, schema: InvoiceSchema): { facts: InvoiceFacts; nips: Array<{ nip: string; where: string }>; parties: InvoiceParties } {
  if (schema.value === 'PEF') {
    const ns = { ...ublNamespaces, u: schema.namespace };
    const root = schema.rootElement;
    const supplierId = text(doc, `/u:${root}/cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cbc:CompanyID`, ns);
    const customerId = text(doc, `/u:${root}/cac:AccountingCustomerParty/cac:Party/cac:PartyTaxScheme/cbc:CompanyID`, ns);
    const sellerNip = /\d{10}/.exec(supplierId)?.[0] ?? supplierId;
    const buyerNip = /\d{10}/.exec(customerId)?.[0];
    return {
      parties: { sellerNip, ...(buyerNip === undefined ? {} : { buyerNip }), authorized: [], thirdParties: [] },
      facts: {
        sellerNip,
        // [inferred] UBL has no RodzajFaktury; the document type stands in for it in the duplicate key.
        invoiceKind: root,
        invoiceNumber: text(doc, `/u:${root}/cbc:ID`, ns),
        issueDate: text(doc, `/u:${root}/cbc:IssueDate`, ns),
        hasAttachment: false,
      },
      nips: [],
    };
  }
  const ns = { f: schema.namespace };
  const rr = schema.value === 'FA_RR';
  const fa = rr ? 'f:FakturaRR' : 'f:Fa';
  const nips: Array<{ nip: string; where: string }> = [];
  for (const where of ['Podmiot1', 'Podmiot2', 'Podmiot3', 'PodmiotUpowazniony']) {
    for (const node of doc.find(`/f:Faktura/f:${where}/f:DaneIdentyfikacyjne/f:NIP`, ns)) nips.push({ nip: node.content.trim(), where });
  }
  for (const node of doc.find('/f:Faktura/f:Podmiot3/f:DaneIdentyfikacyjne/f:IDWew', ns)) {
    nips.push({ nip: node.content.trim().slice(0, 10), where: 'Podmiot3/IDWew' });
  }
  const sellerNip = text(doc, '/f:Faktura/f:Podmiot1/f:DaneIdentyfikacyjne/f:NIP', ns);
  const buyerNip = text(doc, '/f:Faktura/f:Podmiot2/f:DaneIdentyfikacyjne/f:NIP', ns);
  const withRole = (where: string, role: string): InvoiceParty[] =>
    doc.find(`/f:Faktura/f:${where}`, ns).flatMap((node) => {
      const nip = node.get('f:DaneIdentyfikacyjne/f:NIP', ns)?.content.trim() ?? '';
      return nip === '' ? [] : [{ nip, role: node.get(`f:${role}`, ns)?.content.trim() ?? '' }];
    });
  return {
    parties: {
      sellerNip,
      ...(buyerNip === '' ? {} : { buyerNip }),
      authorized: withRole('PodmiotUpowazniony', 'RolaPU'),
      thirdParties: withRole('Podmiot3', 'Rola'),
    },
    facts: {
      sellerNip,
      invoiceKind: text(doc, `/f:Faktura/${fa}/f:RodzajFaktury`, ns),
      invoiceNumber: text(doc, `/f:Faktura/${fa}/f:${rr ? 'P_4C' : 'P_2'}`, ns),
      issueDate: text(doc, `/f:Faktura/${fa}/f:${rr ? 'P_4B' : 'P_1'}`, ns),
      hasAttachment: doc.get('/f:Faktura/f:Zalacznik', ns) !== null,
    },
    nips,
  };
}
