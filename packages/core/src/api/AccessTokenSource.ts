/** Supplies the access token for protected calls; implemented by the auth session. */
export interface AccessTokenSource {
  /** A currently valid access token (refreshed first when it is about to expire). */
  accessToken(signal?: AbortSignal): Promise<string>;
  /** Called once after KSeF answered 401 to `rejected`; returns a new token or throws. */
  renewAccessToken(rejected: string, signal?: AbortSignal): Promise<string>;
}
