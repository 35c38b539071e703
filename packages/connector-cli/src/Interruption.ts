/**
 * Ctrl+C, SIGTERM or a closed output pipe, for commands that stop gracefully: the first one aborts
 * `signal` (the command finishes what is in flight and reports); a second Ctrl+C/SIGTERM runs the
 * `onForce` handlers (print what is known) and ends the process at once with exit code 130.
 */
export interface Interruption {
  readonly signal: AbortSignal;
  /** Registers what to do on a second interrupt, before the process exits. */
  onForce(handler: () => void): void;
}
