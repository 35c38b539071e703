import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the repository's bundled sample invoices are looked for, first match wins. */
export function sampleInvoiceFolders(cwd: string): string[] {
  return [
    // From packages/connector-cli/{src,dist}/demo/ up to the repository root.
    fileURLToPath(new URL('../../../../examples/invoices/', import.meta.url)),
    path.join(cwd, 'examples', 'invoices'),
  ];
}

/** The issuer's NIP (`Podmiot1`), the one the session context must match. */
const issuerNip = /<Podmiot1>[\s\S]*?<NIP>(\d{10})<\/NIP>/;
/** The invoice number: `P_2` in FA, `P_4C` in FA_RR. */
const invoiceNumber = /<(P_2|P_4C)>[^<]*<\/\1>/;

/**
 * Copies the bundled sample invoices (`examples/invoices/*.xml`) into `target`, issued by `nip` and
 * numbered `DEMO/<runId>/<n>`, so every demo run sends invoices KSeF has not seen (KSeF's duplicate
 * key is seller NIP + invoice kind + number). Returns the copies' file names, sorted; throws when
 * the samples are in none of `folders` (see {@link sampleInvoiceFolders}), naming where it looked.
 */
export async function copySampleInvoices(target: string, nip: string, runId: string, folders: readonly string[]): Promise<string[]> {
  const source = folders.find((folder) => existsSync(folder));
  if (source === undefined) {
    throw new Error(
      `The sample invoices (examples/invoices of the ksef-connect repository) were not found; looked in ${folders.join(' and ')}. ` +
        'Run `ksef demo` from a clone of the repository, or try `ksef simulator` with `ksef send` and your own invoices.',
    );
  }
  const names = (await readdir(source)).filter((name) => name.toLowerCase().endsWith('.xml')).sort();
  await mkdir(target, { recursive: true });
  for (const [index, name] of names.entries()) {
    const xml = await readFile(path.join(source, name), 'utf8');
    const issuer = issuerNip.exec(xml)?.[1];
    const renamed = (issuer === undefined ? xml : xml.replaceAll(`<NIP>${issuer}</NIP>`, `<NIP>${nip}</NIP>`)).replace(
      invoiceNumber,
      (_match, element: string) => `<${element}>DEMO/${runId}/${index + 1}</${element}>`,
    );
    await writeFile(path.join(target, name), renamed);
  }
  return names;
}
