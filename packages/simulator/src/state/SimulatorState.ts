import type { AuthOperationRecord } from './AuthOperationRecord.js';
import type { ChallengeRecord } from './ChallengeRecord.js';
import type { KsefTokenRecord } from './KsefTokenRecord.js';
import type { SessionRecord } from './SessionRecord.js';

/** A permission granted to a subject in a context (seeded through the control API). */
export interface GrantRecord {
  readonly context: { readonly type: string; readonly value: string };
  readonly subject: { readonly type: string; readonly value: string };
  readonly permissions: string[];
}

/**
 * Everything the simulator remembers, as plain JSON-serialisable data, so a `dataDir` snapshot can
 * restore it after a restart.
 */
export interface SimulatorState {
  challenges: Record<string, ChallengeRecord>;
  authOperations: Record<string, AuthOperationRecord>;
  ksefTokens: Record<string, KsefTokenRecord>;
  sessions: Record<string, SessionRecord>;
  grants: GrantRecord[];
}

/** An empty state. */
export function emptyState(): SimulatorState {
  return { challenges: {}, authOperations: {}, ksefTokens: {}, sessions: {}, grants: [] };
}
