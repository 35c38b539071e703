import { certificateSubjectNip, type Nip } from '@ksef-connect/core';
import type { FatalErrorReport } from './describeFatalError.js';
import type { LoadedCredentials } from './loadAuthCredentials.js';

// The token's shape in the spec example (`tokeny-ksef.md`, ksef-api.md §3): reference, the context
// it was issued in, then the secret part. Treated as opaque otherwise: a token in another shape, or
// for another kind of context (internalId, nipVatUe), is left to KSeF to judge.
const ksefTokenNipContext = /^[^|]+\|nip-(\d{10})\|[^|]+$/;

/**
 * Compares the NIP the credentials name with `--nip` before anything is sent. A KSeF token only
 * ever opens the context it was issued in ("do którego daje dostęp", open-api.json
 * `TokenStatusResponse.contextIdentifier`), so a token for another NIP is an error: the returned
 * report (exit 1). A certificate is different: KSeF checks whether its subject holds a permission
 * in the chosen context (`uwierzytelnianie.md`), so a seal or person with another NIP may
 * legitimately act for `--nip` (e.g. an accounting office) — that gets a note via `progress`, in
 * case authentication then fails. A certificate naming no NIP (PESEL, fingerprint) is not checked.
 * The token itself is never quoted.
 */
export async function checkCredentialsNip(loaded: LoadedCredentials, nip: Nip, progress: (line: string) => void): Promise<FatalErrorReport | undefined> {
  const { credentials } = loaded;
  if ('ksefToken' in credentials) {
    const issuedFor = ksefTokenNipContext.exec(credentials.ksefToken.trim())?.[1];
    if (issuedFor === undefined || issuedFor === nip) return undefined;
    return {
      code: 'credentials.nipMismatch',
      message: `The KSeF token from ${loaded.source} was issued for NIP ${issuedFor}; --nip says ${nip}: pass the NIP the token belongs to (--nip ${issuedFor}), or a token issued for ${nip}. Nothing was sent.`,
    };
  }
  if (loaded.certificatePem === undefined) return undefined;
  const subject = await certificateSubjectNip(loaded.certificatePem);
  if (subject === undefined || subject.nip === nip) return undefined;
  progress(
    `Note: the certificate in ${loaded.source} names NIP ${subject.nip} (${subject.attribute}); --nip says ${nip}. ` +
      `KSeF lets it act for ${nip} only if ${subject.nip} holds a permission there; if authentication fails, pass the NIP the certificate belongs to (--nip ${subject.nip}).`,
  );
  return undefined;
}
