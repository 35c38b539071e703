/** A polling schedule: first wait, growth factor, ceiling, and how long to keep polling in total. */
export interface Backoff {
  readonly initialMs: number;
  readonly factor: number;
  readonly maxMs: number;
  /** Give up (with a timeout error) after this much waiting. */
  readonly totalMs: number;
}

/** The wait before poll number `attempt` (0-based). */
export function backoffDelay(backoff: Backoff, attempt: number): number {
  return Math.min(backoff.maxMs, backoff.initialMs * backoff.factor ** attempt);
}
