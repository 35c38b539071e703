/** Tunables of one simulator instance; every value has a default in {@link defaultSimulatorConfig}. */
export interface SimulatorConfig {
  /** Access-token lifetime (KSeF example: 900 s, ksef-api.md §2.7). */
  readonly accessTokenTtlSeconds: number;
  /** Refresh-token lifetime (≤ 7 days). */
  readonly refreshTokenTtlSeconds: number;
  /** Operation-token lifetime (KSeF example: 2700 s). */
  readonly operationTokenTtlSeconds: number;
  /** `GET /auth/{ref}` answers 100 this many times before the outcome. */
  readonly authPolls: number;
  /**
   * Status reads each processing stage lasts: an invoice shows 100, then 150, then its outcome; a
   * closing session shows 170 before its outcome. 1 = one read per stage.
   */
  readsPerStage: number;
  /**
   * Longest a processing stage lasts on the simulator clock when nobody reads the status: an invoice
   * leaves 100 and then 150, a closed session leaves 170 (online) or 150 (batch) after this many
   * milliseconds anyway, so a client that never polls (interrupted, rerun) meets what real KSeF would
   * have done meanwhile — e.g. a 440 duplicate. `null` turns the time path off: stages then move only
   * on reads, which keeps a test's staging fully deterministic.
   */
  readonly stageDelayMs: number | null;
  /** A fresh KSeF token stays `Pending` for this many reads of `GET /tokens/{ref}` (0 = active at once). */
  readonly tokenPendingReads: number;
  /** Lifetime of pre-signed URLs (UPO downloads; KSeF example ≈ 3 days). */
  readonly presignedUrlTtlSeconds: number;
}

/** The defaults: documented lifetimes, one read or 300 ms per processing stage. */
export const defaultSimulatorConfig: SimulatorConfig = {
  accessTokenTtlSeconds: 900,
  refreshTokenTtlSeconds: 7 * 24 * 3600,
  operationTokenTtlSeconds: 2700,
  authPolls: 1,
  readsPerStage: 1,
  stageDelayMs: 300,
  tokenPendingReads: 1,
  presignedUrlTtlSeconds: 3 * 24 * 3600,
};
