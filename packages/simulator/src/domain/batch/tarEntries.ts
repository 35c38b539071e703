/** One regular file of a tar archive. */
export interface TarEntry {
  readonly name: string;
  readonly bytes: Uint8Array;
}

function field(block: Uint8Array, offset: number, length: number): string {
  const raw = block.subarray(offset, offset + length);
  const end = raw.indexOf(0);
  return new TextDecoder().decode(end === -1 ? raw : raw.subarray(0, end));
}

function octal(block: Uint8Array, offset: number, length: number): number {
  const text = field(block, offset, length).trim();
  if (!/^[0-7]*$/.test(text)) throw new Error('tar header has a malformed number');
  return text === '' ? 0 : parseInt(text, 8);
}

function checksumOk(block: Uint8Array): boolean {
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 0x20 : (block[i] ?? 0);
  return sum === octal(block, 148, 8);
}

/**
 * The regular files of a (ustar/GNU/pax) tar archive, in order. Directories, links and other entry
 * types are skipped; GNU long names (`L`) and pax `path` records (`x`) are honoured. Throws on a
 * truncated or corrupt archive.
 */
export function tarEntries(archive: Uint8Array): TarEntry[] {
  const entries: TarEntry[] = [];
  let offset = 0;
  let longName: string | undefined;
  while (offset + 512 <= archive.length) {
    const header = archive.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) return entries; // end-of-archive marker
    if (!checksumOk(header)) throw new Error(`tar header at ${offset} has a bad checksum`);
    const size = octal(header, 124, 12);
    const type = String.fromCharCode(header[156] ?? 0);
    const dataStart = offset + 512;
    const dataEnd = dataStart + size;
    if (dataEnd > archive.length) throw new Error('tar archive is truncated');
    const data = archive.subarray(dataStart, dataEnd);
    const prefix = field(header, 345, 155);
    const baseName = field(header, 0, 100);
    const name = longName ?? (prefix ? `${prefix}/${baseName}` : baseName);
    if (type === 'L') {
      longName = new TextDecoder().decode(data).replace(/\0+$/, '');
    } else if (type === 'x') {
      const path = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(new TextDecoder().decode(data))?.[1];
      longName = path ?? longName;
    } else {
      if (type === '0' || type === '\0' || type === '7') entries.push({ name, bytes: data });
      longName = undefined;
    }
    offset = dataStart + Math.ceil(size / 512) * 512;
  }
  if (offset !== archive.length) throw new Error('tar archive is truncated');
  return entries;
}
