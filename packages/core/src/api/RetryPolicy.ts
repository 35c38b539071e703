/** When and how long the request runner waits before repeating a failed attempt. */
export interface RetryPolicy {
  /** Attempts in total, the first included. */
  readonly maxAttempts: number;
  /** The longest `Retry-After` we honour; a longer one fails the call at once (recovery `retry`). */
  readonly maxRetryAfterMs: number;
  /** The wait after a 429 without a readable `Retry-After`. */
  readonly defaultRetryAfterMs: number;
  /** First backoff step for network errors and 5xx; doubles per attempt, with full jitter. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Uniform [0, 1) source for the jitter; injectable for tests. */
  readonly random: () => number;
}

/** Defaults: 6 attempts, honour `Retry-After` up to 5 minutes, backoff 0.5 s … 30 s. */
export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 6,
  maxRetryAfterMs: 300_000,
  defaultRetryAfterMs: 10_000,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  random: Math.random,
};
