import { CredentialsError, isKsefError, type KsefError } from '@ksef-connect/core';
import type { FatalErrorReport } from '../send/describeFatalError.js';

/** What a look-up was after, for naming it in the message. */
export interface LookupTarget {
  /** The API base URL the command talked to. */
  readonly baseUrl: string;
  readonly nip: string;
  readonly session: string;
  /** The KSeF number of `ksef upo`, when that is what was asked for. */
  readonly ksefNumber?: string;
}

// "Not found" in KSeF 2.0 is a 400 with an exception code (open-api.json documents no 404 for these
// routes): 21173 no such session, 21164 no such invoice, 21178 no UPO for the criteria.
const noSession = 21173;
const noInvoiceOrUpo = new Set([21164, 21178]);

/**
 * Explains an error that stopped `ksef status` or `ksef upo` (exit code 1): what happened and what
 * to check, naming the session, the NIP and the address. Nothing is ever sent by these commands, so
 * running them again is always safe.
 */
export function describeLookupError(cause: unknown, target: LookupTarget): FatalErrorReport {
  if (cause instanceof CredentialsError) return { code: cause.code, message: `${cause.message} Check the certificate, key and passphrase options.` };
  if (!isKsefError(cause)) return { code: 'internal', message: `Unexpected error: ${cause instanceof Error ? cause.message : String(cause)}.` };
  // The first call of a run fetches the public keys; an unreachable host shows up wrapped in that.
  const error = cause.code === 'publicKey.unavailable' && isKsefError(cause.cause) && cause.cause.code.startsWith('network.') ? cause.cause : cause;
  const codes = error.exceptionCodes;
  if (codes.includes(noSession)) {
    return {
      code: 'session.notFound',
      message: `KSeF at ${target.baseUrl} has no session ${target.session} for NIP ${target.nip}. Check the reference (as \`ksef send\` printed it), --nip (the session's context NIP) and --env/--base-url (where it was sent).`,
    };
  }
  if (target.ksefNumber !== undefined && (codes.some((c) => noInvoiceOrUpo.has(c)) || error.httpStatus === 404)) {
    return {
      code: 'upo.notFound',
      message: `session ${target.session} has no invoice with KSeF number ${target.ksefNumber}: check both with \`ksef status --session ${target.session}\`.`,
    };
  }
  return { code: error.code, message: advice(error, target.baseUrl) };
}

function advice(error: KsefError, baseUrl: string): string {
  const trace = error.traceId !== undefined ? ` (KSeF traceId ${error.traceId})` : error.serviceCode !== undefined ? ` (KSeF serviceCode ${error.serviceCode})` : '';
  const message = `${error.message}${trace}`;
  switch (error.code) {
    case 'network.notSent':
    case 'network.timeout':
    case 'network.responseLost':
      return `Cannot reach KSeF at ${baseUrl}: ${message} Check the address (--env/--base-url), your network or proxy, and KSeF's availability, then run the command again.`;
    case 'publicKey.unavailable':
      return `Cannot get KSeF's public keys from ${baseUrl}: ${message} Check the address (--env/--base-url) and your network, then run the command again.`;
    case 'auth.failed':
    case 'auth.timeout':
    case 'http.unauthorized':
      return `Authentication failed: ${message} Check --nip and the token or certificate (is it for this environment and this NIP, still active?), then run the command again.`;
    case 'http.forbidden':
      // open-api.json: reading a session needs InvoiceWrite, Introspection, PefInvoiceWrite or EnforcementOperations.
      return `KSeF refused the request: ${message} The token or certificate needs InvoiceWrite or Introspection for this NIP to read its sessions.`;
    case 'http.tooManyRequests':
      return `KSeF's rate limit was hit: ${message} Wait a few minutes and run the command again.`;
    default:
      return message;
  }
}
