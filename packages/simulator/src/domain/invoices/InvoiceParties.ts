/** A party named on an invoice with its role code (`Podmiot3/Rola`, `PodmiotUpowazniony/RolaPU`). */
export interface InvoiceParty {
  readonly nip: string;
  readonly role: string;
}

/**
 * Who an invoice names, for the check that the sending context may issue it (`kody-qr.md` §4:
 * context vs seller NIP — self-billing, tax representative, enforcement, Peppol…).
 */
export interface InvoiceParties {
  /** `Podmiot1/DaneIdentyfikacyjne/NIP` (UBL: the supplier's tax CompanyID). */
  readonly sellerNip: string;
  /** `Podmiot2/DaneIdentyfikacyjne/NIP` (UBL: the customer's tax CompanyID), when the buyer has a NIP. */
  readonly buyerNip?: string;
  /** `PodmiotUpowazniony` with its `RolaPU` (1 organ egzekucyjny, 2 komornik, 3 przedstawiciel podatkowy). */
  readonly authorized: readonly InvoiceParty[];
  /** `Podmiot3` entries with a NIP and their `Rola`. */
  readonly thirdParties: readonly InvoiceParty[];
}
