/** One entry of `exceptionDetailList` / problem-details `errors` (open-api.json `ExceptionDetails`, `ApiError`). */
export interface ApiErrorDetail {
  readonly code: number;
  readonly description: string;
  readonly details?: readonly string[];
}

/**
 * An error a route handler throws to answer with a documented KSeF error. 400 carries exception codes;
 * 401/403/410 are always Problem Details; 429 carries `Retry-After` (ksef-api.md §13).
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly errors: readonly ApiErrorDetail[],
    /** Problem-details `detail` (401/403/429) — the human sentence. */
    readonly detail: string,
    readonly extra: { readonly retryAfterSeconds?: number; readonly reasonCode?: string; readonly security?: Record<string, unknown> } = {},
  ) {
    super(`${status} ${errors.map((e) => e.code).join(',') || detail}`);
  }

  /** 400 with one exception code, the shape "not found" also takes in KSeF (21173, 21164, 21178, 21304…). */
  static badRequest(code: number, description: string, details?: readonly string[]): ApiError {
    return new ApiError(400, [{ code, description, ...(details === undefined ? {} : { details }) }], 'Żądanie jest nieprawidłowe.');
  }

  /** 21405 "Błąd walidacji danych wejściowych." with the validator text in details. */
  static validation(...details: string[]): ApiError {
    return ApiError.badRequest(21405, 'Błąd walidacji danych wejściowych.', details);
  }

  static unauthorized(detail = 'Wymagane jest uwierzytelnienie.'): ApiError {
    return new ApiError(401, [], detail);
  }

  static forbidden(reasonCode: string, detail: string, security?: Record<string, unknown>): ApiError {
    return new ApiError(403, [], detail, { reasonCode, ...(security === undefined ? {} : { security }) });
  }

  static tooManyRequests(retryAfterSeconds: number, detail: string): ApiError {
    return new ApiError(429, [], detail, { retryAfterSeconds });
  }
}
