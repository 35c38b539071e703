import { crc32, deflateRawSync } from 'node:zlib';
import type { ArchiveSink, BatchArchiveWriter } from './BatchArchiveWriter.js';

/** Where the central directory needs each file. */
interface CentralEntry {
  // The name as a string, encoded again at the end: a small Buffer is a slice of Node's shared 8 KB
  // pool and would keep that whole pool (with invoice bytes in it) alive until the archive ends.
  readonly fileName: string;
  readonly nameLength: number;
  readonly crc: number;
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly offset: number;
}

// Without ZIP64 a ZIP holds at most 65 535 files and offsets below 4 GiB; the batch planner keeps
// each package within both (KSeF's own limits are 10 000 invoices and 5 GB).
/** The largest ZIP this writer produces: offsets and sizes are 32-bit (no ZIP64). */
export const maxZipBytes = 0xffff_ffff;
/** The most files this writer puts in one ZIP (16-bit count, no ZIP64). */
export const maxZipFiles = 0xffff;

const utf8Flag = 0x0800;
const deflated = 8;
const stored = 0;

/**
 * A minimal streaming ZIP writer (PKWARE APPNOTE 6.3: local headers, central directory, end record):
 * each invoice is deflated on its own (kept stored when that is not smaller) and written at once,
 * so only one invoice is in memory. Names are UTF-8 (flag bit 11).
 */
export class ZipArchiveWriter implements BatchArchiveWriter {
  readonly #sink: ArchiveSink;
  readonly #entries: CentralEntry[] = [];
  readonly #dosTime: number;
  readonly #dosDate: number;
  #offset = 0;

  constructor(sink: ArchiveSink, modified: Date) {
    this.#sink = sink;
    this.#dosTime = (modified.getUTCHours() << 11) | (modified.getUTCMinutes() << 5) | Math.floor(modified.getUTCSeconds() / 2);
    this.#dosDate = ((Math.max(1980, modified.getUTCFullYear()) - 1980) << 9) | ((modified.getUTCMonth() + 1) << 5) | modified.getUTCDate();
  }

  async add(fileName: string, bytes: Uint8Array): Promise<void> {
    if (this.#entries.length >= maxZipFiles) throw new Error(`A ZIP without ZIP64 holds at most ${maxZipFiles} files.`);
    const name = Buffer.from(fileName, 'utf8');
    const compressed = deflateRawSync(bytes);
    const method = compressed.length < bytes.length ? deflated : stored;
    const data = method === deflated ? compressed : bytes;
    const entry: CentralEntry = { fileName, nameLength: name.length, crc: crc32(bytes), method, compressedSize: data.length, size: bytes.length, offset: this.#offset };
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    header.writeUInt16LE(utf8Flag, 6);
    header.writeUInt16LE(method, 8);
    header.writeUInt16LE(this.#dosTime, 10);
    header.writeUInt16LE(this.#dosDate, 12);
    header.writeUInt32LE(entry.crc, 14);
    header.writeUInt32LE(entry.compressedSize, 18);
    header.writeUInt32LE(entry.size, 22);
    header.writeUInt16LE(name.length, 26);
    header.writeUInt16LE(0, 28);
    if (this.#offset + header.length + name.length + data.length > maxZipBytes) throw new Error('A ZIP without ZIP64 must stay below 4 GiB.');
    this.#entries.push(entry);
    await this.#write(header);
    await this.#write(name);
    await this.#write(data);
  }

  async finish(): Promise<void> {
    const start = this.#offset;
    for (const entry of this.#entries) {
      const record = Buffer.alloc(46);
      record.writeUInt32LE(0x02014b50, 0);
      // Made by Unix, version 2.0: unzip then takes names as they are instead of converting from CP437.
      record.writeUInt16LE((3 << 8) | 20, 4);
      record.writeUInt16LE(20, 6);
      record.writeUInt16LE(utf8Flag, 8);
      record.writeUInt16LE(entry.method, 10);
      record.writeUInt16LE(this.#dosTime, 12);
      record.writeUInt16LE(this.#dosDate, 14);
      record.writeUInt32LE(entry.crc, 16);
      record.writeUInt32LE(entry.compressedSize, 20);
      record.writeUInt32LE(entry.size, 24);
      record.writeUInt16LE(entry.nameLength, 28);
      record.writeUInt32LE((0o100644 << 16) >>> 0, 38); // a regular file, rw-r--r--
      record.writeUInt32LE(entry.offset, 42);
      await this.#write(record);
      await this.#write(Buffer.from(entry.fileName, 'utf8'));
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.#entries.length, 8);
    end.writeUInt16LE(this.#entries.length, 10);
    end.writeUInt32LE(this.#offset - start, 12);
    end.writeUInt32LE(start, 16);
    await this.#write(end);
  }

  async #write(bytes: Uint8Array): Promise<void> {
    this.#offset += bytes.length;
    await this.#sink(bytes);
  }
}
