import { inspect } from 'node:util';

/**
 * A secret value (KSeF token, passphrase) read from the command line, a file, stdin or the
 * environment. It prints as `[redacted]` through `String()`, `JSON.stringify` and `util.inspect`;
 * only `reveal()` gives the value, at the one place that hands it to the KSeF client.
 */
export class Secret {
  readonly #value: string;

  constructor(
    value: string,
    /** Where it came from, e.g. `--token-file`, `KSEF_TOKEN` — safe to print. */
    readonly source: string,
  ) {
    this.#value = value;
  }

  /** The secret itself. Keep it out of output and errors. */
  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return '[redacted]';
  }

  toJSON(): string {
    return '[redacted]';
  }

  [inspect.custom](): string {
    return `Secret(${this.source}) [redacted]`;
  }
}
