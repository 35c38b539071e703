import { shellQuote } from './shellQuote.js';

/** What `ksef send` needs to reach a running simulator. */
export interface SimulatorTarget {
  /** The API base URL, ending in `/v2`. */
  readonly url: string;
  readonly nip: string;
  readonly token: string;
}

/**
 * The `ksef send` line, ready to paste into a POSIX shell, that sends the invoices in `invoices`
 * (a folder, searched recursively) to the simulator as its sample NIP. The token goes in
 * `KSEF_TOKEN` for that one command (not in the process list) and is quoted: it contains `|`.
 */
export function sendCommandLine(target: SimulatorTarget, invoices = 'invoices/'): string {
  return [
    `KSEF_TOKEN=${shellQuote(target.token, { always: true })}`,
    'npx ksef send',
    shellQuote(invoices),
    '--base-url', shellQuote(target.url),
    '--nip', shellQuote(target.nip),
  ].join(' ');
}
