import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const examples = path.resolve(here, '../../examples/invoices');

const sources = {
  'FA (2)': { file: path.join(examples, 'fa2-vat-invoice.xml'), nip: '5265877635', number: /<P_2>[^<]*<\/P_2>/ },
  'FA (3)': { file: path.join(examples, 'fa3-vat-invoice.xml'), nip: '5265877635', number: /<P_2>[^<]*<\/P_2>/ },
  'FA (3) with attachment': { file: path.join(here, 'fixtures/fa3-with-attachment-template.xml'), nip: '#nip#', number: /<P_2>[^<]*<\/P_2>/ },
} as const;

/**
 * A sample FA(2)/FA(3) invoice (examples/invoices, or the Ministry's attachment template) issued by
 * `sellerNip`, with a fresh invoice number so KSeF does not see a duplicate.
 */
export function sampleInvoice(form: keyof typeof sources, sellerNip: string, invoiceNumber = `FV/${randomUUID()}`): Uint8Array {
  const source = sources[form];
  const xml = readFileSync(source.file, 'utf8')
    .replaceAll(source.nip, sellerNip)
    .replace(source.number, `<P_2>${invoiceNumber}</P_2>`);
  if (/#[a-z_]+#/.test(xml)) throw new Error(`placeholder left unfilled in ${source.file}`);
  return Buffer.from(xml, 'utf8');
}
