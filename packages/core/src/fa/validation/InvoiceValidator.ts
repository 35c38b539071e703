import { invoiceSchemas } from '@ksef-connect/spec';
import type { InvoiceSchema } from '@ksef-connect/spec';
import { nipChecksumValid } from '../../identifiers/Nip.js';
import type { Clock } from '../../time/Clock.js';
import type { FormCodeName } from './FormCodeName.js';
import type { InvoiceValidationOptions, InvoiceValidationResult } from './InvoiceValidationResult.js';
import type { ValidationIssue, ValidationRule } from './ValidationIssue.js';
import type { XsdValidator } from './XsdValidator.js';
import { countDiscouragedCharacters, findDiscouragedCharacters } from './discouragedCharacters.js';
import { scanInvoiceText } from './scanInvoiceText.js';
import type { InvoiceTextScan, ScannedField } from './scanInvoiceText.js';
import { textPosition } from './textPosition.js';
import { warsawDate } from './warsawDate.js';

// Size limits of `faktury/weryfikacja-faktury.md` ("Rozmiar pliku"), in bytes.
const maxInvoiceBytes = 1_000_000;
const maxInvoiceWithAttachmentBytes = 3_000_000;
// Beyond this we report the size only: KSeF rejects the file anyway, and parsing it would cost
// memory for nothing.
const maxParsedBytes = 16_000_000;
const maxCharIssues = 10;
const nipPattern = /^[1-9]((\d[1-9])|([1-9]\d))\d{7}$/;
const datePattern = /^\d{4}-\d{2}-\d{2}$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

const partyNames: Readonly<Record<string, string>> = {
  Podmiot1: 'Podmiot1 (seller)',
  Podmiot2: 'Podmiot2 (buyer)',
  Podmiot3: 'Podmiot3 (third party)',
  PodmiotUpowazniony: 'PodmiotUpowazniony (authorised party)',
};

/**
 * Validates an invoice the way KSeF does on upload: its form's XSD (offline), then the acceptance
 * rules an XSD cannot see (`faktury/weryfikacja-faktury.md`): UTF-8 without BOM, UTF-8 prolog, no
 * processing instructions, no discouraged characters, size, P_1 not in the future, NIP checksums,
 * and the forms the environment accepts (FA(2) on TEST only, `srodowiska.md`).
 * Never throws for a bad document: every problem is an issue of the result.
 */
export class InvoiceValidator {
  constructor(
    private readonly xsd: XsdValidator,
    private readonly clock: Clock,
  ) {}

  validate(xml: Uint8Array, options: InvoiceValidationOptions = {}): InvoiceValidationResult {
    const errors: ValidationIssue[] = [];
    const warnings: ValidationIssue[] = [];
    const forced = options.form === undefined ? undefined : schemaOf(options.form);
    const result = (form: FormCodeName | null): InvoiceValidationResult => ({ valid: errors.length === 0, form, errors, warnings });

    if (xml.length === 0) {
      errors.push(issue('xml', 'The file is empty: expected an XML invoice.'));
      return result(options.form ?? null);
    }
    if (startsWith(xml, [0xff, 0xfe]) || startsWith(xml, [0xfe, 0xff])) {
      errors.push(issue('encoding', 'The file is UTF-16 encoded (it starts with a UTF-16 byte order mark): KSeF accepts UTF-8 only.', 1, 1));
      return result(options.form ?? null);
    }
    if (startsWith(xml, [0xef, 0xbb, 0xbf])) {
      errors.push(issue('bom', 'The file starts with a UTF-8 byte order mark (EF BB BF): KSeF requires UTF-8 without BOM.', 1, 1));
    }
    if (xml.subarray(0, 8192).includes(0)) {
      errors.push(issue('xml', 'The file is binary (it contains NUL bytes), not an XML invoice.'));
      return result(options.form ?? null);
    }
    let text: string;
    try {
      text = utf8.decode(xml);
    } catch {
      const at = firstInvalidUtf8Offset(xml);
      errors.push(issue('encoding', `The file is not valid UTF-8 (invalid byte 0x${(xml[at] ?? 0).toString(16).padStart(2, '0').toUpperCase()} at byte offset ${at}): KSeF accepts UTF-8 only.`));
      return result(options.form ?? null);
    }

    const declared = /^<\?xml\s[^>]*?encoding\s*=\s*["']([^"']*)["']/.exec(text);
    if (declared && declared[1]?.toLowerCase() !== 'utf-8') {
      errors.push(issue('encoding', `The XML declaration names encoding "${declared[1]}": KSeF requires UTF-8 (declare encoding="UTF-8" or omit it).`, 1, null));
    }
    this.checkCharacters(text, errors);

    const scan = scanInvoiceText(text);
    const sizeLimit = scan.hasAttachment ? maxInvoiceWithAttachmentBytes : maxInvoiceBytes;
    if (xml.length > sizeLimit) {
      errors.push(issue('size', `The invoice is ${xml.length} bytes: KSeF accepts at most ${sizeLimit} bytes ${scan.hasAttachment ? 'for an invoice with attachments (Zalacznik)' : 'for an invoice without attachments (3000000 with Zalacznik)'}.`));
    }
    if (xml.length > maxParsedBytes) return result(options.form ?? null);

    if (scan.doctypeOffset !== null) {
      // KSeF invoices have no DTD; entities are never resolved (no XXE), so the document is not checked further.
      const at = textPosition(text, scan.doctypeOffset);
      errors.push(issue('xml', 'The document has a DOCTYPE declaration: DTDs and entities are not allowed in a KSeF invoice and are never resolved.', at.line, at.column));
      return result(options.form ?? null);
    }
    for (const pi of scan.processingInstructions) {
      const at = textPosition(text, pi.offset);
      const what = pi.target === 'xml' ? 'an XML declaration that is not at the very start of the file' : `the processing instruction <?${pi.target} ...?>`;
      errors.push(issue('pi', `The document contains ${what}: KSeF rejects processing instructions.`, at.line, at.column));
    }

    const detected = detectSchema(scan);
    const schema = forced ?? detected;
    if (schema === undefined) {
      errors.push(issue('form', unknownFormMessage(scan), scan.root === null ? null : 1, null, scan.root === null ? null : `/${scan.root.name}`));
      return result(null);
    }
    if (forced !== undefined && detected !== forced) {
      errors.push(issue('form', `The document is not ${forced.systemCode}: expected root element ${forced.rootElement} in namespace ${forced.namespace}, found ${describeRoot(scan)}.`, null, null, scan.root === null ? null : `/${scan.root.name}`));
      return result(forced.systemCode);
    }

    const env = options.env ?? 'prod';
    if (schema.systemCode === 'FA (2)' && env !== 'test') {
      // srodowiska.md lists the forms each environment accepts: FA(2) on TEST only, since FA(3)
      // became mandatory. The rest of the document is still checked, so one run shows everything.
      errors.push(issue('form', `FA (2) is not accepted by KSeF ${env.toUpperCase()}: production and demo take FA (3) only; FA (2) is accepted on TEST only. Issue the invoice as FA (3) (\`ksef convert\` writes FA (3)), or send it to TEST.`, 1, null, `/${schema.rootElement}`));
    }
    const schemaIssues = this.xsd.validate(xml, schema);
    errors.push(...schemaIssues);
    if (schemaIssues.some((i) => i.rule === 'xml')) return result(schema.systemCode);

    if (schema.value === 'FA' || schema.value === 'FA_RR') {
      this.checkIssueDate(text, scan, schema, options, errors);
      this.checkNips(text, scan, options, errors, warnings);
    }
    return result(schema.systemCode);
  }

  private checkCharacters(text: string, errors: ValidationIssue[]): void {
    const found = findDiscouragedCharacters(text, maxCharIssues);
    for (const ch of found) {
      const at = textPosition(text, ch.offset);
      const code = `U+${ch.codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
      const kind = ch.codePoint < 0x20 ? 'a control character, not allowed in XML' : 'a character KSeF rejects (discouraged by the W3C XML specification)';
      errors.push(issue('char', `Character ${code} is ${kind}.`, at.line, at.column));
    }
    if (found.length === maxCharIssues) {
      const more = countDiscouragedCharacters(text) - maxCharIssues;
      if (more > 0) errors.push(issue('char', `${more} more such characters are not listed.`));
    }
  }

  private checkIssueDate(text: string, scan: InvoiceTextScan, schema: InvoiceSchema, options: InvoiceValidationOptions, errors: ValidationIssue[]): void {
    // FA_RR has no P_1 (its issue date is P_4B); the KSeF rule names P_1 only.
    if (schema.value !== 'FA') return;
    const p1 = scan.fields.find((f) => f.relativePath === 'Fa/P_1');
    if (p1 === undefined || !datePattern.test(p1.value)) return; // the XSD reports a missing or malformed P_1
    const today = warsawDate(options.now ?? this.clock.now());
    if (p1.value > today) {
      const at = textPosition(text, p1.offset);
      errors.push(issue('p1-future', `P_1 (issue date) ${p1.value} is after today (${today} in Poland): KSeF rejects invoices issued in the future.`, at.line, at.column, fieldPath(scan, p1)));
    }
  }

  private checkNips(text: string, scan: InvoiceTextScan, options: InvoiceValidationOptions, errors: ValidationIssue[], warnings: ValidationIssue[]): void {
    const production = (options.env ?? 'prod') === 'prod';
    for (const field of scan.fields) {
      const isNip = field.relativePath.endsWith('/NIP');
      if (!isNip && !field.relativePath.endsWith('/IDWew')) continue;
      const nip = isNip ? field.value : field.value.slice(0, 10);
      // A NIP that fails the pattern is already an XSD error; only the check digit is new here.
      if (!nipPattern.test(nip) || nipChecksumValid(nip)) continue;
      const party = partyNames[field.relativePath.split('/')[0] ?? ''] ?? 'a party';
      const where = isNip ? `NIP ${nip} of ${party}` : `The NIP part ${nip} of IDWew ${field.value} of ${party}`;
      const consequence = production
        ? 'KSeF production rejects it.'
        : 'KSeF checks this on production only, so the test and demo environments accept it.';
      const at = textPosition(text, field.offset);
      (production ? errors : warnings).push(issue('nip', `${where} has a wrong check digit: ${consequence}`, at.line, at.column, fieldPath(scan, field)));
    }
  }
}

function issue(rule: ValidationRule, message: string, line: number | null = null, column: number | null = null, path: string | null = null): ValidationIssue {
  return { line, column, path, message, rule };
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

function schemaOf(form: FormCodeName): InvoiceSchema {
  const schema = invoiceSchemas.find((s) => s.systemCode === form);
  if (schema === undefined) throw new RangeError(`Unknown invoice form ${form}`);
  return schema;
}

function detectSchema(scan: InvoiceTextScan): InvoiceSchema | undefined {
  const root = scan.root;
  if (root === null) return undefined;
  return invoiceSchemas.find((s) => s.namespace === root.namespace && s.rootElement === root.name);
}

function describeRoot(scan: InvoiceTextScan): string {
  if (scan.root === null) return 'no root element';
  return scan.root.namespace === null || scan.root.namespace === ''
    ? `root element ${scan.root.name} without a namespace`
    : `root element ${scan.root.name} in namespace ${scan.root.namespace}`;
}

function unknownFormMessage(scan: InvoiceTextScan): string {
  if (scan.root === null) return 'No root element found: expected an invoice (Faktura, or a UBL Invoice/CreditNote for PEF).';
  const known = invoiceSchemas.map((s) => `${s.systemCode}: ${s.rootElement} in ${s.namespace}`).join('; ');
  return `Unknown invoice form: ${describeRoot(scan)}. Expected one of ${known}.`;
}

function fieldPath(scan: InvoiceTextScan, field: ScannedField): string {
  const [first, ...rest] = field.relativePath.split('/');
  const head = first === 'Podmiot3' && scan.thirdPartyCount > 1 ? `Podmiot3[${field.thirdPartyOrdinal}]` : first;
  return `/${[scan.root?.name ?? 'Faktura', head, ...rest].join('/')}`;
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (length === 0) return i;
    for (let k = 1; k < length; k++) {
      if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    }
    i += length;
  }
  return Math.min(i, bytes.length - 1);
}
