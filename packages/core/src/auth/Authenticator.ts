import type { KsefApi } from '../api/KsefApi.js';
import { encryptKsefToken } from '../crypto/encryptKsefToken.js';
import { KsefError } from '../errors/KsefError.js';
import type { PublicKeyManager } from '../publicKeys/PublicKeyManager.js';
import { type Backoff, backoffDelay } from '../sessions/Backoff.js';
import type { Clock } from '../time/Clock.js';
import type { AuthContext } from './AuthContext.js';
import type { AuthCredentials, XadesCredentials } from './AuthCredentials.js';
import type { AuthTokens, BearerToken } from './AuthTokens.js';
import { buildAuthTokenRequest } from '../crypto/xades/buildAuthTokenRequest.js';

/** Polling of `GET /auth/{ref}`: 0.25 s growing to 2 s, for up to 2 minutes (DEMO/PRD check OCSP). */
export const defaultAuthPolling: Backoff = { initialMs: 250, factor: 1.5, maxMs: 2_000, totalMs: 120_000 };

/**
 * The authentication flow of `uwierzytelnianie.md`: challenge → KSeF-token or XAdES init → poll the
 * operation status → redeem the access and refresh tokens; and the access-token refresh.
 */
export class Authenticator {
  constructor(
    private readonly api: KsefApi,
    private readonly publicKeys: PublicKeyManager,
    private readonly clock: Clock,
    private readonly polling: Backoff = defaultAuthPolling,
  ) {}

  /** Authenticates for `context` and returns the redeemed tokens. */
  async authenticate(context: AuthContext, credentials: AuthCredentials, signal?: AbortSignal): Promise<AuthTokens> {
    const init = 'ksefToken' in credentials
      ? await this.#initWithKsefToken(context, credentials.ksefToken, signal)
      : await this.#initWithXades(context, credentials, signal);
    const operationToken = init.authenticationToken.token;
    await this.#waitForSuccess(init.referenceNumber, operationToken, signal);
    const { body } = await this.api.call('auth.redeem', { bearer: operationToken, ...(signal && { signal }) });
    return {
      referenceNumber: init.referenceNumber,
      accessToken: bearer(body.accessToken),
      refreshToken: bearer(body.refreshToken),
    };
  }

  /** A new access token from the refresh token (`POST /auth/token/refresh`). */
  async refresh(refreshToken: string, signal?: AbortSignal): Promise<BearerToken> {
    const { body } = await this.api.call('auth.refresh', { bearer: refreshToken, ...(signal && { signal }) });
    return bearer(body.accessToken);
  }

  async #initWithKsefToken(context: AuthContext, ksefToken: string, signal?: AbortSignal) {
    // A fresh challenge per attempt: the timestamp inside the encrypted token is its nonce.
    return this.publicKeys.withCertificate(
      'KsefTokenEncryption',
      async (certificate) => {
        const challenge = await this.#challenge(signal);
        const { body } = await this.api.call('auth.ksefToken', {
          body: {
            challenge: challenge.challenge,
            contextIdentifier: { type: context.type, value: context.value },
            encryptedToken: encryptKsefToken(ksefToken, challenge.timestampMs, certificate),
            publicKeyId: certificate.publicKeyId,
          },
          ...(signal && { signal }),
        });
        return body;
      },
      signal,
    );
  }

  async #initWithXades(context: AuthContext, credentials: XadesCredentials, signal?: AbortSignal) {
    const challenge = await this.#challenge(signal);
    const unsigned = buildAuthTokenRequest({
      challenge: challenge.challenge,
      contextIdentifier: { type: context.type, value: context.value },
      subjectIdentifierType: credentials.subjectIdentifierType ?? 'certificateSubject',
    });
    const signed = await credentials.signer.sign(unsigned);
    const { body } = await this.api.call('auth.xadesSignature', {
      body: signed,
      ...(credentials.verifyCertificateChain !== undefined && { query: { verifyCertificateChain: credentials.verifyCertificateChain } }),
      ...(signal && { signal }),
    });
    return body;
  }

  async #challenge(signal?: AbortSignal) {
    const { body } = await this.api.call('auth.challenge', signal ? { signal } : {});
    return body;
  }

  async #waitForSuccess(referenceNumber: string, operationToken: string, signal?: AbortSignal): Promise<void> {
    let waited = 0;
    for (let attempt = 0; ; attempt++) {
      const { body } = await this.api.call('auth.status', {
        params: { referenceNumber },
        bearer: operationToken,
        ...(signal && { signal }),
      });
      const { code, description, details } = body.status;
      if (code === 200) return;
      if (code !== 100) {
        // 415 no permissions, 425 revoked, 450 bad token, 460 certificate, 470, 480 blocked, 500, 550.
        const advice = code === 550 ? 'KSeF cancelled it; authenticate again.' : 'Check the credentials and the permissions in this context, then authenticate again.';
        throw new KsefError(
          `Authentication ${referenceNumber} failed with status ${code} ${description}${details?.length ? ` (${details.join('; ')})` : ''}. ${advice}`,
          { code: 'auth.failed', recovery: code === 550 ? 'retry' : 'fatal', operation: 'auth.status', referenceNumber, advice },
        );
      }
      const delay = backoffDelay(this.polling, attempt);
      if (waited + delay > this.polling.totalMs) {
        throw new KsefError(
          `Authentication ${referenceNumber} was still in progress after ${Math.round(waited / 1000)} s (KSeF may be waiting for a certificate revocation check); authenticate again later.`,
          { code: 'auth.timeout', recovery: 'retry', operation: 'auth.status', referenceNumber },
        );
      }
      await this.clock.sleep(delay, signal);
      waited += delay;
    }
  }
}

function bearer(info: { token: string; validUntil: string }): BearerToken {
  return { token: info.token, validUntil: new Date(info.validUntil) };
}
