import { gunzipSync, unzipSync } from 'fflate';
import { aes256CbcDecrypt } from '../crypto/aesCbc.js';
import type { SessionKey } from '../crypto/SessionEncryption.js';
import { sha256Base64 } from '../crypto/sha256Base64.js';
import { batchSessionStatus, sessionCancelledDetails, type SessionStatus } from '../sessions/SessionStatus.js';
import { tarEntries } from './tarEntries.js';

/** One declared part (open-api.json `BatchFilePartInfo`): size and hash of the *encrypted* part. */
export interface BatchFilePart {
  readonly ordinalNumber: number;
  readonly fileSize: number;
  readonly fileHash: string;
}

/** The declared package (open-api.json `BatchFileInfo`): size and hash of the whole *unencrypted* archive. */
export interface BatchFileDeclaration {
  readonly fileSize: number;
  readonly fileHash: string;
  readonly compressionType?: 'Zip' | 'TarGz' | null;
  readonly fileParts: readonly BatchFilePart[];
}

/** An exception entry for a synchronous 400 (`exceptionDetailList` item). */
export interface BatchException {
  readonly code: number;
  readonly description: string;
  readonly details: string[];
}

/** One invoice file found in the archive. */
export interface BatchInvoiceFile {
  readonly fileName: string;
  readonly bytes: Uint8Array;
}

/** The outcome of unpacking: the invoice files, or the session status the package fails with. */
export type BatchUnpackResult =
  | { readonly ok: true; readonly files: BatchInvoiceFile[] }
  | { readonly ok: false; readonly status: SessionStatus };

/** Package limits (`faktury/weryfikacja-faktury.md` "Ograniczenia ilościowe"; ksef-api.md §10.3). */
export const batchLimits = {
  maxParts: 50,
  /** Per part, before encryption. */
  maxPartSize: 100_000_000,
  maxArchiveSize: 5_000_000_000,
  maxInvoices: 10_000,
  /** Upload window per declared part (`sesja-wsadowa.md`: parts × 20 min). */
  uploadWindowPerPartMs: 20 * 60_000,
} as const;

const descriptions = {
  21157: 'Nieprawidłowy rozmiar części pakietu.',
  21161: 'Przekroczono dozwoloną liczbę części pakietu.',
  21205: 'Pakiet nie może być pusty.',
  21405: 'Błąd walidacji danych wejściowych.',
} as const;

function exception(code: keyof typeof descriptions, detail: string): BatchException {
  return { code, description: descriptions[code], details: [detail] };
}

/**
 * Checks a `POST /sessions/batch` declaration: 1..50 parts (21161), ordinal numbers 1..n once each
 * (21405), parts no bigger than 100 MB plus one AES block of padding (21157), archive ≤ 5 GB (21405).
 * Returns the first problem, or `undefined`.
 */
export function checkBatchDeclaration(declaration: BatchFileDeclaration): BatchException | undefined {
  const parts = declaration.fileParts;
  if (parts.length > batchLimits.maxParts) return exception(21161, `Liczba części pakietu (${parts.length}) przekracza dozwoloną liczbę ${batchLimits.maxParts}.`);
  if (parts.length === 0) return exception(21405, 'Pakiet musi zawierać co najmniej jedną część.');
  const ordinals = new Set(parts.map((p) => p.ordinalNumber));
  const expected = parts.map((_, i) => i + 1);
  if (ordinals.size !== parts.length || !expected.every((n) => ordinals.has(n))) {
    return exception(21405, 'Numery części pakietu muszą być kolejnymi liczbami od 1 i nie mogą się powtarzać.');
  }
  for (const part of parts) {
    // Declared sizes are of encrypted parts: the 100 MB limit applies before encryption, and PKCS#7 adds 1..16 bytes.
    if (part.fileSize > batchLimits.maxPartSize + 16) return exception(21157, `Rozmiar części ${part.ordinalNumber} przekroczył dozwolony rozmiar 100MB`);
  }
  if (declaration.fileSize > batchLimits.maxArchiveSize) return exception(21405, 'Rozmiar pliku paczki przekracza dozwolone 5GB.');
  return undefined;
}

/** When the upload window of a session opened at `openedAtMs` with `partCount` parts closes (`sesja-wsadowa.md`). */
export function uploadWindowEndsAt(openedAtMs: number, partCount: number): number {
  return openedAtMs + partCount * batchLimits.uploadWindowPerPartMs;
}

/**
 * Checks, at close, that every declared part was uploaded (21205) with the declared size (21157),
 * with the texts of open-api.json's close table.
 */
export function checkUploadedParts(declaration: BatchFileDeclaration, uploadedSizes: ReadonlyMap<number, number>): BatchException | undefined {
  for (const part of declaration.fileParts) {
    const size = uploadedSizes.get(part.ordinalNumber);
    if (size === undefined) return exception(21205, `Nie przesłano zadeklarowanej '${part.ordinalNumber}' części pliku.`);
    if (size !== part.fileSize) return exception(21157, `Zadeklarowany rozmiar części '${part.ordinalNumber}' nie zgadza się z rzeczywistym.`);
  }
  return undefined;
}

/**
 * Turns the uploaded parts into invoice files, in the order of ksef-api.md §14.25: session key (415),
 * each encrypted part's size and hash (405), each part decrypted on its own (435), the archive's size
 * and hash (405), decompression as Zip or TarGz (430), then the file count: none → 440, more than
 * `maxInvoices` → 420. The whole package is held in memory — fine for a test server.
 */
export function unpackBatch(input: {
  readonly declaration: BatchFileDeclaration;
  readonly parts: ReadonlyMap<number, Uint8Array>;
  /** Undefined when the wrapped key did not decrypt. */
  readonly sessionKey: SessionKey | undefined;
  readonly maxInvoices?: number;
}): BatchUnpackResult {
  const { declaration, sessionKey } = input;
  if (!sessionKey) return { ok: false, status: batchSessionStatus(415) };
  const ordered = [...declaration.fileParts].sort((a, b) => a.ordinalNumber - b.ordinalNumber);
  for (const part of ordered) {
    const bytes = input.parts.get(part.ordinalNumber);
    if (!bytes || bytes.length !== part.fileSize || sha256Base64(bytes) !== part.fileHash) {
      return { ok: false, status: batchSessionStatus(405, [`Część ${part.ordinalNumber} pakietu nie zgadza się z zadeklarowanym rozmiarem lub skrótem.`]) };
    }
  }
  const plainParts: Uint8Array[] = [];
  for (const part of ordered) {
    const decrypted = aes256CbcDecrypt(sessionKey.key, sessionKey.iv, input.parts.get(part.ordinalNumber) ?? new Uint8Array());
    if (!decrypted.ok) return { ok: false, status: batchSessionStatus(435, [`Nie udało się odszyfrować części ${part.ordinalNumber} pakietu.`]) };
    plainParts.push(decrypted.plaintext);
  }
  const archive = Buffer.concat(plainParts);
  if (archive.length !== declaration.fileSize || sha256Base64(archive) !== declaration.fileHash) {
    return { ok: false, status: batchSessionStatus(405, ['Rozmiar lub skrót pliku paczki nie zgadza się z zadeklarowanym.']) };
  }
  let files: BatchInvoiceFile[];
  try {
    files = declaration.compressionType === 'TarGz' ? tarEntries(gunzipSync(archive)).map((e) => ({ fileName: e.name, bytes: e.bytes })) : zipFiles(archive);
  } catch (error) {
    return { ok: false, status: batchSessionStatus(430, [error instanceof Error ? error.message : String(error)]) };
  }
  if (files.length === 0) return { ok: false, status: batchSessionStatus(440, [sessionCancelledDetails.noInvoices]) };
  const maxInvoices = input.maxInvoices ?? batchLimits.maxInvoices;
  if (files.length > maxInvoices) {
    return { ok: false, status: batchSessionStatus(420, [`Liczba faktur w paczce (${files.length}) przekracza limit ${maxInvoices}.`]) };
  }
  return { ok: true, files };
}

function zipFiles(archive: Uint8Array): BatchInvoiceFile[] {
  const entries = unzipSync(archive);
  return Object.entries(entries)
    .filter(([name]) => !name.endsWith('/'))
    .map(([fileName, bytes]) => ({ fileName, bytes }));
}
