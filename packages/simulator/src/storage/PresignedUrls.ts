import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Pre-signed storage URLs like KSeF's blob links (`…?se=<expiry>&sig=<hmac>`): usable without a
 * Bearer token until they expire (ksef-api.md §6.2). The simulator serves them under `/storage/`.
 */
export class PresignedUrls {
  constructor(private readonly secret: Buffer) {}

  /** An absolute URL for `path` (starting with `/storage/`) valid until `expiresAtMs`. */
  sign(origin: string, path: string, expiresAtMs: number): string {
    const se = String(expiresAtMs);
    return `${origin}${path}?se=${se}&sp=r&sig=${encodeURIComponent(this.mac(path, se))}`;
  }

  /** `valid`, `expired` or `invalid` for a request to `path` with the query it carried. */
  check(path: string, query: URLSearchParams, nowMs: number): 'valid' | 'expired' | 'invalid' {
    const se = query.get('se');
    const sig = query.get('sig');
    if (se === null || sig === null) return 'invalid';
    const expected = Buffer.from(this.mac(path, se));
    const given = Buffer.from(sig);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'invalid';
    return Number(se) > nowMs ? 'valid' : 'expired';
  }

  private mac(path: string, se: string): string {
    return createHmac('sha256', this.secret).update(`${path}\n${se}`).digest('base64url');
  }
}
