import type { Clock } from '../time/Clock.js';
import type { RateLimitBudget, RateLimitGroup } from './RateLimitGroup.js';

const windows = [
  ['perSecond', 1_000],
  ['perMinute', 60_000],
  ['perHour', 3_600_000],
] as const;

/**
 * Client-side sliding-window budgets per KSeF rate-limit group (ksef-api.md §10): a call waits (on
 * the injected clock) until the last second, minute and hour all have room, so KSeF rarely needs to
 * answer 429. Counts are per process; KSeF's own counters are per (context, IP).
 */
export class RateLimiter {
  readonly #history = new Map<string, number[]>();
  #budgets: Readonly<Partial<Record<RateLimitGroup, RateLimitBudget>>>;

  constructor(
    private readonly clock: Clock,
    budgets: Readonly<Partial<Record<RateLimitGroup, RateLimitBudget>>>,
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
      const history = (this.#history.get(key) ?? []).filter((t) => t > now - 3_600_000);
      this.#history.set(key, history);
      const wait = waitFor(budget, history, now);
      if (wait <= 0) {
        history.push(now);
        return;
      }
      await this.clock.sleep(wait, signal);
    }
  }
}

/** Milliseconds until one more call fits every window of `budget`; 0 or less means now. */
function waitFor(budget: RateLimitBudget, history: readonly number[], now: number): number {
  let wait = 0;
  for (const [field, length] of windows) {
    const limit = budget[field];
    if (limit === undefined) continue;
    const inWindow = history.filter((t) => t > now - length);
    if (inWindow.length < limit) continue;
    // The window has room again once its oldest `count - limit + 1` calls have slid out.
    const freeing = inWindow[inWindow.length - limit];
    if (freeing !== undefined) wait = Math.max(wait, freeing + length - now + 1);
  }
  return wait;
}
