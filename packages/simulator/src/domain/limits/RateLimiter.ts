import type { SimulatorClock } from '../SimulatorClock.js';
import type { RateLimitGroup } from './operationRateLimits.js';
import type { RateLimitProfile } from './rateLimitProfiles.js';

/** The verdict on one request. */
export type RateLimitDecision =
  | { readonly allowed: true }
  | {
      readonly allowed: false;
      /** Whole seconds until the request would pass (the `Retry-After` value, ≥ 1). */
      readonly retryAfterSeconds: number;
      /** The window that was exceeded, with its cap — for the 429 detail text. */
      readonly window: 'second' | 'minute' | 'hour';
      readonly limit: number;
    };

const windows = [
  { window: 'second', ms: 1_000, pick: 'perSecond' },
  { window: 'minute', ms: 60_000, pick: 'perMinute' },
  { window: 'hour', ms: 3_600_000, pick: 'perHour' },
] as const;

/**
 * Sliding-window rate limiter (last 1 s, 60 s, 60 min, all at once — `limity/limity-api.md`). Each
 * bucket key (e.g. context + IP + group, or + operation for the `other` group, whose endpoints count
 * separately) keeps the times of its admitted requests; a refused request is not counted. Time comes
 * from the {@link SimulatorClock}, so tests advance the clock instead of sleeping.
 */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  /** `profile` may be swapped later with {@link setProfile}. */
  constructor(
    private readonly clock: SimulatorClock,
    private profile: RateLimitProfile,
  ) {}

  /** The profile in force. */
  get currentProfile(): RateLimitProfile {
    return this.profile;
  }

  /** Switches profile (e.g. `/testdata/rate-limits/production`); counters are kept. */
  setProfile(profile: RateLimitProfile): void {
    this.profile = profile;
  }

  /** Counts a request to bucket `key` in `group` if the group's limits allow it. */
  check(key: string, group: RateLimitGroup): RateLimitDecision {
    const limits = this.profile.limitsFor(group);
    if (!limits) return { allowed: true };
    const now = this.clock.nowMs();
    const bucketKey = `${group}\u0000${key}`;
    const times = (this.hits.get(bucketKey) ?? []).filter((t) => t > now - 3_600_000);
    let refusal: { retryAfterMs: number; window: 'second' | 'minute' | 'hour'; limit: number } | undefined;
    for (const w of windows) {
      const limit = limits[w.pick];
      if (limit === undefined) continue;
      const inWindow = times.filter((t) => t > now - w.ms);
      if (inWindow.length < limit) continue;
      // The request passes once enough of the window's requests have aged out.
      const oldestThatMustLeave = inWindow[inWindow.length - limit] ?? now;
      const retryAfterMs = oldestThatMustLeave + w.ms - now;
      if (!refusal || retryAfterMs > refusal.retryAfterMs) refusal = { retryAfterMs, window: w.window, limit };
    }
    if (refusal) {
      this.hits.set(bucketKey, times);
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(refusal.retryAfterMs / 1000)), window: refusal.window, limit: refusal.limit };
    }
    times.push(now);
    this.hits.set(bucketKey, times);
    return { allowed: true };
  }

  /** Forgets every counter (e.g. after `DELETE /testdata/rate-limits`). */
  reset(): void {
    this.hits.clear();
  }
}
