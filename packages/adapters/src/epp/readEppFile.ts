import type { ReportIssue } from '../MappingReport.js';
import { decodeText } from '../text/decodeText.js';
import { decodeCp852 } from './decodeCp852.js';
import { parseEppSections, type EppRow } from './parseEppSections.js';

/** One document of an EDI++ file: its `[NAGLOWEK]` record and the `[ZAWARTOSC]` records after it. */
export interface EppDocument {
  readonly header: EppRow;
  readonly content: readonly EppRow[];
}

/** An EDI++ file read into its parts. */
export interface EppFile {
  /** The `[INFO]` record (24 fields), or undefined when the file has none. */
  readonly info: EppRow | undefined;
  readonly documents: readonly EppDocument[];
  /** Register data (`KONTRAHENCI`, `TOWARY`, `PRZYCZYNYKOREKT`, …) by keyword, in file order. */
  readonly registers: ReadonlyMap<string, readonly EppRow[]>;
  /** The encoding the text was read with. */
  readonly encoding: string;
  readonly issues: readonly ReportIssue[];
}

/**
 * Decodes and splits an EDI++ file. The encoding is the forced one, else UTF-8 when the bytes carry
 * a BOM or are valid UTF-8 (some web invoicing apps export UTF-8), else the code page `[INFO]`
 * field 3 declares (1250 → windows-1250, 852 → DOS Latin 2; windows-1250 when absent).
 */
export function readEppFile(bytes: Uint8Array, forcedEncoding?: string): EppFile {
  const issues: ReportIssue[] = [];
  const declared = declaredCodePage(bytes);
  let text: string;
  let encoding: string;
  const forced = forcedEncoding?.trim().toLowerCase();
  if (forced === 'cp852' || forced === 'ibm852' || forced === '852') {
    text = decodeCp852(bytes);
    encoding = 'ibm852';
  } else {
    const fallback = declared === '852' ? undefined : 'windows-1250';
    const decoded = decodeText(bytes, { encoding: forcedEncoding, fallback });
    if (decoded.source === 'fallback' && declared === '852') {
      text = decodeCp852(bytes);
      encoding = 'ibm852';
    } else {
      text = decoded.text;
      encoding = decoded.encoding;
      // decodeText's fallback warning is expected for windows-1250 EDI++; keep the others.
      if (!(decoded.source === 'fallback' && (declared === '1250' || declared === undefined))) issues.push(...decoded.issues);
    }
    if (decoded.source === 'utf-8-valid' && declared !== undefined && /[^ -~\t\r\n]/.test(decoded.text)) {
      issues.push({
        severity: 'warning',
        message: `[INFO] declares code page ${declared}, but the bytes are valid UTF-8 with non-ASCII text: read as UTF-8 (pass an encoding to override)`,
        field: 'INFO.3',
        line: null,
      });
    }
  }
  const parsed = parseEppSections(text);
  issues.push(...parsed.issues);

  let info: EppRow | undefined;
  const documents: { header: EppRow; content: EppRow[] }[] = [];
  const registers = new Map<string, EppRow[]>();
  let pending: { kind: 'document'; doc: { header: EppRow; content: EppRow[] } } | { kind: 'register'; rows: EppRow[] } | undefined;
  parsed.sections.forEach((section, index) => {
    if (section.name === 'INFO') {
      if (index !== 0) issues.push({ severity: 'warning', message: '[INFO] should be the first section of an EDI++ file', field: null, line: section.line });
      if (info) issues.push({ severity: 'warning', message: 'a second [INFO] section was ignored', field: null, line: section.line });
      else info = section.rows[0];
      pending = undefined;
      return;
    }
    if (section.name === 'NAGLOWEK') {
      const first = section.rows[0];
      if (!first) {
        issues.push({ severity: 'warning', message: 'an empty [NAGLOWEK] section was ignored', field: null, line: section.line });
        pending = undefined;
        return;
      }
      if (section.rows.length > 1) {
        issues.push({ severity: 'warning', message: `[NAGLOWEK] holds ${section.rows.length} records: only the first was read`, field: null, line: section.line });
      }
      // A register header holds only its keyword (§1.4); a document header holds 62 fields (Tabela 3).
      if (first.fields.length === 1) {
        const keyword = (first.fields[0] ?? '').toUpperCase();
        const rows = registers.get(keyword) ?? [];
        registers.set(keyword, rows);
        pending = { kind: 'register', rows };
      } else {
        const doc = { header: first, content: [] as EppRow[] };
        documents.push(doc);
        pending = { kind: 'document', doc };
      }
      return;
    }
    if (section.name === 'ZAWARTOSC') {
      if (!pending) {
        issues.push({ severity: 'warning', message: '[ZAWARTOSC] without a [NAGLOWEK] right before it was ignored', field: null, line: section.line });
        return;
      }
      if (pending.kind === 'register') pending.rows.push(...section.rows);
      else pending.doc.content.push(...section.rows);
      pending = undefined;
      return;
    }
    issues.push({ severity: 'warning', message: `unknown section [${section.name.slice(0, 30)}] was ignored`, field: null, line: section.line });
    pending = undefined;
  });
  if (!info) issues.push({ severity: 'error', message: 'no [INFO] section: this is not an EDI++ file (the seller is read from [INFO])', field: 'INFO', line: null });
  return { info, documents, registers, encoding, issues };
}

/** `[INFO]` field 3 read from the ASCII bytes before any decoding (code page names are ASCII). */
function declaredCodePage(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const match = /\[INFO\][ \t]*\r?\n?\r?([^\r\n]*)/.exec(head);
  if (!match) return undefined;
  const fields = (match[1] ?? '').split(',');
  const value = (fields[2] ?? '').replace(/"/g, '').trim();
  return value === '' ? undefined : value;
}
