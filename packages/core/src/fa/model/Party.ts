import type { Address } from './Address.js';
import type { DecimalString } from './DecimalString.js';

/** E-mail and/or phone (`DaneKontaktowe`, up to three per party). */
export interface Contact {
  readonly email?: string;
  /** Up to 16 characters. */
  readonly phone?: string;
}

/**
 * How a buyer or third party is identified (`TPodmiot2`/`TPodmiot3` choice): a Polish NIP, an EU
 * VAT number (prefix + number), another tax identifier (optionally with its country), or none.
 */
export type PartyId =
  | { readonly nip: string }
  | { readonly euVat: { readonly countryCode: string; readonly number: string } }
  | { readonly foreignId: { readonly countryCode?: string; readonly id: string } }
  | { readonly none: true };

/** A third party may also be identified by an internal identifier (`IDWew`, `NIP-NNNNN`). */
export type ThirdPartyId = PartyId | { readonly internalId: string };

/** `Podmiot1`: the seller, always identified by NIP. */
export interface Seller {
  readonly nip: string;
  readonly name: string;
  readonly address: Address;
  readonly correspondenceAddress?: Address;
  readonly contacts?: readonly Contact[];
  /** Writes `PrefiksPodatnika` = PL (art. 97 ust. 10 pkt 2 and 3: intra-Community supplies). */
  readonly euVatPrefix?: boolean;
  readonly eoriNumber?: string;
  /** `StatusInfoPodatnika`: in liquidation, restructuring, bankruptcy, or an inherited enterprise. */
  readonly status?: 'liquidation' | 'restructuring' | 'bankruptcy' | 'inheritance';
}

/** `Podmiot2`: the buyer. */
export interface Buyer {
  readonly id: PartyId;
  /** Optional only on simplified invoices (UPR). */
  readonly name?: string;
  /** Optional only on simplified invoices (UPR). */
  readonly address?: Address;
  readonly correspondenceAddress?: Address;
  readonly contacts?: readonly Contact[];
  /** `NrKlienta`. */
  readonly customerNumber?: string;
  /** `IDNabywcy`: links buyer data across corrections when it changed. */
  readonly buyerKey?: string;
  readonly eoriNumber?: string;
  /** `JST` (FA(3) only): the invoice concerns a subordinate unit of a local government; add it as a third party with role `jst-recipient`. */
  readonly localGovernmentUnit?: boolean;
  /** `GV` (FA(3) only): the invoice concerns a member of a VAT group; add it as a third party with role `vat-group-recipient`. */
  readonly vatGroupMember?: boolean;
}

/** `TRolaPodmiotu3`, named. `employee` (11) exists only in FA(3). */
export type ThirdPartyRole =
  | 'factor' | 'recipient' | 'original-entity' | 'additional-buyer' | 'issuer' | 'payer'
  | 'jst-issuer' | 'jst-recipient' | 'vat-group-issuer' | 'vat-group-recipient' | 'employee';

/** The `Rola` code of each `ThirdPartyRole`. */
export const thirdPartyRoleCodes: Readonly<Record<ThirdPartyRole, string>> = {
  factor: '1', recipient: '2', 'original-entity': '3', 'additional-buyer': '4', issuer: '5', payer: '6',
  'jst-issuer': '7', 'jst-recipient': '8', 'vat-group-issuer': '9', 'vat-group-recipient': '10', employee: '11',
};

/** `Podmiot3`: a third party with its role (up to 100 per invoice). */
export interface ThirdParty {
  readonly id: ThirdPartyId;
  readonly name?: string;
  readonly address?: Address;
  readonly correspondenceAddress?: Address;
  readonly contacts?: readonly Contact[];
  /** A named role, or `{ other }` with a description (`RolaInna` + `OpisRoli`). */
  readonly role: ThirdPartyRole | { readonly other: string };
  /** `Udzial`: percentage share of an additional buyer (0–100, up to 6 decimals). */
  readonly share?: DecimalString;
  readonly customerNumber?: string;
  readonly buyerKey?: string;
  readonly eoriNumber?: string;
}

/** `PodmiotUpowazniony`: an authorised entity (enforcement authority, bailiff, tax representative). */
export interface AuthorisedParty {
  readonly nip: string;
  readonly name: string;
  readonly address: Address;
  readonly correspondenceAddress?: Address;
  readonly contacts?: readonly Contact[];
  readonly eoriNumber?: string;
  readonly role: 'enforcement-authority' | 'bailiff' | 'tax-representative';
}
