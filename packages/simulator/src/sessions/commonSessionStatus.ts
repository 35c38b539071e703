import type { SessionRecord } from '../state/SessionRecord.js';

/** `CommonSessionStatus` of a session, for the `GET /sessions` filter (ksef-api.md §4.4). */
export function commonSessionStatus(session: SessionRecord): 'InProgress' | 'Succeeded' | 'Failed' | 'Cancelled' {
  const code = session.status.code;
  if (code === 100 || code === 150 || code === 170) return 'InProgress';
  if (code === 200) return 'Succeeded';
  if (code === 440) return 'Cancelled';
  return 'Failed';
}
