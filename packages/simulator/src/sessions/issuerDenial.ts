import type { InvoiceParties } from '../domain/invoices/InvoiceParties.js';
import type { SimulatorState } from '../state/SimulatorState.js';
import type { SessionRecord } from '../state/SessionRecord.js';

/**
 * Whether the session's context may issue an invoice for its seller (`Podmiot1`), as KSeF checks it
 * (`kody-qr.md` §4 "Zgodność kontekstu i NIP sprzedawcy", `uprawnienia.md` "uprawnienia podmiotowe").
 * Allowed: the seller's own NIP context; its InternalId (`nip-5 cyfr`) and NipVatUe (`nip-vat_ue`)
 * contexts; the buyer (`Podmiot2`) to whom the seller granted `SelfInvoicing` (FA_RR:
 * `RRInvoicing`); the `PodmiotUpowazniony` tax representative (RolaPU 3) the seller granted
 * `TaxRepresentative`; a `PodmiotUpowazniony` enforcement body (RolaPU 1, 2) whose session holds
 * `EnforcementOperations`; a Peppol provider context the seller granted `PefInvoicing`. Entity
 * permissions are the simulator's grants with the seller's NIP as context and the sender as subject.
 * Not modelled: VAT groups, JST units and other `Podmiot3` issuers, which need relations KSeF keeps
 * outside the permission grants.
 */
export function issuerDenial(state: SimulatorState, session: SessionRecord): (parties: InvoiceParties) => string | undefined {
  const context = session.context;
  const sessionPermissions = state.authOperations[session.authReference]?.permissions ?? [];
  return (parties) => {
    const seller = parties.sellerNip;
    if (context.type === 'Nip' && context.value === seller) return undefined;
    if ((context.type === 'InternalId' || context.type === 'NipVatUe') && context.value.split('-')[0] === seller) return undefined;
    const granted = new Set(
      state.grants
        .filter((g) => g.context.type === 'Nip' && g.context.value === seller && g.subject.type === context.type && g.subject.value === context.value)
        .flatMap((g) => g.permissions),
    );
    const isBuyer = parties.buyerNip === context.value;
    const authorizedAs = (...roles: string[]): boolean => parties.authorized.some((p) => p.nip === context.value && roles.includes(p.role));
    if (context.type === 'Nip') {
      if (isBuyer && granted.has(session.formCode.value === 'FA_RR' ? 'RRInvoicing' : 'SelfInvoicing')) return undefined;
      if (authorizedAs('3') && granted.has('TaxRepresentative')) return undefined;
      if (authorizedAs('1', '2') && sessionPermissions.includes('EnforcementOperations')) return undefined;
    }
    if (context.type === 'PeppolId' && granted.has('PefInvoicing')) return undefined;
    return `Kontekst ${context.type} ${context.value} nie ma uprawnień do wystawienia faktury w imieniu sprzedawcy ${seller} (Podmiot1).`;
  };
}
