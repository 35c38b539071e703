import type { KsefErrorCode } from './KsefErrorCode.js';
import type { KsefExceptionDetail } from './KsefExceptionDetail.js';
import type { Recovery } from './Recovery.js';

/** What a `KsefError` knows besides its message. */
export interface KsefErrorInit {
  readonly code: KsefErrorCode;
  readonly recovery: Recovery;
  /** The API operation that failed, e.g. `onlineSession.sendInvoice`. */
  readonly operation?: string;
  readonly httpStatus?: number;
  readonly exceptions?: readonly KsefExceptionDetail[];
  /** The reference of the object involved (session, invoice, auth operation), when known. */
  readonly referenceNumber?: string;
  /** KSeF's `traceId` (problem details) — quote it to KSeF support. */
  readonly traceId?: string;
  /** KSeF's `serviceCode` (legacy error body) — quote it to KSeF support. */
  readonly serviceCode?: string;
  /** The 403 `reasonCode`, e.g. `missing-permissions`. */
  readonly reasonCode?: string;
  /** How long KSeF asked us to wait (429 `Retry-After`), in milliseconds. */
  readonly retryAfterMs?: number;
  /** The next-step sentence the message ends with, so that a caller with its own advice can leave it out. */
  readonly advice?: string;
  readonly cause?: unknown;
}

/**
 * The one error root of ksef-connect. `code` is stable; `recovery` says whether to retry, skip the
 * item or stop. Messages say what happened and what happens next, and never contain tokens, keys or
 * invoice contents.
 */
export class KsefError extends Error {
  override readonly name = 'KsefError';
  readonly code: KsefErrorCode;
  readonly recovery: Recovery;
  readonly operation: string | undefined;
  readonly httpStatus: number | undefined;
  readonly exceptions: readonly KsefExceptionDetail[];
  readonly referenceNumber: string | undefined;
  readonly traceId: string | undefined;
  readonly serviceCode: string | undefined;
  readonly reasonCode: string | undefined;
  readonly retryAfterMs: number | undefined;
  /** The next-step sentence the message ends with (e.g. "Check the base URL (it must end in /v2)."), when it has one. */
  readonly advice: string | undefined;

  constructor(message: string, init: KsefErrorInit) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    this.recovery = init.recovery;
    this.operation = init.operation;
    this.httpStatus = init.httpStatus;
    this.exceptions = init.exceptions ?? [];
    this.referenceNumber = init.referenceNumber;
    this.traceId = init.traceId;
    this.serviceCode = init.serviceCode;
    this.reasonCode = init.reasonCode;
    this.retryAfterMs = init.retryAfterMs;
    this.advice = init.advice;
  }

  /** The message without its closing {@link advice}: what happened, for callers that say what to do themselves. */
  get fact(): string {
    return this.advice !== undefined && this.message.endsWith(this.advice) ? this.message.slice(0, -this.advice.length).trimEnd() : this.message;
  }

  /** The KSeF exception codes (e.g. `[21405]`), empty when KSeF sent none. */
  get exceptionCodes(): number[] {
    return this.exceptions.map((e) => e.code);
  }

  /** True when KSeF reported this exception code. */
  hasExceptionCode(code: number): boolean {
    return this.exceptions.some((e) => e.code === code);
  }
}

/** True when `error` is a `KsefError` (optionally with this code). */
export function isKsefError(error: unknown, code?: KsefErrorCode): error is KsefError {
  return error instanceof KsefError && (code === undefined || error.code === code);
}
