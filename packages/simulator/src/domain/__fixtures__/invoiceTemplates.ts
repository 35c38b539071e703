// Test-only: the Ministry's sample invoices (copied unchanged from the official C# client) with their
// placeholders filled in.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The official templates by scenario. */
export const invoiceTemplates = {
  fa3: 'cs-invoice-template-fa-3.xml',
  fa3WithAttachment: 'cs-invoice-template-fa-3-with-attachment.xml',
  fa2: 'cs-invoice-template-fa-2.xml',
  faRr1: 'cs-invoice-template-fa-rr-1.xml',
  pef3: 'cs-invoice-template-fa-3-pef.xml',
} as const;

/** A filled-in template as UTF-8 bytes; `values` maps placeholder names (without `#`) to text. */
export function sampleInvoice(template: keyof typeof invoiceTemplates, values: Record<string, string>): Buffer {
  let xml = readFileSync(path.join(here, 'invoices', invoiceTemplates[template]), 'utf8');
  for (const [name, value] of Object.entries(values)) xml = xml.replaceAll(`#${name}#`, value);
  return Buffer.from(xml, 'utf8');
}
