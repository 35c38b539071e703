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
  /** A fresh KSeF token stays `Pending` for this many reads of `GET /tokens/{ref}` (0 = active at once). */
  readonly tokenPendingReads: number;
  /** Lifetime of pre-signed URLs (UPO downloads; KSeF example ≈ 3 days). */
  readonly presignedUrlTtlSeconds: number;
}

/** The defaults: documented lifetimes, one read per processing stage. */
export const defaultSimulatorConfig: SimulatorConfig = {
  accessTokenTtlSeconds: 900,
  refreshTokenTtlSeconds: 7 * 24 * 3600,
  operationTokenTtlSeconds: 2700,
  authPolls: 1,
  readsPerStage: 1,
  tokenPendingReads: 1,
  presignedUrlTtlSeconds: 3 * 24 * 3600,
};
