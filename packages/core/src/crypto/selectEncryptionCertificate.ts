import type { PublicKeyCertificate, PublicKeyCertificateUsage } from './PublicKeyCertificate.js';

/**
 * The certificate to encrypt with for `usage`: among those valid at `now`, the one with the latest
 * `validFrom`, so a planned rotation's overlap picks the new key as soon as it is valid
 * (`bezpieczenstwo/klucze-publiczne-do-szyfrowania.md`). Undefined when none qualifies — the caller
 * re-fetches the list.
 */
export function selectEncryptionCertificate(
  certificates: readonly PublicKeyCertificate[],
  usage: PublicKeyCertificateUsage,
  now: Date,
): PublicKeyCertificate | undefined {
  const at = now.getTime();
  let best: PublicKeyCertificate | undefined;
  let bestFrom = -Infinity;
  for (const certificate of certificates) {
    if (!certificate.usage.includes(usage)) continue;
    const from = Date.parse(certificate.validFrom);
    const to = Date.parse(certificate.validTo);
    // An unparseable date makes the entry unusable rather than valid forever.
    if (Number.isNaN(from) || Number.isNaN(to) || at < from || at > to) continue;
    if (from > bestFrom) {
      best = certificate;
      bestFrom = from;
    }
  }
  return best;
}
