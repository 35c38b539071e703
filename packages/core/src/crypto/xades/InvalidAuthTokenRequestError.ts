/** The AuthTokenRequest we built does not match the v2-1 auth XSD (bad challenge, identifier, IP, …); nothing was signed or sent. */
export class InvalidAuthTokenRequestError extends Error {
  override readonly name = 'InvalidAuthTokenRequestError';

  constructor(readonly problems: readonly string[]) {
    super(`The AuthTokenRequest does not match the KSeF auth schema (schemat_auth_v2-1.xsd): ${problems.join('; ')}`);
  }
}
