import { once } from 'node:events';
import { createGzip, type Gzip } from 'node:zlib';
import type { ArchiveSink, BatchArchiveWriter } from './BatchArchiveWriter.js';

const block = 512;

/**
 * A streaming TAR.GZ writer (POSIX ustar, gzip over the whole stream — KSeF's `TarGz`, which
 * ksef-api.md §5.1 recommends for large packages because the whole stream is compressed). Each
 * file is written as a 512-byte header, its bytes and zero padding; two zero blocks end the archive.
 */
export class TarGzArchiveWriter implements BatchArchiveWriter {
  readonly #sink: ArchiveSink;
  readonly #gzip: Gzip;
  readonly #mtime: number;
  #pending: Buffer[] = [];

  constructor(sink: ArchiveSink, modified: Date) {
    this.#sink = sink;
    this.#mtime = Math.floor(modified.getTime() / 1000);
    this.#gzip = createGzip();
    this.#gzip.on('data', (chunk: Buffer) => this.#pending.push(chunk));
  }

  async add(fileName: string, bytes: Uint8Array): Promise<void> {
    await this.#push(ustarHeader(fileName, bytes.length, this.#mtime));
    await this.#push(bytes);
    const padding = (block - (bytes.length % block)) % block;
    if (padding > 0) await this.#push(Buffer.alloc(padding));
  }

  async finish(): Promise<void> {
    await this.#push(Buffer.alloc(2 * block));
    const ended = once(this.#gzip, 'end');
    this.#gzip.end();
    await ended;
    await this.#drain();
  }

  /** Feeds zlib, then hands what it produced so far to the sink. */
  async #push(bytes: Uint8Array): Promise<void> {
    await new Promise<void>((resolve, reject) => this.#gzip.write(bytes, (error) => (error ? reject(error) : resolve())));
    await this.#drain();
  }

  async #drain(): Promise<void> {
    const chunks = this.#pending;
    this.#pending = [];
    for (const chunk of chunks) await this.#sink(chunk);
  }
}

/** A ustar header; names over 100 bytes use the 155-byte prefix field, split at a slash. */
function ustarHeader(fileName: string, size: number, mtime: number): Buffer {
  const header = Buffer.alloc(block);
  const name = Buffer.from(fileName, 'utf8');
  let prefix = Buffer.alloc(0);
  let base = name;
  if (name.length > 100) {
    const slash = fileName.lastIndexOf('/', 155);
    if (slash <= 0 || Buffer.byteLength(fileName.slice(slash + 1)) > 100) throw new Error(`The file name ${fileName} is too long for a tar archive.`);
    prefix = Buffer.from(fileName.slice(0, slash), 'utf8');
    base = Buffer.from(fileName.slice(slash + 1), 'utf8');
  }
  base.copy(header, 0);
  header.write('0000644\0', 100, 'ascii'); // mode
  header.write('0000000\0', 108, 'ascii'); // uid
  header.write('0000000\0', 116, 'ascii'); // gid
  header.write(`${size.toString(8).padStart(11, '0')}\0`, 124, 'ascii');
  header.write(`${mtime.toString(8).padStart(11, '0')}\0`, 136, 'ascii');
  header.write('        ', 148, 'ascii'); // checksum counts as spaces while summing
  header.write('0', 156, 'ascii'); // regular file
  header.write('ustar\0', 257, 'ascii');
  header.write('00', 263, 'ascii');
  prefix.copy(header, 345);
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return header;
}
