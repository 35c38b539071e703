import { UsageError } from '../CliCommand.js';

/** `--wait-timeout S`: a number of seconds ≥ 0, `defaultSeconds` when not given; returns milliseconds. */
export function parseWaitTimeout(value: string | undefined, defaultSeconds: number): number {
  if (value === undefined) return defaultSeconds * 1000;
  const seconds = Number(value);
  if (value.trim() === '' || !Number.isFinite(seconds) || seconds < 0) throw new UsageError(`--wait-timeout must be a number of seconds ≥ 0, got "${value}"`);
  return seconds * 1000;
}
