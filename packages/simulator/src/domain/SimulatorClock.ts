/** How the simulator clock moves: with real time (plus an offset) or not at all. */
export type SimulatorClockMode = 'system' | 'frozen';

/**
 * The simulator's only source of "now". Nothing in the simulator runs timers for expiry: challenges,
 * sessions, upload windows and URLs compare their deadlines with {@link SimulatorClock.now} when
 * asked, so moving the clock is enough to expire them (ksef-api.md §14.31).
 */
export class SimulatorClock {
  private offsetMs = 0;
  private frozenAt: number | undefined;

  private constructor(private readonly realNow: () => number) {}

  /** A clock that follows real time, shifted by `offsetMs` (the default for demos). */
  static system(offsetMs = 0, realNow: () => number = Date.now): SimulatorClock {
    const clock = new SimulatorClock(realNow);
    clock.offsetMs = offsetMs;
    return clock;
  }

  /** A clock that stands still at `at` until it is advanced or set (for tests). */
  static frozen(at: Date | string | number = '2026-06-01T10:00:00.000Z'): SimulatorClock {
    const clock = new SimulatorClock(Date.now);
    clock.frozenAt = new Date(at).getTime();
    return clock;
  }

  /** Whether the clock follows real time or stands still. */
  get mode(): SimulatorClockMode {
    return this.frozenAt === undefined ? 'system' : 'frozen';
  }

  /** The current simulator time. */
  now(): Date {
    return new Date(this.nowMs());
  }

  /** The current simulator time in epoch milliseconds. */
  nowMs(): number {
    return this.frozenAt ?? this.realNow() + this.offsetMs;
  }

  /** Moves the clock forward (or back, with a negative value) by `ms`. */
  advance(ms: number): Date {
    if (!Number.isFinite(ms)) throw new RangeError(`Cannot advance the clock by ${ms} ms`);
    if (this.frozenAt === undefined) this.offsetMs += ms;
    else this.frozenAt += ms;
    return this.now();
  }

  /** Jumps to `date`; a system clock keeps running from there. */
  set(date: Date | string | number): Date {
    const target = new Date(date).getTime();
    if (Number.isNaN(target)) throw new RangeError(`Cannot set the clock to an invalid date`);
    if (this.frozenAt === undefined) this.offsetMs = target - this.realNow();
    else this.frozenAt = target;
    return this.now();
  }

  /** Stops the clock at its current time. */
  freeze(): void {
    this.frozenAt = this.nowMs();
  }

  /** Lets a frozen clock run with real time again, from where it stood. */
  resume(): void {
    if (this.frozenAt === undefined) return;
    this.offsetMs = this.frozenAt - this.realNow();
    this.frozenAt = undefined;
  }
}
