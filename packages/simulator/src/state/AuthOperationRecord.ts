import type { Identifier } from '../auth/Principal.js';

/** `StatusInfo` as open-api.json defines it. */
export interface StatusRecord {
  code: number;
  description: string;
  details?: string[];
}

/** One authentication operation (`…-AU-…`), from init to redeemed tokens (ksef-api.md §2.3–2.6). */
export interface AuthOperationRecord {
  readonly referenceNumber: string;
  readonly startedAtMs: number;
  readonly method: 'Token' | 'Xades';
  /** `authenticationMethodInfo` reported by `GET /auth/{ref}`. */
  readonly methodInfo: { readonly category: 'Token' | 'XadesSignature'; readonly code: string; readonly displayName: string };
  readonly context: Identifier;
  /** The authenticating subject; undefined until a KSeF token has been checked. */
  subject?: Identifier;
  permissions: string[];
  /** The outcome the operation reaches once its polls are done (200, or 415/450/460…). */
  outcome: StatusRecord;
  /** Status polls left before the outcome shows (status 100 until then). */
  pollsLeft: number;
  status: StatusRecord;
  redeemed: boolean;
  revoked: boolean;
  lastRefreshMs?: number;
  refreshValidUntilMs?: number;
  /** For the UPO `Uwierzytelnienie`: the KSeF token's reference or the signed document's hash. */
  readonly ksefTokenReference?: string;
  readonly signedDocumentHash?: string;
}
