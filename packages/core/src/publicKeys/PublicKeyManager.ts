import type { KsefApi } from '../api/KsefApi.js';
import type { PublicKeyCertificate, PublicKeyCertificateUsage } from '../crypto/PublicKeyCertificate.js';
import { selectEncryptionCertificate } from '../crypto/selectEncryptionCertificate.js';
import { isKsefError, KsefError } from '../errors/KsefError.js';
import type { Clock } from '../time/Clock.js';

/** Tuning of the public key manager. */
export interface PublicKeyManagerOptions {
  /** The longest time a fetched list is used before it is fetched again; default 24 h. */
  readonly maxAgeMs?: number;
  /** Uniform [0, 1) source that spreads refreshes of many processes; default `Math.random`. */
  readonly random?: () => number;
}

const day = 86_400_000;
// KSeF answers 21470 when the `publicKeyId` we sent is unknown or retired (emergency rotation).
const retiredKeyCode = 21470;

/**
 * The Ministry's encryption certificates (`GET /security/public-key-certificates`): fetched lazily
 * on first use (never at start-up, so an outage cannot crash the host), the newest valid one per
 * usage, re-fetched when the list is older than min(24 h, a day before the chosen key expires), and
 * at once when KSeF answers 21470 (`bezpieczenstwo/klucze-publiczne-do-szyfrowania.md`).
 */
export class PublicKeyManager {
  #certificates: readonly PublicKeyCertificate[] = [];
  #refreshAt = 0;
  #inFlight: Promise<void> | undefined;
  readonly #maxAgeMs: number;
  readonly #random: () => number;

  constructor(
    private readonly api: KsefApi,
    private readonly clock: Clock,
    options: PublicKeyManagerOptions = {},
  ) {
    this.#maxAgeMs = options.maxAgeMs ?? day;
    this.#random = options.random ?? Math.random;
  }

  /** The certificate to encrypt with for `usage`, fetching or refreshing the list when due. */
  async certificate(usage: PublicKeyCertificateUsage, signal?: AbortSignal): Promise<PublicKeyCertificate> {
    if (this.clock.now().getTime() >= this.#refreshAt) {
      try {
        await this.refresh(signal);
      } catch (error) {
        // A failed scheduled refresh keeps a still-valid key in use; only a missing one is fatal here.
        const stale = selectEncryptionCertificate(this.#certificates, usage, this.clock.now());
        if (stale) return stale;
        throw unavailable(usage, error);
      }
    }
    const selected = selectEncryptionCertificate(this.#certificates, usage, this.clock.now());
    if (selected) return selected;
    await this.refresh(signal);
    const fresh = selectEncryptionCertificate(this.#certificates, usage, this.clock.now());
    if (!fresh) throw unavailable(usage);
    return fresh;
  }

  /**
   * Runs `use` with the current certificate; if KSeF rejects its `publicKeyId` (21470), re-fetches
   * the list and runs `use` once more with the new key.
   */
  async withCertificate<T>(
    usage: PublicKeyCertificateUsage,
    use: (certificate: PublicKeyCertificate) => Promise<T>,
    signal?: AbortSignal,
  ): Promise<T> {
    const first = await this.certificate(usage, signal);
    try {
      return await use(first);
    } catch (error) {
      if (!isKsefError(error) || !error.hasExceptionCode(retiredKeyCode)) throw error;
      await this.refresh(signal);
      return use(await this.certificate(usage, signal));
    }
  }

  /** Fetches the list now (one request at a time, however many callers ask). */
  refresh(signal?: AbortSignal): Promise<void> {
    this.#inFlight ??= this.#fetch(signal).finally(() => {
      this.#inFlight = undefined;
    });
    return this.#inFlight;
  }

  async #fetch(signal?: AbortSignal): Promise<void> {
    const { body } = await this.api.call('security.publicKeyCertificates', signal ? { signal } : {});
    const now = this.clock.now().getTime();
    this.#certificates = body;
    // Refresh a day before the first chosen key expires, at most after maxAge, spread by ±10 %.
    const expiries = (['KsefTokenEncryption', 'SymmetricKeyEncryption'] as const)
      .map((usage) => selectEncryptionCertificate(body, usage, new Date(now)))
      .filter((c): c is PublicKeyCertificate => c !== undefined)
      .map((c) => Date.parse(c.validTo) - day - now);
    const age = Math.max(60_000, Math.min(this.#maxAgeMs, ...expiries));
    this.#refreshAt = now + age * (0.9 + 0.1 * this.#random());
  }
}

function unavailable(usage: PublicKeyCertificateUsage, cause?: unknown): KsefError {
  // A failed fetch keeps its own verdict: "retry later" is wrong advice for a 404 from a wrong base URL.
  const recovery = isKsefError(cause) ? cause.recovery : 'retry';
  const advice = recovery === 'retry' ? 'Retry later.' : undefined;
  return new KsefError(
    `No valid Ministry of Finance public key for ${usage} is available${cause instanceof Error ? ` (${cause.message})` : ''}; nothing was encrypted or sent.${advice === undefined ? '' : ` ${advice}`}`,
    { code: 'publicKey.unavailable', recovery, ...(advice !== undefined && { advice }), ...(cause !== undefined && { cause }) },
  );
}
