import { closeSync, openSync, readSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { crdImportFiles } from '@ksef-connect/spec';
import { xmlRegisterInputProvider } from 'libxml2-wasm';

// libxml2 resolves <xsd:import>/<xsd:include> through registered input providers. The FA schemas
// import the Ministry's base types from absolute http://crd.gov.pl/… URLs; those are served from the
// vendored copies (`crdImportFiles`), and local paths from disk. Nothing is fetched from the network.
let registered = false;

function localPath(filename: string): string | undefined {
  const mapped = crdImportFiles[filename];
  if (mapped) return mapped;
  if (filename.startsWith('file://')) return fileURLToPath(filename);
  if (filename.startsWith('/')) return filename;
  return undefined;
}

/** Registers (once per process) the input provider that lets libxml2 read the vendored XSDs. */
export function registerSchemaInputProvider(): void {
  if (registered) return;
  registered = true;
  xmlRegisterInputProvider({
    match: (filename) => localPath(filename) !== undefined,
    open: (filename) => {
      const path = localPath(filename);
      if (path === undefined) return undefined;
      try {
        return openSync(path, 'r');
      } catch {
        return undefined;
      }
    },
    read: (fd, buf) => {
      try {
        return readSync(fd, buf, 0, buf.byteLength, null);
      } catch {
        return -1;
      }
    },
    close: (fd) => {
      try {
        closeSync(fd);
        return true;
      } catch {
        return false;
      }
    },
  });
}
