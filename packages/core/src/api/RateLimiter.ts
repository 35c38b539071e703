import type { Clock } from '../time/Clock.js';
import type { RateLimitBudget, RateLimitGroup } from './RateLimitGroup.js';
import { announcedWaitMs, type RateLimitWait, type RateLimitWindow } from './RateLimitWait.js';

/**
 * KSeF's three sliding windows (`limity/limity-api.md` §1), each held open a little longer on our
 * side. KSeF counts a request when it reaches KSeF, we count it when it leaves, and the gap varies
 * with latency; KSeF may also keep its times in whole seconds. A call sent the instant our oldest
 * counted call leaves a window could still land inside KSeF's copy of that window, and repeated
 * excesses lengthen KSeF's block (§2). The margins cover latency jitter (second window) and a
 * one-second timestamp granularity plus jitter (minute, hour), at a cost of under 0.3 % of the
 * hourly throughput.
 */
const windows = [
  { field: 'perSecond', window: 'second', ms: 1_000, marginMs: 250 },
  { field: 'perMinute', window: 'minute', ms: 60_000, marginMs: 2_000 },
  { field: 'perHour', window: 'hour', ms: 3_600_000, marginMs: 10_000 },
] as const;

/** How long a counted call can matter: the longest window with its margin. */
const longestMs = 3_600_000 + 10_000;

/**
 * Client-side sliding-window budgets per KSeF rate-limit group (ksef-api.md §10): a call waits (on
 * the injected clock) until the last second, minute and hour — each with a safety margin — all
 * have room, so KSeF need not answer 429. A wait over two seconds is announced to `onWait`
 * (once per key while it lasts, however many calls queue behind it): never a silent stall. Counts
 * are per process; KSeF's own counters are per (context, IP).
 */
export class RateLimiter {
  /** Times of the counted calls per key, oldest first. */
  readonly #history = new Map<string, number[]>();
  /** Per key, when the last announced wait ends. */
  readonly #announcedUntil = new Map<string, number>();
  #budgets: Readonly<Partial<Record<RateLimitGroup, RateLimitBudget>>>;

  constructor(
    private readonly clock: Clock,
    budgets: Readonly<Partial<Record<RateLimitGroup, RateLimitBudget>>>,
    private readonly onWait?: (wait: RateLimitWait) => void,
  ) {
    this.#budgets = budgets;
  }

  /** Replaces the budgets (e.g. with the limits KSeF reports); the calls already counted stay counted. */
  useBudgets(budgets: Readonly<Partial<Record<RateLimitGroup, RateLimitBudget>>>): void {
    this.#budgets = budgets;
  }

  /** Waits until a call in `group` fits the budget, then counts it. `key` separates per-endpoint counters. */
  async acquire(group: RateLimitGroup, key: string, signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      // Read on each pass: the budgets may change while a call waits.
      const budget = this.#budgets[group];
      if (!budget) return;
      const now = this.clock.now().getTime();
      const history = this.#history.get(key) ?? [];
      this.#history.set(key, history);
      const expired = firstAfter(history, now - longestMs);
      if (expired > 0) history.splice(0, expired);
      const wait = waitFor(budget, history, now);
      if (wait === undefined) {
        // The clock never runs backwards in production; if a test's clock does, keep the order.
        history.push(Math.max(now, history[history.length - 1] ?? now));
        return;
      }
      if (wait.ms > announcedWaitMs && (this.#announcedUntil.get(key) ?? 0) <= now) {
        this.#announcedUntil.set(key, now + wait.ms);
        this.onWait?.({ reason: 'budget', group, limit: wait.limit, window: wait.window, waitMs: wait.ms, until: new Date(now + wait.ms) });
      }
      await this.clock.sleep(wait.ms, signal);
    }
  }
}

/** How long until one more call fits every window of `budget`, and the window that binds; undefined means now. */
function waitFor(budget: RateLimitBudget, history: readonly number[], now: number): { ms: number; limit: number; window: RateLimitWindow } | undefined {
  let wait: { ms: number; limit: number; window: RateLimitWindow } | undefined;
  for (const { field, window, ms, marginMs } of windows) {
    const limit = budget[field];
    if (limit === undefined) continue;
    const length = ms + marginMs;
    const inWindow = history.length - firstAfter(history, now - length);
    if (inWindow < limit) continue;
    // The window has room again once its oldest `inWindow - limit + 1` calls have slid out.
    const freeing = history[history.length - limit];
    if (freeing !== undefined && freeing + length - now > (wait?.ms ?? 0)) wait = { ms: freeing + length - now, limit, window };
  }
  return wait;
}

/** The index of the first time in sorted `times` later than `instant` (binary search). */
function firstAfter(times: readonly number[], instant: number): number {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((times[middle] as number) > instant) high = middle;
    else low = middle + 1;
  }
  return low;
}
