/** One KSeF exception entry: `exceptionDetailList[]` (legacy) or `errors[]` (problem details). */
export interface KsefExceptionDetail {
  /** KSeF exception code, e.g. 21405 (input validation), 21470 (unknown public key). */
  readonly code: number;
  readonly description: string;
  readonly details: readonly string[];
}
