import type { AccessTokenSource } from '../api/AccessTokenSource.js';
import { KsefError } from '../errors/KsefError.js';
import type { Clock } from '../time/Clock.js';
import type { AuthContext } from './AuthContext.js';
import type { AuthCredentials } from './AuthCredentials.js';
import type { Authenticator } from './Authenticator.js';
import type { AuthTokens } from './AuthTokens.js';

/** Refresh the access token this long before `validUntil`, so no call races its expiry. */
const defaultRefreshMarginMs = 60_000;

/**
 * One login to one context: authenticates lazily on the first protected call, keeps the tokens in
 * private fields (never printed), refreshes the access token before it expires and once after a
 * 401, and authenticates again from scratch when the refresh token itself no longer works. All
 * concurrent callers share one flight.
 */
export class AuthSession implements AccessTokenSource {
  #tokens: AuthTokens | undefined;
  #flight: Promise<string> | undefined;
  readonly #credentials: AuthCredentials;

  constructor(
    private readonly authenticator: Authenticator,
    private readonly clock: Clock,
    /** The context this session acts for. */
    readonly context: AuthContext,
    credentials: AuthCredentials,
    private readonly refreshMarginMs = defaultRefreshMarginMs,
  ) {
    this.#credentials = credentials;
  }

  /** The authentication operation's reference, once authenticated. */
  get referenceNumber(): string | undefined {
    return this.#tokens?.referenceNumber;
  }

  /** Authenticates now (otherwise the first protected call does). */
  async authenticate(signal?: AbortSignal): Promise<void> {
    await this.#single(() => this.#login(signal));
  }

  async accessToken(signal?: AbortSignal): Promise<string> {
    if (this.#flight) return this.#flight;
    const tokens = this.#tokens;
    if (!tokens) return this.#single(() => this.#login(signal));
    if (tokens.accessToken.validUntil.getTime() - this.refreshMarginMs <= this.clock.now().getTime()) {
      return this.#single(() => this.#refresh(signal));
    }
    return tokens.accessToken.token;
  }

  async renewAccessToken(rejected: string, signal?: AbortSignal): Promise<string> {
    if (this.#flight) return this.#flight;
    // Another call already renewed the token that KSeF rejected.
    if (this.#tokens && this.#tokens.accessToken.token !== rejected) return this.#tokens.accessToken.token;
    return this.#single(() => this.#refresh(signal));
  }

  toJSON(): Record<string, unknown> {
    return { context: this.context, referenceNumber: this.referenceNumber, tokens: '[redacted]' };
  }

  #single(run: () => Promise<string>): Promise<string> {
    this.#flight ??= run().finally(() => {
      this.#flight = undefined;
    });
    return this.#flight;
  }

  async #login(signal?: AbortSignal): Promise<string> {
    this.#tokens = await this.authenticator.authenticate(this.context, this.#credentials, signal);
    return this.#tokens.accessToken.token;
  }

  async #refresh(signal?: AbortSignal): Promise<string> {
    const tokens = this.#tokens;
    if (!tokens || tokens.refreshToken.validUntil.getTime() <= this.clock.now().getTime()) return this.#login(signal);
    try {
      const accessToken = await this.authenticator.refresh(tokens.refreshToken.token, signal);
      this.#tokens = { ...tokens, accessToken };
      return accessToken.token;
    } catch (error) {
      // A revoked or expired refresh token answers 400 21301/21304 or 401 (ksef-api.md §2.6): log in again.
      if (error instanceof KsefError && (error.code === 'http.unauthorized' || error.recovery === 'fatal' || error.code === 'http.badRequest')) {
        return this.#login(signal);
      }
      throw error;
    }
  }
}
