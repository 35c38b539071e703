import type { SimulatorState } from '../state/SimulatorState.js';
import type { Identifier } from './Principal.js';

/**
 * What the owner of a NIP may do in its own context. On TEST a subject authenticating for its own
 * NIP is its owner (`uprawnienia.md`: the owner holds every permission of the context).
 */
export const ownerPermissions: readonly string[] = [
  'InvoiceWrite',
  'InvoiceRead',
  'CredentialsManage',
  'CredentialsRead',
  'Introspection',
  'SubunitManage',
];

/** The permissions `subject` holds in `context`: owner rights for its own NIP plus seeded grants. */
export function contextPermissions(state: SimulatorState, context: Identifier, subject: Identifier): string[] {
  const granted = new Set<string>();
  if (context.type === 'Nip' && subject.type === 'Nip' && context.value === subject.value) ownerPermissions.forEach((p) => granted.add(p));
  for (const grant of state.grants) {
    if (grant.context.type === context.type && grant.context.value === context.value && grant.subject.type === subject.type && grant.subject.value === subject.value) {
      grant.permissions.forEach((p) => granted.add(p));
    }
  }
  return [...granted];
}
