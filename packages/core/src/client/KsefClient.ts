import type { ApiSchema } from '@ksef-connect/spec';
import type { Dispatcher } from 'undici';
import { ApiRunner } from '../api/ApiRunner.js';
import { EffectiveRateLimits } from '../api/EffectiveRateLimits.js';
import { defaultRateLimitBudgets } from '../api/RateLimitGroup.js';
import { RateLimiter } from '../api/RateLimiter.js';
import { defaultRetryPolicy } from '../api/RetryPolicy.js';
import type { SystemWarning } from '../api/SystemWarning.js';
import { AuthSession } from '../auth/AuthSession.js';
import { Authenticator, defaultAuthPolling } from '../auth/Authenticator.js';
import { createEncryptionInfo } from '../crypto/encryptSymmetricKey.js';
import { generateSymmetricKey } from '../crypto/generateSymmetricKey.js';
import { KsefError } from '../errors/KsefError.js';
import type { FormCodeName } from '../fa/validation/FormCodeName.js';
import { defaultInvoiceValidator } from '../fa/validation/validateInvoice.js';
import { invoiceSchemas } from '@ksef-connect/spec';
import { ksefEnvironmentUrls, type KsefEnvironmentName } from '../KsefEnvironment.js';
import { PublicKeyManager } from '../publicKeys/PublicKeyManager.js';
import type { BatchPackage } from '../sessions/BatchPackage.js';
import { BatchSession } from '../sessions/BatchSession.js';
import { OnlineSession, type OnlineSessionContext } from '../sessions/OnlineSession.js';
import { defaultStatusPolling, SessionReader } from '../sessions/SessionReader.js';
import { systemClock } from '../time/systemClock.js';
import type { Clock } from '../time/Clock.js';
import { createKsefDispatcher } from './createKsefDispatcher.js';
import type { KsefClientOptions } from './KsefClientOptions.js';

/** Options of {@link KsefClient.openOnlineSession}. */
export interface OpenOnlineSessionOptions {
  readonly formCode: FormCodeName;
  readonly signal?: AbortSignal;
}

/** Options of {@link KsefClient.openBatchSession}. */
export interface OpenBatchSessionOptions {
  readonly formCode: FormCodeName;
  /** The package to declare; its parts are encrypted with `batchPackage.key`. */
  readonly batchPackage: BatchPackage;
  /** The whole session is invoiced in an offline mode (`tryby-offline.md`); default false. */
  readonly offlineMode?: boolean;
  readonly signal?: AbortSignal;
}

// A batch session not closed within 12 h is cancelled (ksef-api.md §5.5, §10.3).
const batchSessionLifetimeMs = 12 * 3_600_000;

/**
 * A KSeF 2.0 client for one context: authenticates lazily (KSeF token or XAdES), keeps the tokens
 * fresh, opens online sessions. Create it with `createKsefClient` or resolve it from `coreModule`;
 * `close()` (or `await using`) releases its connections.
 */
export class KsefClient implements AsyncDisposable {
  /** The request runner (route table + interceptors), for operations without a method here. */
  readonly api: ApiRunner;
  readonly publicKeys: PublicKeyManager;
  readonly auth: AuthSession;
  /** The API base URL in use. */
  readonly baseUrl: string;
  /** The named environment, when known (from `env` or a matching base URL). */
  readonly env: KsefEnvironmentName | undefined;
  readonly #dispatcher: Dispatcher;
  readonly #ownsDispatcher: boolean;
  readonly #clock: Clock;
  readonly #sessionContext: OnlineSessionContext;
  #limits: Promise<ApiSchema<'EffectiveContextLimits'> | undefined> | undefined;

  constructor(options: KsefClientOptions) {
    this.baseUrl = (options.baseUrl ?? ksefEnvironmentUrls[options.env as KsefEnvironmentName]).replace(/\/+$/, '');
    this.env = options.env ?? (Object.entries(ksefEnvironmentUrls).find(([, url]) => url === this.baseUrl)?.[0] as KsefEnvironmentName | undefined);
    this.#clock = options.clock ?? systemClock;
    this.#ownsDispatcher = options.dispatcher === undefined;
    this.#dispatcher = options.dispatcher ?? createKsefDispatcher();
    const timeoutMs = options.timeoutMs ?? 60_000;
    const onWarning = options.onWarning ?? emitSystemWarning;
    const rateLimiter = new RateLimiter(this.#clock, options.rateLimits === false ? {} : { ...defaultRateLimitBudgets, ...options.rateLimits }, options.onWait);
    const runnerOptions = {
      baseUrl: this.baseUrl,
      dispatcher: this.#dispatcher,
      clock: this.#clock,
      retryPolicy: { ...defaultRetryPolicy, ...options.retryPolicy },
      rateLimiter,
      timeoutMs,
      onWarning,
      ...(options.onWait !== undefined && { onWait: options.onWait }),
      // Budget by what KSeF reports for this context, read after each login (`limity/limity-api.md`).
      ...(options.rateLimits !== false && { refreshRateLimits: () => (holder.effectiveLimits as EffectiveRateLimits).ensureCurrent() }),
      ...(options.userAgent !== undefined && { userAgent: options.userAgent }),
      ...(options.interceptors !== undefined && { interceptors: options.interceptors }),
    };
    // Auth operations never need the access token, so the session's authenticator and the client
    // share one runner whose token source is that very session.
    const holder: { session?: AuthSession; effectiveLimits?: EffectiveRateLimits } = {};
    this.api = new ApiRunner(runnerOptions, {
      accessToken: (signal) => (holder.session as AuthSession).accessToken(signal),
      renewAccessToken: (rejected, signal) => (holder.session as AuthSession).renewAccessToken(rejected, signal),
    });
    this.publicKeys = new PublicKeyManager(this.api, this.#clock);
    const authenticator = new Authenticator(this.api, this.publicKeys, this.#clock, options.authPolling ?? defaultAuthPolling);
    this.auth = new AuthSession(authenticator, this.#clock, options.context, options.credentials);
    holder.session = this.auth;
    holder.effectiveLimits = new EffectiveRateLimits({
      read: async () => (await this.api.call('limits.rate')).body,
      authentication: () => this.auth.referenceNumber,
      limiter: rateLimiter,
      overrides: options.rateLimits === false ? {} : (options.rateLimits ?? {}),
      onWarning,
    });
    this.#sessionContext = {
      api: this.api,
      clock: this.#clock,
      dispatcher: this.#dispatcher,
      timeoutMs,
      validator: options.validator === false ? undefined : (options.validator ?? defaultInvoiceValidator()),
      env: this.env,
      limits: (signal) => this.contextLimits(signal),
      statusPolling: options.statusPolling ?? defaultStatusPolling,
    };
  }

  /** Authenticates now instead of on the first protected call. */
  async authenticate(signal?: AbortSignal): Promise<void> {
    await this.auth.authenticate(signal);
  }

  /**
   * Opens an online session for one form (`POST /sessions/online`) with a fresh AES key wrapped
   * for the Ministry's newest `SymmetricKeyEncryption` key; a retired key (21470) is replaced and
   * the open repeated once.
   */
  async openOnlineSession(options: OpenOnlineSessionOptions): Promise<OnlineSession> {
    const schema = this.#formSchema(options.formCode);
    const signal = options.signal;
    return this.publicKeys.withCertificate(
      'SymmetricKeyEncryption',
      async (certificate) => {
        const key = generateSymmetricKey();
        const { body } = await this.api.call('onlineSession.open', {
          body: {
            formCode: { systemCode: schema.systemCode, schemaVersion: schema.schemaVersion, value: schema.value },
            encryption: createEncryptionInfo(key, certificate),
          },
          ...(signal && { signal }),
        });
        return new OnlineSession(this.#sessionContext, body.referenceNumber, options.formCode, new Date(body.validUntil), key);
      },
      signal,
    );
  }

  /**
   * Opens a batch session (`POST /sessions/batch`, `sesja-wsadowa.md`) declaring a built package:
   * its size and hash, each encrypted part's size and hash, and its AES key wrapped for the
   * Ministry's newest `SymmetricKeyEncryption` key (a retired key, 21470, is replaced once). Upload
   * the parts with `uploadParts()`, then `close()`.
   */
  async openBatchSession(options: OpenBatchSessionOptions): Promise<BatchSession> {
    const schema = this.#formSchema(options.formCode);
    // PEF is online-only (ksef-api.md §4.1 table; open-api.json lists FA and FA_RR for batch).
    if (!schema.batch) {
      throw new KsefError(`KSeF takes ${options.formCode} invoices in online sessions only, not in batch sessions; send them with \`ksef send --online\`. No session was opened.`, {
        code: 'invoice.refused', recovery: 'skip',
      });
    }
    const { batchPackage, signal } = options;
    return this.publicKeys.withCertificate(
      'SymmetricKeyEncryption',
      async (certificate) => {
        const { body } = await this.api.call('batchSession.open', {
          body: {
            formCode: { systemCode: schema.systemCode, schemaVersion: schema.schemaVersion, value: schema.value },
            batchFile: {
              fileSize: batchPackage.fileSize,
              fileHash: batchPackage.fileHash,
              compressionType: batchPackage.compressionType,
              fileParts: batchPackage.parts.map((p) => ({ ordinalNumber: p.ordinalNumber, fileSize: p.fileSize, fileHash: p.fileHash })),
            },
            encryption: createEncryptionInfo(batchPackage.key, certificate),
            offlineMode: options.offlineMode ?? false,
          },
          ...(signal && { signal }),
        });
        const validUntil = new Date(this.#clock.now().getTime() + batchSessionLifetimeMs);
        return new BatchSession(this.#sessionContext, body.referenceNumber, options.formCode, validUntil, batchPackage, body.partUploadRequests);
      },
      signal,
    );
  }

  /**
   * Any session of this context by its reference — one this client opened, or one from an earlier
   * run or another machine — to read its status, invoices and UPOs. Sends nothing.
   */
  session(referenceNumber: string): SessionReader {
    return new SessionReader(this.#sessionContext, referenceNumber);
  }

  /** The context's session limits (`GET /limits/context`), read once; undefined if they cannot be read. */
  contextLimits(signal?: AbortSignal): Promise<ApiSchema<'EffectiveContextLimits'> | undefined> {
    this.#limits ??= this.api.call('limits.context', signal ? { signal } : {}).then(
      (response) => response.body,
      () => {
        // Fall back to the documented defaults (1 MB / 3 MB); ask again next time.
        this.#limits = undefined;
        return undefined;
      },
    );
    return this.#limits;
  }

  /** The form's schema; FA (2) only on TEST (ksef-api.md §1). */
  #formSchema(formCode: FormCodeName): (typeof invoiceSchemas)[number] {
    const schema = invoiceSchemas.find((s) => s.systemCode === formCode);
    if (!schema) throw new KsefError(`Unknown form code ${formCode}.`, { code: 'invoice.refused', recovery: 'fatal' });
    if (formCode === 'FA (2)' && (this.env === 'demo' || this.env === 'prod')) {
      throw new KsefError(`KSeF ${this.env.toUpperCase()} accepts only FA (3), not FA (2); convert the invoices to FA (3). No session was opened.`, {
        code: 'invoice.refused', recovery: 'skip',
      });
    }
    return schema;
  }

  /** Releases the connection pool (when the client created it). */
  async close(): Promise<void> {
    if (this.#ownsDispatcher) await this.#dispatcher.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}

function emitSystemWarning(warning: SystemWarning): void {
  process.emitWarning(`KSeF ${warning.operation}: ${warning.code ? `[${warning.code}] ` : ''}${warning.message}`, 'KsefSystemWarning');
}
