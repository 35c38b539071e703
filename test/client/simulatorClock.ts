import type { Clock } from '@ksef-connect/core';
import type { RunningSimulator } from '@ksef-connect/simulator';

/**
 * A client clock that shares the simulator's virtual time: `sleep` advances the simulator clock
 * instead of waiting, so retries, backoff and token expiry run instantly. `slept` records each wait.
 */
export function simulatorClock(simulator: RunningSimulator): Clock & { readonly slept: number[] } {
  const slept: number[] = [];
  return {
    slept,
    now: () => simulator.control.now(),
    sleep: async (ms, signal) => {
      signal?.throwIfAborted();
      slept.push(ms);
      simulator.control.advanceClock(ms);
      await Promise.resolve();
    },
  };
}
