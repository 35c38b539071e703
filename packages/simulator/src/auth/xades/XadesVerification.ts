/** Outcome of verifying a signed AuthTokenRequest: the signer's certificate or the KSeF error code. */
export type XadesVerification =
  | { readonly ok: true; readonly certificateDer: Buffer }
  | { readonly ok: false; readonly code: 9101 | 9102 | 9103 | 9105 | 21001 | 21115; readonly detail: string };
