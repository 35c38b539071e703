import type { InternalId } from '../identifiers/InternalId.js';
import type { Nip } from '../identifiers/Nip.js';
import type { NipVatUe } from '../identifiers/NipVatUe.js';

/**
 * The entity we act for (`uwierzytelnianie.md`): a taxpayer by NIP, one of its units by internal
 * id, or an EU entity self-invoicing for a Polish NIP (`NipVatUe`).
 */
export type AuthContext =
  | { readonly type: 'Nip'; readonly value: Nip }
  | { readonly type: 'InternalId'; readonly value: InternalId }
  | { readonly type: 'NipVatUe'; readonly value: NipVatUe };

/** The `Nip` context — what the CLI's `--nip` means. */
export function nipContext(nip: Nip): AuthContext {
  return { type: 'Nip', value: nip };
}
