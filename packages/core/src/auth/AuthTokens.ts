/** A JWT and when it stops working. The token is a secret: never log it. */
export interface BearerToken {
  readonly token: string;
  readonly validUntil: Date;
}

/** The outcome of a completed authentication. */
export interface AuthTokens {
  /** The authentication operation (`…-AU-…`), shown in KSeF's list of active logins. */
  readonly referenceNumber: string;
  readonly accessToken: BearerToken;
  readonly refreshToken: BearerToken;
}
