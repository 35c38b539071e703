import { createHash, type Hash } from 'node:crypto';
import { mkdtemp, open, rm, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createIncrementalEncryptor, type IncrementalEncryptor } from '../crypto/aes256Cbc.js';
import type { SymmetricKey } from '../crypto/SymmetricKey.js';
import type { BatchArchiveWriter } from './BatchArchiveWriter.js';
import type { BatchCompression, BatchPackage, BatchPackagePart } from './BatchPackage.js';
import { TarGzArchiveWriter } from './TarGzArchiveWriter.js';
import { ZipArchiveWriter } from './ZipArchiveWriter.js';

/** KSeF's largest part before encryption: 100 MB in SI units (`limity/limity.md`, ksef-api.md §10.3). */
export const maxBatchPartBytes = 100_000_000;

// The archive arrives in small pieces (a ZIP writes a 30-byte header, the name and the data of every
// invoice apart); ciphertext is gathered up to this many bytes per file write, since one write per
// piece made 10 000 invoices cost 50 000 writes.
const writeBufferBytes = 1_048_576;

/** Options of {@link BatchPackageBuilder}. */
export interface BatchPackageBuilderOptions {
  readonly compression: BatchCompression;
  readonly key: SymmetricKey;
  /** Largest part before encryption; default (and at most) 100 MB. */
  readonly partSizeBytes?: number;
  /** Where the temporary part files go; default the system's temporary directory. */
  readonly directory?: string;
  /** Timestamp written into the archive entries. */
  readonly modified: Date;
}

/** The part being written. */
interface OpenPart {
  readonly ordinalNumber: number;
  readonly path: string;
  readonly file: FileHandle;
  readonly encryptor: IncrementalEncryptor;
  readonly hash: Hash;
  plainBytes: number;
  encryptedBytes: number;
  /** Ciphertext not yet written to the file, at most about {@link writeBufferBytes}. */
  pending: Buffer[];
  pendingBytes: number;
}

/**
 * Builds a batch package as a stream (`sesja-wsadowa.md` §1–3): invoices are archived (ZIP or
 * TAR.GZ) one at a time; the archive's bytes are hashed whole and cut binarily into parts of at most
 * `partSizeBytes` before encryption; each part is encrypted on its own (AES-256-CBC, one key and IV
 * for all parts) straight into a temporary file while its ciphertext is hashed. Only one invoice and
 * one write buffer are in memory at any time.
 */
export class BatchPackageBuilder {
  readonly #options: BatchPackageBuilderOptions;
  readonly #partSize: number;
  readonly #archiveHash = createHash('sha256');
  readonly #parts: BatchPackagePart[] = [];
  #archiveBytes = 0;
  #writer: BatchArchiveWriter | undefined;
  #directory: string | undefined;
  #part: OpenPart | undefined;
  #files = 0;
  #done = false;

  constructor(options: BatchPackageBuilderOptions) {
    this.#options = options;
    this.#partSize = options.partSizeBytes ?? maxBatchPartBytes;
    if (!Number.isInteger(this.#partSize) || this.#partSize < 1 || this.#partSize > maxBatchPartBytes) {
      throw new RangeError(`A batch part holds 1 to ${maxBatchPartBytes} bytes before encryption, not ${this.#partSize}.`);
    }
  }

  /** Bytes of archive written so far (before encryption). */
  get archiveBytes(): number {
    return this.#archiveBytes;
  }

  /** Appends one invoice file to the archive. */
  async add(fileName: string, bytes: Uint8Array): Promise<void> {
    if (this.#done) throw new Error('The batch package is finished; start another for more invoices.');
    await this.#archive().add(fileName, bytes);
    this.#files++;
  }

  /** Ends the archive and the last part; the package's temporary files are the caller's to dispose. */
  async finish(): Promise<BatchPackage> {
    if (this.#done) throw new Error('The batch package is finished already.');
    await this.#archive().finish();
    await this.#endPart();
    this.#done = true;
    const directory = this.#directory;
    const dispose = async (): Promise<void> => {
      if (directory !== undefined) await rm(directory, { recursive: true, force: true });
    };
    return {
      compressionType: this.#options.compression,
      fileSize: this.#archiveBytes,
      fileHash: this.#archiveHash.digest('base64'),
      parts: [...this.#parts],
      key: this.#options.key,
      fileCount: this.#files,
      dispose,
      [Symbol.asyncDispose]: dispose,
    };
  }

  /** Abandons the package: closes the open part and deletes every temporary file. */
  async discard(): Promise<void> {
    this.#done = true;
    await this.#part?.file.close().catch(() => undefined);
    this.#part = undefined;
    if (this.#directory !== undefined) await rm(this.#directory, { recursive: true, force: true });
  }

  #archive(): BatchArchiveWriter {
    const sink = (chunk: Uint8Array): Promise<void> => this.#write(chunk);
    this.#writer ??= this.#options.compression === 'Zip' ? new ZipArchiveWriter(sink, this.#options.modified) : new TarGzArchiveWriter(sink, this.#options.modified);
    return this.#writer;
  }

  /** Archive bytes in: hashed whole, then cut at part boundaries and encrypted into the part files. */
  async #write(chunk: Uint8Array): Promise<void> {
    this.#archiveHash.update(chunk);
    this.#archiveBytes += chunk.length;
    let offset = 0;
    while (offset < chunk.length) {
      const part = this.#part ?? (await this.#startPart());
      const take = Math.min(this.#partSize - part.plainBytes, chunk.length - offset);
      await this.#encrypt(part, part.encryptor.update(chunk.subarray(offset, offset + take)));
      part.plainBytes += take;
      offset += take;
      if (part.plainBytes === this.#partSize) await this.#endPart();
    }
  }

  async #startPart(): Promise<OpenPart> {
    this.#directory ??= await mkdtemp(path.join(this.#options.directory ?? tmpdir(), 'ksef-batch-'));
    const ordinalNumber = this.#parts.length + 1;
    const partPath = path.join(this.#directory, `part-${ordinalNumber}.aes`);
    const part: OpenPart = {
      ordinalNumber,
      path: partPath,
      file: await open(partPath, 'w'),
      encryptor: createIncrementalEncryptor(this.#options.key),
      hash: createHash('sha256'),
      plainBytes: 0,
      encryptedBytes: 0,
      pending: [],
      pendingBytes: 0,
    };
    this.#part = part;
    return part;
  }

  async #endPart(): Promise<void> {
    const part = this.#part;
    if (part === undefined) return;
    this.#part = undefined;
    await this.#encrypt(part, part.encryptor.final());
    await this.#flush(part);
    await part.file.close();
    this.#parts.push({ ordinalNumber: part.ordinalNumber, path: part.path, fileSize: part.encryptedBytes, fileHash: part.hash.digest('base64') });
  }

  async #encrypt(part: OpenPart, ciphertext: Buffer): Promise<void> {
    if (ciphertext.length === 0) return;
    part.hash.update(ciphertext);
    part.encryptedBytes += ciphertext.length;
    part.pending.push(ciphertext);
    part.pendingBytes += ciphertext.length;
    if (part.pendingBytes >= writeBufferBytes) await this.#flush(part);
  }

  async #flush(part: OpenPart): Promise<void> {
    if (part.pendingBytes === 0) return;
    const bytes = part.pending.length === 1 ? part.pending[0] : Buffer.concat(part.pending, part.pendingBytes);
    part.pending = [];
    part.pendingBytes = 0;
    if (bytes !== undefined) await part.file.write(bytes);
  }
}
