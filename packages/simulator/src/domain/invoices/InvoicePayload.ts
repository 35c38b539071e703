import { aes256CbcDecrypt } from '../crypto/aesCbc.js';
import { sha256Base64 } from '../crypto/sha256Base64.js';
import type { SessionKey } from '../crypto/SessionEncryption.js';

/** What the client declared about one online invoice (open-api.json `SendInvoiceRequest`). */
export interface DeclaredInvoicePayload {
  readonly invoiceHash: string;
  readonly invoiceSize: number;
  readonly encryptedInvoiceHash: string;
  readonly encryptedInvoiceSize: number;
}

/** Why a payload was refused, and what KSeF answers for it. */
export type InvoicePayloadProblem =
  /** Ciphertext length ≠ `encryptedInvoiceSize` → sync 400 21402. */
  | { readonly kind: 'encryptedSizeMismatch'; readonly exceptionCode: 21402; readonly detail: string }
  /** SHA-256 of the ciphertext ≠ `encryptedInvoiceHash` → sync 400 21403. */
  | { readonly kind: 'encryptedHashMismatch'; readonly exceptionCode: 21403; readonly detail: string }
  /** Plaintext length ≠ `invoiceSize` → 21402. */
  | { readonly kind: 'sizeMismatch'; readonly exceptionCode: 21402; readonly detail: string }
  /** SHA-256 of the plaintext ≠ `invoiceHash` → 21403. */
  | { readonly kind: 'hashMismatch'; readonly exceptionCode: 21403; readonly detail: string }
  /** AES padding did not verify → invoice status 435 "Błąd odszyfrowania pliku". */
  | { readonly kind: 'decryptionFailed'; readonly invoiceStatusCode: 435; readonly detail: string };

/** The plaintext invoice, or the first problem found. */
export type InvoicePayloadResult =
  | { readonly ok: true; readonly plaintext: Buffer; readonly invoiceHash: string }
  | { readonly ok: false; readonly problem: InvoicePayloadProblem };

/**
 * Checks the ciphertext against its declared size and hash, decrypts it (AES-256-CBC/PKCS#7, session
 * key and IV, no IV prefix) and checks the plaintext against `invoiceSize`/`invoiceHash`
 * (`faktury/weryfikacja-faktury.md` "Zgodność metadanych faktury w sesji interaktywnej").
 */
export function openInvoicePayload(encrypted: Uint8Array, declared: DeclaredInvoicePayload, sessionKey: SessionKey): InvoicePayloadResult {
  if (encrypted.length !== declared.encryptedInvoiceSize) {
    return fail({ kind: 'encryptedSizeMismatch', exceptionCode: 21402, detail: `Zadeklarowany rozmiar zaszyfrowanej faktury (${declared.encryptedInvoiceSize}) nie zgadza się z rzeczywistym (${encrypted.length}).` });
  }
  if (sha256Base64(encrypted) !== declared.encryptedInvoiceHash) {
    return fail({ kind: 'encryptedHashMismatch', exceptionCode: 21403, detail: 'Skrót zaszyfrowanej faktury nie zgadza się z zadeklarowanym.' });
  }
  const decrypted = aes256CbcDecrypt(sessionKey.key, sessionKey.iv, encrypted);
  if (!decrypted.ok) {
    return fail({ kind: 'decryptionFailed', invoiceStatusCode: 435, detail: 'Nie udało się odszyfrować faktury kluczem sesji.' });
  }
  if (decrypted.plaintext.length !== declared.invoiceSize) {
    return fail({ kind: 'sizeMismatch', exceptionCode: 21402, detail: `Zadeklarowany rozmiar faktury (${declared.invoiceSize}) nie zgadza się z rzeczywistym (${decrypted.plaintext.length}).` });
  }
  const invoiceHash = sha256Base64(decrypted.plaintext);
  if (invoiceHash !== declared.invoiceHash) {
    return fail({ kind: 'hashMismatch', exceptionCode: 21403, detail: 'Skrót faktury nie zgadza się z zadeklarowanym.' });
  }
  return { ok: true, plaintext: decrypted.plaintext, invoiceHash };
}

function fail(problem: InvoicePayloadProblem): InvoicePayloadResult {
  return { ok: false, problem };
}
