import type { Fault } from './Fault.js';

/** The queue of injected failures, consumed call by call in the order they were added. */
export class FaultPlan {
  private readonly faults: Fault[] = [];

  /** Queues `fault` (its `times` defaults to 1). */
  add(fault: Fault): void {
    if (!Number.isInteger(fault.times) || fault.times < 1) throw new RangeError('A fault needs times ≥ 1');
    this.faults.push({ ...fault });
  }

  /** Takes one use of the first fault matching `operation`, if any. */
  take(operation: string): Fault | undefined {
    const fault = this.faults.find((f) => f.operation === operation || f.operation === '*');
    if (fault === undefined) return undefined;
    fault.times -= 1;
    if (fault.times === 0) this.faults.splice(this.faults.indexOf(fault), 1);
    return fault;
  }

  /** Removes every queued fault. */
  clear(): void {
    this.faults.length = 0;
  }

  /** The faults still queued. */
  pending(): readonly Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }
}
