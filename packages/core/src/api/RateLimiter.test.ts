import type { Clock } from '../time/Clock.js';
import { RateLimiter } from './RateLimiter.js';
import type { RateLimitWait } from './RateLimitWait.js';

const start = Date.parse('2026-01-10T10:00:00Z');

/** A clock that only moves when told to, or when someone sleeps on it. */
function manualClock(): Clock & { slept: number[]; advance(ms: number): void; elapsed(): number } {
  let now = start;
  const slept: number[] = [];
  return {
    slept,
    now: () => new Date(now),
    sleep: async (ms, signal) => {
      signal?.throwIfAborted();
      slept.push(ms);
      now += ms;
    },
    advance: (ms) => {
      now += ms;
    },
    elapsed: () => now - start,
  };
}

describe('RateLimiter', () => {
  test('the call over the per-second budget waits for the window plus a 250 ms margin', async () => {
    const clock = manualClock();
    const limiter = new RateLimiter(clock, { invoiceSend: { perSecond: 2 } });
    await limiter.acquire('invoiceSend', 'invoiceSend');
    clock.advance(100);
    await limiter.acquire('invoiceSend', 'invoiceSend');
    expect(clock.slept).toEqual([]);
    await limiter.acquire('invoiceSend', 'invoiceSend');
    // The first call leaves the (1 s + 250 ms) window at 1 250 ms.
    expect(clock.elapsed()).toBe(1_250);
    expect(clock.slept).toEqual([1_150]);
  });

  test('the hourly budget frees a slot one hour and ten seconds after the oldest call, not at a round hour', async () => {
    const clock = manualClock();
    const limiter = new RateLimiter(clock, { invoiceSend: { perSecond: 10, perMinute: 30, perHour: 3 } });
    for (let i = 0; i < 3; i++) {
      await limiter.acquire('invoiceSend', 'invoiceSend');
      clock.advance(10 * 60_000);
    }
    await limiter.acquire('invoiceSend', 'invoiceSend');
    expect(clock.elapsed()).toBe(3_600_000 + 10_000);
    // The next slot opens when the second call (at 10 min) leaves the window.
    await limiter.acquire('invoiceSend', 'invoiceSend');
    expect(clock.elapsed()).toBe(10 * 60_000 + 3_600_000 + 10_000);
  });

  test('the minute window holds calls for 62 s; a burst at the edge is paced, not refused', async () => {
    const clock = manualClock();
    const limiter = new RateLimiter(clock, { invoiceSend: { perSecond: 100, perMinute: 5 } });
    for (let i = 0; i < 5; i++) await limiter.acquire('invoiceSend', 'invoiceSend');
    await limiter.acquire('invoiceSend', 'invoiceSend');
    expect(clock.slept).toEqual([62_000]);
  });

  test('groups without a budget and separate keys do not wait on each other', async () => {
    const clock = manualClock();
    const limiter = new RateLimiter(clock, { other: { perSecond: 1 } });
    await limiter.acquire('other', 'limits.rate');
    await limiter.acquire('other', 'limits.context');
    for (let i = 0; i < 100; i++) await limiter.acquire('invoiceSend', 'invoiceSend');
    expect(clock.slept).toEqual([]);
  });

  test('new budgets apply to calls already counted and to a call that is waiting', async () => {
    const clock = manualClock();
    const limiter = new RateLimiter(clock, { invoiceSend: { perSecond: 1 } });
    await limiter.acquire('invoiceSend', 'invoiceSend');
    limiter.useBudgets({ invoiceSend: { perSecond: 2 } });
    await limiter.acquire('invoiceSend', 'invoiceSend');
    expect(clock.slept).toEqual([]);
    await limiter.acquire('invoiceSend', 'invoiceSend');
    expect(clock.slept).toEqual([1_250]);
  });

  test('a waiting call stops when its signal aborts', async () => {
    const clock = manualClock();
    const limiter = new RateLimiter(clock, { invoiceSend: { perSecond: 1 } });
    await limiter.acquire('invoiceSend', 'invoiceSend');
    const controller = new AbortController();
    controller.abort(new Error('stopped'));
    await expect(limiter.acquire('invoiceSend', 'invoiceSend', controller.signal)).rejects.toThrow('stopped');
  });

  test('a wait over two seconds is announced before it starts, with the limit and window that bound it', async () => {
    const clock = manualClock();
    const waits: RateLimitWait[] = [];
    const limiter = new RateLimiter(clock, { invoiceSend: { perSecond: 2, perMinute: 4 } }, (wait) => waits.push(wait));
    for (let i = 0; i < 4; i++) await limiter.acquire('invoiceSend', 'invoiceSend');
    // The third call's 1.25 s per-second wait paces silently.
    expect(clock.slept).toEqual([1_250]);
    expect(waits).toEqual([]);
    await limiter.acquire('invoiceSend', 'invoiceSend');
    expect(waits).toEqual([
      { reason: 'budget', group: 'invoiceSend', limit: 4, window: 'minute', waitMs: 60_750, until: new Date(start + 62_000) },
    ]);
    expect(clock.elapsed()).toBe(62_000);
  });

  test('calls queued behind the same wait announce it once', async () => {
    // Timers fire only when the test runs them, so the three calls really wait side by side.
    let now = start;
    const timers: { at: number; fire: () => void }[] = [];
    const clock: Clock = { now: () => new Date(now), sleep: (ms) => new Promise((fire) => void timers.push({ at: now + ms, fire })) };
    const waits: RateLimitWait[] = [];
    const limiter = new RateLimiter(clock, { invoiceSend: { perSecond: 100, perMinute: 1 } }, (wait) => waits.push(wait));
    await limiter.acquire('invoiceSend', 'invoiceSend');
    const queued = Promise.all([1, 2, 3].map(() => limiter.acquire('invoiceSend', 'invoiceSend')));
    await new Promise((resolve) => setImmediate(resolve));
    while (timers.length > 0) {
      const due = Math.min(...timers.map((t) => t.at));
      now = due;
      for (const timer of timers.filter((t) => t.at === due)) timer.fire();
      timers.splice(0, timers.length, ...timers.filter((t) => t.at !== due));
      await new Promise((resolve) => setImmediate(resolve));
    }
    await queued;
    // One announcement per 62 s wait, not one per queued call and wait.
    expect(waits.map((w) => w.until.getTime() - start)).toEqual([62_000, 124_000, 186_000]);
  });
});
