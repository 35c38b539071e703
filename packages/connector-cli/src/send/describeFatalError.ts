import { CredentialsError, isKsefError, type KsefError } from '@ksef-connect/core';
import { UsageError } from '../CliCommand.js';
import type { InvoiceReport, SendReport } from './SendReport.js';

/** The `{"error": {code, message}}` of a run that could not start or was cut short (exit code 1). */
export interface FatalErrorReport {
  readonly code: string;
  readonly message: string;
}

/**
 * Explains an error that stopped `ksef send`: what happened and what to do. When invoices had
 * already been sent, it says that running the same command again is safe — KSeF reports each of
 * them as a duplicate (440) naming its original KSeF number instead of taking it twice.
 */
export function describeFatalError(cause: unknown, target: string, report?: SendReport): FatalErrorReport {
  // Files KSeF took (an invoice reference) or may have taken (sent, reference unknown).
  const sent = (report?.invoices ?? []).filter((i) => i.outcome === 'unknown' || i.outcome === 'accepted' || i.outcome === 'alreadyInKsef' || (i.outcome === 'rejected' && i.sessionReferenceNumber !== null));
  const base = describeCause(cause, target);
  if (sent.length === 0) return { code: base.code, message: `${base.message} Nothing was sent.` };
  const taken = sent.filter((i) => i.referenceNumber !== null);
  const unknown = sent.filter((i) => i.referenceNumber === null);
  const list = (items: readonly InvoiceReport[]): string => items.map((i) => `${i.file} (session ${i.sessionReferenceNumber ?? '?'})`).join(', ');
  return {
    code: base.code,
    message:
      `${base.message}` +
      (taken.length > 0 ? ` ${taken.length} invoice(s) had already been sent: ${list(taken)}.` : '') +
      (unknown.length > 0 ? ` ${unknown.length} invoice(s) may have reached KSeF (the response was lost): ${list(unknown)}.` : '') +
      ' Running the same command again is safe: each invoice KSeF already has is reported as alreadyInKsef with its KSeF number, never registered twice.',
  };
}

function describeCause(cause: unknown, target: string): FatalErrorReport {
  if (cause instanceof UsageError) return { code: 'usage', message: cause.message };
  if (cause instanceof CredentialsError) return { code: cause.code, message: `${cause.message} Check the certificate, key and passphrase options.` };
  if (isKsefError(cause)) {
    // The first call of a run fetches the public keys: what stopped that fetch (an unreachable
    // host, a 404 from a wrong base URL) is the thing to explain, not the missing key.
    const inner = cause.code === 'publicKey.unavailable' && isKsefError(cause.cause) ? cause.cause : cause;
    return { code: inner.code, message: ksefAdvice(inner, target) };
  }
  return { code: 'internal', message: `Unexpected error: ${cause instanceof Error ? cause.message : String(cause)}.` };
}

/**
 * What happened and what to do, each said once: where the CLI gives its own advice (naming its
 * options), the core's generic next step (`KsefError.advice`) is left out of the message, and
 * KSeF's traceId is added only when the message does not already carry it.
 */
function ksefAdvice(error: KsefError, target: string): string {
  const id = error.traceId !== undefined ? `traceId ${error.traceId}` : error.serviceCode !== undefined ? `serviceCode ${error.serviceCode}` : undefined;
  const traced = (text: string): string => (id === undefined || text.includes(id) ? text : `${text} (KSeF ${id})`);
  const check = 'Check the address (--env/--base-url), your network or proxy, and KSeF\'s availability, then run the command again.';
  switch (error.code) {
    case 'network.notSent':
      return `Cannot reach KSeF at ${target}: the connection failed (${lowLevelCode(error) ?? 'no answer'}). ${check}`;
    case 'network.timeout':
      return `KSeF at ${target} did not answer ${error.operation ?? 'a request'} in time. ${check}`;
    case 'network.responseLost':
      return `The connection to KSeF at ${target} broke during ${error.operation ?? 'a request'} (${lowLevelCode(error) ?? 'no answer'}). ${check}`;
    case 'http.notFound':
      // Every operation of a run exists at a KSeF 2.0 base URL: a 404 means the address is not one.
      return traced(`${target} answered ${error.operation ?? 'a request'} with HTTP 404 (not found): there is no KSeF 2.0 API at this address.`) +
        ' Check --base-url: it is the API base, ending in /v2 (e.g. http://127.0.0.1:8080/v2); or use --env.';
    case 'publicKey.unavailable':
      // Reached only when the list came but holds no usable key (a failed fetch is unwrapped above).
      return `KSeF at ${target} lists no currently valid Ministry of Finance public key to encrypt with. Check the address (--env/--base-url), then run the command again.`;
    case 'auth.failed':
    case 'auth.timeout':
      return `${traced(error.fact)} Check --nip and the token or certificate (is it for this environment and this NIP, still active?), then run the command again.`;
    case 'http.unauthorized':
      return `Authentication failed: ${traced(error.fact)} Check --nip and the token or certificate (is it for this environment and this NIP, still active?), then run the command again.`;
    case 'http.forbidden':
      return `KSeF refused the request: ${traced(error.fact)} The token or certificate lacks a permission for this NIP (sending needs InvoiceWrite).`;
    case 'http.tooManyRequests':
      return `KSeF's rate limit was hit: ${traced(error.fact)} Wait a few minutes and run the command again.`;
    default:
      return traced(error.message);
  }
}

/** The system error code (ECONNREFUSED, ENOTFOUND, …) under a network error, if any. */
function lowLevelCode(error: KsefError): string | undefined {
  for (let current: unknown = error.cause, depth = 0; typeof current === 'object' && current !== null && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
