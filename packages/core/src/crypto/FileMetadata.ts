import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

/**
 * SHA-256 (Base64) and byte length of a document, as KSeF wants them for each invoice (`invoiceHash`,
 * `invoiceSize`, and the same for the ciphertext), each batch archive and part (`fileHash`,
 * `fileSize`). Field names follow the official clients' `FileMetadata`.
 */
export interface FileMetadata {
  /** Base64 of the SHA-256 of the exact bytes (44 characters). */
  readonly hashSHA: string;
  /** The number of bytes. */
  readonly fileSize: number;
}

/** Hash and size of bytes held in memory. */
export function fileMetadata(bytes: Uint8Array): FileMetadata {
  return { hashSHA: createHash('sha256').update(bytes).digest('base64'), fileSize: bytes.length };
}

/** Hash and size of a stream (e.g. a `Readable` of a multi-GB batch archive), read to its end. */
export async function fileMetadataOfStream(source: AsyncIterable<Uint8Array>): Promise<FileMetadata> {
  const hash = createHash('sha256');
  let fileSize = 0;
  for await (const chunk of source) {
    hash.update(chunk);
    fileSize += chunk.length;
  }
  return { hashSHA: hash.digest('base64'), fileSize };
}

/**
 * A pass-through stream that measures what flows through it, so a batch part can be encrypted,
 * hashed and written in one pass. Read `metadata()` after the stream has finished.
 */
export class FileMetadataTap extends Transform {
  readonly #hash: Hash = createHash('sha256');
  #size = 0;
  #result: FileMetadata | undefined;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.#hash.update(chunk);
    this.#size += chunk.length;
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    this.#result = { hashSHA: this.#hash.digest('base64'), fileSize: this.#size };
    callback();
  }

  /** Hash and size of everything that passed; throws if the stream has not ended yet. */
  metadata(): FileMetadata {
    if (!this.#result) throw new Error('FileMetadataTap: the stream has not ended yet');
    return this.#result;
  }
}
