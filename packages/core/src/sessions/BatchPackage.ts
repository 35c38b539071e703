import type { SymmetricKey } from '../crypto/SymmetricKey.js';

/** KSeF's archive formats (open-api.json `CompressionType`). */
export type BatchCompression = 'Zip' | 'TarGz';

/** One encrypted part of a batch archive, in a temporary file until it is uploaded. */
export interface BatchPackagePart {
  /** 1-based, as declared in `fileParts`. */
  readonly ordinalNumber: number;
  /** The temporary file holding the encrypted bytes. */
  readonly path: string;
  /** Size of the encrypted part (`BatchFilePartInfo.fileSize`). */
  readonly fileSize: number;
  /** Base64 SHA-256 of the encrypted part (`BatchFilePartInfo.fileHash`). */
  readonly fileHash: string;
}

/**
 * A batch package ready to declare and upload (`sesja-wsadowa.md`): the archive's size and hash
 * (before encryption), its encrypted parts on disk, and the AES key they were encrypted with.
 * `dispose()` deletes the temporary files.
 */
export interface BatchPackage extends AsyncDisposable {
  readonly compressionType: BatchCompression;
  readonly fileSize: number;
  readonly fileHash: string;
  readonly parts: readonly BatchPackagePart[];
  readonly key: SymmetricKey;
  /** How many invoice files the archive holds. */
  readonly fileCount: number;
  dispose(): Promise<void>;
}
