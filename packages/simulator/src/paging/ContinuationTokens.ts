import { createHmac, timingSafeEqual } from 'node:crypto';
import { ApiError } from '../http/ApiError.js';

/**
 * Opaque `x-continuation-token` values (ksef-api.md §0 "Pagination"): the next offset, bound to the
 * list it came from and signed, so a tampered or foreign token is 400 21418.
 */
export class ContinuationTokens {
  constructor(private readonly secret: Buffer) {}

  /** A token that resumes list `scope` at `offset`. */
  issue(scope: string, offset: number): string {
    const payload = Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
    return `${payload}.${this.mac(scope, payload)}`;
  }

  /** The offset a request's token points at (0 without a token); 21418 for a bad token. */
  offset(scope: string, token: string | undefined): number {
    if (token === undefined || token === '') return 0;
    const [payload, mac] = token.split('.');
    const invalid = ApiError.badRequest(21418, 'Przekazany token kontynuacji ma nieprawidłowy format.');
    if (payload === undefined || mac === undefined) throw invalid;
    const expected = Buffer.from(this.mac(scope, payload));
    if (expected.length !== mac.length || !timingSafeEqual(expected, Buffer.from(mac))) throw invalid;
    const value: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const offset = typeof value === 'object' && value !== null ? (value as { o?: unknown }).o : undefined;
    if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0) throw invalid;
    return offset;
  }

  private mac(scope: string, payload: string): string {
    return createHmac('sha256', this.secret).update(`${scope}\n${payload}`).digest('base64url');
  }
}
