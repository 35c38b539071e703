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
    // The first call of a run fetches the public keys; an unreachable host shows up wrapped in that.
    const inner = cause.code === 'publicKey.unavailable' && isKsefError(cause.cause) && cause.cause.code.startsWith('network.') ? cause.cause : cause;
    return { code: inner.code, message: ksefAdvice(inner, target) };
  }
  return { code: 'internal', message: `Unexpected error: ${cause instanceof Error ? cause.message : String(cause)}.` };
}

function ksefAdvice(error: KsefError, target: string): string {
  const trace = error.traceId !== undefined ? ` (KSeF traceId ${error.traceId})` : error.serviceCode !== undefined ? ` (KSeF serviceCode ${error.serviceCode})` : '';
  const message = `${error.message}${trace}`;
  switch (error.code) {
    case 'network.notSent':
    case 'network.timeout':
    case 'network.responseLost':
      return `Cannot reach KSeF at ${target}: ${message} Check the address (--env/--base-url), your network or proxy, and KSeF's availability, then run the command again.`;
    case 'publicKey.unavailable':
      return `Cannot get KSeF's public keys from ${target}: ${message} Check the address (--env/--base-url) and your network, then run the command again.`;
    case 'auth.failed':
    case 'auth.timeout':
    case 'http.unauthorized':
      return `Authentication failed: ${message} Check --nip and the token or certificate (is it for this environment and this NIP, still active?), then run the command again.`;
    case 'http.forbidden':
      return `KSeF refused the request: ${message} The token or certificate lacks a permission for this NIP (sending needs InvoiceWrite).`;
    case 'http.tooManyRequests':
      return `KSeF's rate limit was hit: ${message} Wait a few minutes and run the command again.`;
    default:
      return message;
  }
}
