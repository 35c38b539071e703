/** A challenge handed out by `POST /auth/challenge`: single use, 10 minutes (ksef-api.md §2.1). */
export interface ChallengeRecord {
  readonly challenge: string;
  readonly issuedAtMs: number;
  readonly expiresAtMs: number;
  used: boolean;
}
