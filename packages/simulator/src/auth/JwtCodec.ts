import { createHmac, timingSafeEqual } from 'node:crypto';

/** Claims the simulator puts in its tokens (shaped like the spec examples, ksef-api.md §2.7). */
export interface JwtClaims {
  readonly 'token-type': 'OperationToken' | 'ContextToken' | 'RefreshToken';
  readonly 'operation-reference-number': string;
  readonly iat: number;
  readonly exp: number;
  readonly jti: string;
  readonly [claim: string]: unknown;
}

const b64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

/**
 * HS256 JWTs signed with a per-instance secret. Clients must treat them as opaque; the simulator
 * reads back only what it signed itself.
 */
export class JwtCodec {
  constructor(private readonly secret: Buffer) {}

  /** A signed token carrying `claims`. */
  sign(claims: JwtClaims): string {
    const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
    const body = b64url(JSON.stringify({ iss: 'ksef-simulator', aud: 'ksef-simulator', ...claims }));
    return `${head}.${body}.${this.mac(`${head}.${body}`)}`;
  }

  /** The claims of a token this codec signed and that is not expired at `nowSeconds`, else undefined. */
  verify(token: string, nowSeconds: number): JwtClaims | undefined {
    const [head, body, mac] = token.split('.');
    if (head === undefined || body === undefined || mac === undefined) return undefined;
    const expected = Buffer.from(this.mac(`${head}.${body}`));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    let claims: unknown;
    try {
      claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      return undefined;
    }
    if (!isClaims(claims) || claims.exp <= nowSeconds) return undefined;
    return claims;
  }

  private mac(input: string): string {
    return createHmac('sha256', this.secret).update(input).digest('base64url');
  }
}

function isClaims(value: unknown): value is JwtClaims {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v['token-type'] === 'string' && typeof v['operation-reference-number'] === 'string' && typeof v['exp'] === 'number';
}
