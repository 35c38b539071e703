import type { RateLimitGroup } from './RateLimitGroup.js';

/** One of KSeF's sliding windows (`limity/limity-api.md` §1). */
export type RateLimitWindow = 'second' | 'minute' | 'hour';

/**
 * A wait for a rate limit long enough to announce (over {@link announcedWaitMs}): either the
 * client's own budget for the group is used up (`budget`), or KSeF answered 429 and asked for
 * `Retry-After` (`tooManyRequests`).
 */
export type RateLimitWait = {
  readonly group: RateLimitGroup;
  readonly waitMs: number;
  /** When the call goes ahead. */
  readonly until: Date;
} & (
  | {
      readonly reason: 'budget';
      /** The requests allowed per `window` — the limit that bound it. */
      readonly limit: number;
      readonly window: RateLimitWindow;
    }
  | {
      readonly reason: 'tooManyRequests';
      /** The operation KSeF refused. */
      readonly operation: string;
      /** The limit and window KSeF named in its answer, when it named them. */
      readonly limit?: number;
      readonly window?: RateLimitWindow;
    }
);

/** Waits longer than this are announced through `onWait`; shorter ones only pace calls. */
export const announcedWaitMs = 2_000;
