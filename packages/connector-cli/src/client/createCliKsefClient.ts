import { createKsefClient, nipContext, type AuthCredentials, type KsefClient, type Nip } from '@ksef-connect/core';
import type { KsefTarget } from '../args/connectionArguments.js';
import { describeWait } from '../send/describeWait.js';

/**
 * The KSeF client every `ksef` command that talks to KSeF uses: for `--env`/`--base-url` and the
 * `--nip` context, with no validation of its own (commands validate every file before the first
 * session opens, or send nothing), failing fast when someone is watching, and saying out loud every
 * KSeF warning and every rate-limit wait over 2 s.
 */
export function createCliKsefClient(target: KsefTarget, nip: Nip, credentials: AuthCredentials, progress: (line: string) => void): KsefClient {
  return createKsefClient({
    ...(target.baseUrl !== undefined ? { baseUrl: target.baseUrl, env: target.env } : { env: target.env }),
    context: nipContext(nip),
    credentials,
    validator: false,
    // An unreachable host should fail in seconds, not after the library's 30 s backoff ceiling.
    // 429s still wait for their Retry-After.
    retryPolicy: { maxDelayMs: 2_000 },
    onWarning: (warning) => progress(`KSeF warning (${warning.operation}): ${warning.code ? `[${warning.code}] ` : ''}${warning.message}`),
    // Never a silent stall.
    onWait: (wait) => progress(describeWait(wait)),
  });
}
