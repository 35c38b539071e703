import { createHash, randomBytes } from 'node:crypto';

/**
 * Deterministic uppercase hex digits: SHA-256 of `seed:stream:counter`. With the same seed, a
 * simulator run hands out the same identifiers in the same order, so test output is reproducible.
 */
export class SeededHexSource {
  private counter = 0;

  /** `seed` fixes the sequence; without one a random seed is drawn. */
  constructor(
    private readonly seed: string = randomBytes(16).toString('hex'),
    private readonly stream = 'ids',
  ) {}

  /** The next `length` uppercase hex characters (length ≤ 64). */
  next(length: number): string {
    if (!Number.isInteger(length) || length < 1 || length > 64) throw new RangeError(`Cannot draw ${length} hex digits`);
    this.counter += 1;
    const digest = createHash('sha256').update(`${this.seed}:${this.stream}:${this.counter}`).digest('hex');
    return digest.slice(0, length).toUpperCase();
  }
}
