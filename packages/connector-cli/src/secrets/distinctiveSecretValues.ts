import type { Secret } from './Secret.js';

/**
 * The shortest secret the output scrubber replaces. KSeF tokens are far longer
 * (`{reference}|nip-{NIP}|{64 hex}`, `tokeny-ksef.md`); output is full of shorter runs that a short
 * secret can equal by chance: years and dates, NIPs (10 digits), the 12 hex digits of a KSeF
 * number, JSON's `null`/`true`, ordinary words.
 */
export const minimumScrubbedSecretLength = 16;

/**
 * The values of `secrets` that the last-line scrubber may replace in output, longest first (so
 * that a secret containing another is replaced whole). Shorter secrets are left alone on purpose:
 * replacing `2026` or `null` would rewrite KSeF numbers, dates and JSON that merely contain the
 * same characters, and every `[redacted]` in their place would show where — so what — the secret
 * is. Short secrets are kept out of output at the source instead: they are `Secret` values that
 * print as `[redacted]`, handed only to the crypto that needs them, and no message quotes them.
 */
export function distinctiveSecretValues(secrets: readonly Secret[]): string[] {
  const values = new Set(secrets.map((s) => s.reveal()).filter((v) => v.length >= minimumScrubbedSecretLength));
  return [...values].sort((a, b) => b.length - a.length);
}
