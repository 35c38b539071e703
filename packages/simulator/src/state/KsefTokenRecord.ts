import type { Identifier } from '../auth/Principal.js';

/** A KSeF token (`tokeny-ksef.md`): a long-lived secret bound to one context and a permission set. */
export interface KsefTokenRecord {
  readonly referenceNumber: string;
  /** SHA-256 (hex) of the secret; the secret itself is shown once and never stored. */
  readonly secretHash: string;
  readonly author: Identifier;
  readonly context: Identifier;
  readonly description: string;
  readonly permissions: string[];
  readonly createdAtMs: number;
  lastUseMs?: number;
  /** `Pending` turns `Active` after this many status reads (ksef-api.md §14.32). */
  pendingReadsLeft: number;
  status: 'Pending' | 'Active' | 'Revoking' | 'Revoked' | 'Failed';
}
