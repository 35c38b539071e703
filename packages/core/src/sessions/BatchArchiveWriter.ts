/** Receives the archive's bytes in order; awaited before the next chunk (back-pressure). */
export type ArchiveSink = (chunk: Uint8Array) => Promise<void>;

/**
 * Writes invoice files into a batch archive (`sesja-wsadowa.md` §1) as a stream: each file's bytes
 * go to the sink as soon as they are added, so a package of thousands of invoices never sits in
 * memory. `finish` writes the archive's trailer.
 */
export interface BatchArchiveWriter {
  add(fileName: string, bytes: Uint8Array): Promise<void>;
  finish(): Promise<void>;
}
