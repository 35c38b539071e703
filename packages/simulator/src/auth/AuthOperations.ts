import { randomUUID } from 'node:crypto';
import type { ApiSchema } from '@ksef-connect/spec';
import { formatKsefDateTime } from '../domain/time/ksefDateTime.js';
import { ApiError } from '../http/ApiError.js';
import type { SimulatorServices } from '../SimulatorServices.js';
import type { AuthOperationRecord, StatusRecord } from '../state/AuthOperationRecord.js';
import type { Identifier } from './Principal.js';

/** Status descriptions of `GET /auth/{ref}` (open-api.json `AuthenticationOperationStatusResponse`). */
export const authStatuses = {
  inProgress: (): StatusRecord => ({ code: 100, description: 'Uwierzytelnianie w toku' }),
  success: (): StatusRecord => ({ code: 200, description: 'Uwierzytelnianie zakończone sukcesem' }),
  noPermissions: (): StatusRecord => ({ code: 415, description: 'Uwierzytelnianie zakończone niepowodzeniem', details: ['Brak przypisanych uprawnień'] }),
  revoked: (): StatusRecord => ({ code: 425, description: 'Uwierzytelnienie unieważnione', details: ['Uwierzytelnienie i powiązane refresh tokeny zostały unieważnione przez użytkownika'] }),
  badToken: (detail: string): StatusRecord => ({ code: 450, description: 'Uwierzytelnianie zakończone niepowodzeniem z powodu błędnego tokenu', details: [detail] }),
  badCertificate: (detail: string): StatusRecord => ({ code: 460, description: 'Uwierzytelnianie zakończone niepowodzeniem z powodu błędu certyfikatu', details: [detail] }),
};

/** What an auth init decided, before the operation is recorded. */
export interface AuthInit {
  readonly method: AuthOperationRecord['method'];
  readonly methodInfo: AuthOperationRecord['methodInfo'];
  readonly context: Identifier;
  readonly subject?: Identifier;
  readonly permissions: string[];
  readonly outcome: StatusRecord;
  readonly ksefTokenReference?: string;
  readonly signedDocumentHash?: string;
}

/** Authentication operations: start, status polling, redeem and refresh (ksef-api.md §2.3–2.6). */
export class AuthOperations {
  constructor(private readonly sim: SimulatorServices) {}

  /** Uses up `challenge` (21111 when unknown) and tells whether it was still fresh. */
  consumeChallenge(challenge: string): 'fresh' | 'expired' | 'used' {
    const record = this.sim.state.challenges[challenge];
    if (record === undefined) throw ApiError.badRequest(21111, 'Nieprawidłowe wyzwanie autoryzacyjne.', [`Wyzwanie ${challenge} jest nieznane.`]);
    if (record.used) return 'used';
    record.used = true;
    this.sim.changed();
    return record.expiresAtMs > this.sim.clock.nowMs() ? 'fresh' : 'expired';
  }

  /** Records a new operation; answers `AuthenticationInitResponse` (202). */
  start(init: AuthInit): ApiSchema<'AuthenticationInitResponse'> {
    const now = this.sim.clock.nowMs();
    const referenceNumber = this.sim.references.next('authentication');
    const record: AuthOperationRecord = {
      referenceNumber,
      startedAtMs: now,
      method: init.method,
      methodInfo: init.methodInfo,
      context: init.context,
      ...(init.subject === undefined ? {} : { subject: init.subject }),
      permissions: init.permissions,
      outcome: init.outcome,
      pollsLeft: this.sim.config.authPolls,
      status: this.sim.config.authPolls > 0 ? authStatuses.inProgress() : init.outcome,
      redeemed: false,
      revoked: false,
      ...(init.ksefTokenReference === undefined ? {} : { ksefTokenReference: init.ksefTokenReference }),
      ...(init.signedDocumentHash === undefined ? {} : { signedDocumentHash: init.signedDocumentHash }),
    };
    this.sim.state.authOperations[referenceNumber] = record;
    this.sim.changed();
    const exp = Math.floor(now / 1000) + this.sim.config.operationTokenTtlSeconds;
    return {
      referenceNumber,
      authenticationToken: {
        token: this.sim.jwt.sign({ 'token-type': 'OperationToken', 'operation-reference-number': referenceNumber, iat: Math.floor(now / 1000), exp, jti: randomUUID() }),
        validUntil: formatKsefDateTime(new Date(exp * 1000)),
      },
    };
  }

  /** The operation `referenceNumber`, or 21304. */
  get(referenceNumber: string): AuthOperationRecord {
    const record = this.sim.state.authOperations[referenceNumber];
    if (record === undefined) throw ApiError.badRequest(21304, 'Brak uwierzytelnienia.', [`Operacja uwierzytelnienia ${referenceNumber} nie została znaleziona.`]);
    return record;
  }

  /** One status poll: 100 for `authPolls` polls, then the outcome. */
  poll(record: AuthOperationRecord): ApiSchema<'AuthenticationOperationStatusResponse'> {
    // 100 is shown for `authPolls` polls; the next poll shows the outcome.
    if (record.status.code === 100) {
      if (record.pollsLeft > 0) record.pollsLeft -= 1;
      else record.status = record.outcome;
      this.sim.changed();
    }
    return this.view(record);
  }

  /** How an authentication operation reads in `GET /auth/{ref}` and in `GET /auth/sessions` items. */
  view(record: AuthOperationRecord): ApiSchema<'AuthenticationOperationStatusResponse'> {
    return {
      startDate: formatKsefDateTime(new Date(record.startedAtMs)),
      authenticationMethod: record.method === 'Token' ? 'Token' : 'QualifiedSeal',
      authenticationMethodInfo: { ...record.methodInfo },
      status: record.status,
      isTokenRedeemed: record.redeemed,
      ...(record.lastRefreshMs === undefined ? {} : { lastTokenRefreshDate: formatKsefDateTime(new Date(record.lastRefreshMs)) }),
      ...(record.refreshValidUntilMs === undefined ? {} : { refreshTokenValidUntil: formatKsefDateTime(new Date(record.refreshValidUntilMs)) }),
    };
  }

  /** `POST /auth/token/redeem`: once, and only after status 200 (21301 otherwise). */
  redeem(record: AuthOperationRecord): ApiSchema<'AuthenticationTokensResponse'> {
    if (record.status.code !== 200) throw ApiError.badRequest(21301, 'Brak autoryzacji.', [`Status uwierzytelnienia (${record.status.code}) nie pozwala na pobranie tokenów.`]);
    if (record.redeemed) throw ApiError.badRequest(21301, 'Brak autoryzacji.', ['Tokeny dla tego uwierzytelnienia zostały już pobrane.']);
    const now = this.sim.clock.nowMs();
    const refreshExp = Math.floor(now / 1000) + this.sim.config.refreshTokenTtlSeconds;
    record.redeemed = true;
    record.refreshValidUntilMs = refreshExp * 1000;
    this.sim.changed();
    return {
      accessToken: this.accessToken(record),
      refreshToken: {
        token: this.sim.jwt.sign({ 'token-type': 'RefreshToken', 'operation-reference-number': record.referenceNumber, iat: Math.floor(now / 1000), exp: refreshExp, jti: randomUUID() }),
        validUntil: formatKsefDateTime(new Date(refreshExp * 1000)),
      },
    };
  }

  /** `POST /auth/token/refresh`: a new access token for a live, redeemed operation. */
  refresh(record: AuthOperationRecord): ApiSchema<'AuthenticationTokenRefreshResponse'> {
    if (record.revoked) throw ApiError.badRequest(21301, 'Brak autoryzacji.', ['Uwierzytelnienie zostało unieważnione.']);
    record.lastRefreshMs = this.sim.clock.nowMs();
    this.sim.changed();
    return { accessToken: this.accessToken(record) };
  }

  /**
   * Whether the operation is an active authentication session (`GET /auth/sessions`): succeeded, not
   * revoked, and its refresh token (or, before redeem, its operation token) still valid.
   */
  isActive(record: AuthOperationRecord): boolean {
    const now = this.sim.clock.nowMs();
    if (record.status.code !== 200 || record.revoked) return false;
    return record.redeemed ? (record.refreshValidUntilMs ?? 0) > now : record.startedAtMs + this.sim.config.operationTokenTtlSeconds * 1000 > now;
  }

  /**
   * Revokes the session: its refresh token stops working and its status reads 425; access tokens
   * already issued stay valid until they expire (open-api.json `DELETE /auth/sessions/…`, auth/sesje.md).
   */
  revoke(record: AuthOperationRecord): void {
    record.revoked = true;
    record.status = authStatuses.revoked();
    this.sim.changed();
  }

  private accessToken(record: AuthOperationRecord): ApiSchema<'TokenInfo'> {
    const now = this.sim.clock.nowMs();
    const exp = Math.floor(now / 1000) + this.sim.config.accessTokenTtlSeconds;
    const token = this.sim.jwt.sign({
      'token-type': 'ContextToken',
      'operation-reference-number': record.referenceNumber,
      'context-identifier-type': record.context.type,
      'context-identifier-value': record.context.value,
      'authentication-method': record.method === 'Token' ? 'Token' : 'QualifiedSeal',
      'subject-details': JSON.stringify({ SubjectIdentifier: record.subject ?? null }),
      permissions: record.permissions,
      iat: Math.floor(now / 1000),
      exp,
      jti: randomUUID(),
    });
    return { token, validUntil: formatKsefDateTime(new Date(exp * 1000)) };
  }
}
