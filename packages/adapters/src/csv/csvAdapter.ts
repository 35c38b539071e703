import type { InvoiceDraft } from '@ksef-connect/core';
import type { Adapter, AdapterInput, AdapterOptions, AdapterResult } from '../Adapter.js';
import type { DocumentReport, ReportIssue } from '../MappingReport.js';
import { DocumentReportBuilder } from '../report/DocumentReportBuilder.js';
import { decodeText } from '../text/decodeText.js';
import { mapCsvDocument } from './mapCsvDocument.js';
import { parseMappingProfile, type MappingProfile } from './MappingProfile.js';
import { parseCsv } from './parseCsv.js';
import type { SourceRow } from './SourceRow.js';

/** Options of the `csv` adapter: the mapping profile (parsed JSON, validated by the adapter). */
export interface CsvAdapterOptions extends AdapterOptions {
  /** The profile as parsed from its JSON file; see `MappingProfile`. */
  readonly profile?: unknown;
}

/** CSV rows (or JSON row objects) → FA(3), through a declared mapping profile. */
export const csvAdapter: Adapter<CsvAdapterOptions> = {
  name: 'csv',
  description: 'CSV or JSON rows (one per invoice line) with a mapping profile: --profile FILE',
  fileExtensions: ['.csv', '.txt', '.json'],
  map(input: AdapterInput, options: CsvAdapterOptions = {}): AdapterResult {
    const issues: ReportIssue[] = [];
    const fail = (message: string, field: string | null = null, line: number | null = null, encoding: string | null = null): AdapterResult => ({
      drafts: [],
      report: { input: input.name, encoding, issues: [...issues, { severity: 'error', message, field, line }], documents: [] },
    });
    if (options.profile === undefined) return fail('the csv adapter needs a mapping profile (ksef convert --from csv --profile FILE)', 'profile');
    const parsedProfile = parseMappingProfile(options.profile);
    if (!parsedProfile.ok) return fail(`the mapping profile is not valid:\n  ${parsedProfile.errors.join('\n  ')}`, 'profile');
    const profile = parsedProfile.profile;

    const encoding = options.encoding ?? profile.encoding;
    const decoded = decodeText(input.bytes, encoding === undefined ? {} : { encoding });
    issues.push(...decoded.issues);
    const rowsResult = profile.format === 'json' ? jsonRows(decoded.text, profile.decimalSeparator) : csvRows(decoded.text, profile);
    if (!rowsResult.ok) return fail(`${input.name}: ${rowsResult.message}`, null, rowsResult.line, decoded.encoding);
    issues.push(...rowsResult.issues);

    // Columns the profile does not mention are reported (once per file): nothing is dropped silently.
    const unmapped = rowsResult.columns.filter((c) => !(c in profile.columns));
    const numberColumn = Object.entries(profile.columns).find(([, f]) => f === 'number')?.[0];
    const groups = new Map<string, SourceRow[]>();
    for (const row of rowsResult.rows) {
      const number = numberColumn === undefined ? profile.defaults.number : row.values.get(numberColumn)?.trim();
      if (number === undefined || number === '') {
        issues.push({ severity: 'error', message: `${row.label}: no invoice number in column "${numberColumn ?? 'number'}": the row belongs to no invoice and was skipped`, field: numberColumn ?? 'number', line: row.line });
        continue;
      }
      const group = groups.get(number);
      if (group === undefined) groups.set(number, [row]);
      else group.push(row);
    }
    if (rowsResult.rows.length === 0) issues.push({ severity: 'error', message: `${input.name}: no data rows`, field: null, line: null });

    const drafts: InvoiceDraft[] = [];
    const documents: DocumentReport[] = [];
    for (const rows of groups.values()) {
      const report = new DocumentReportBuilder();
      for (const column of unmapped) report.unmapped(column);
      const { draft, lineNumbers } = mapCsvDocument(rows, profile, options.sellerNip, report);
      documents.push(report.finish(draft, drafts, lineNumbers));
    }
    return { drafts, report: { input: input.name, encoding: decoded.encoding, issues, documents } };
  },
};

type Rows = { ok: true; rows: SourceRow[]; columns: string[]; issues: ReportIssue[] } | { ok: false; message: string; line: number | null };

function csvRows(text: string, profile: MappingProfile): Rows {
  const { records, problems } = parseCsv(text, profile.delimiter, profile.quote);
  const issues: ReportIssue[] = problems.map((p) => ({ severity: 'error', message: p.message, field: null, line: p.line }));
  const headerRecord = profile.header ? records[0] : undefined;
  if (profile.header && headerRecord === undefined) return { ok: false, message: 'the file is empty: expected a header row', line: null };
  const width = Math.max(0, ...records.map((r) => r.fields.length));
  const columns = headerRecord ? headerRecord.fields.map((f) => f.trim()) : Array.from({ length: width }, (_, i) => String(i + 1));
  const missing = Object.keys(profile.columns).filter((c) => !columns.includes(c));
  if (headerRecord && missing.length > 0) {
    issues.push({ severity: 'warning', message: `the profile maps column(s) ${missing.map((c) => `"${c}"`).join(', ')}, which the header does not have (is the delimiter "${profile.delimiter}" right?)`, field: missing[0] ?? null, line: headerRecord.line });
  }
  const rows: SourceRow[] = [];
  for (const record of records.slice(profile.header ? 1 : 0)) {
    if (record.fields.length !== columns.length) {
      issues.push({ severity: 'warning', message: `line ${record.line} has ${record.fields.length} fields, the header ${columns.length}`, field: null, line: record.line });
    }
    const values = new Map<string, string>();
    columns.forEach((column, i) => values.set(column, record.fields[i] ?? ''));
    rows.push({ values, line: record.line, label: `line ${record.line}` });
  }
  return { ok: true, rows, columns, issues };
}

function jsonRows(text: string, decimalSeparator: ',' | '.'): Rows {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // V8 says "… at position N" (or nothing, at the end of the input): turn it into a line.
    const position = /position (\d+)/.exec(message)?.[1];
    const offset = position === undefined ? text.trimEnd().length : Number(position);
    const line = text.slice(0, offset).split('\n').length;
    return { ok: false, message: `not valid JSON (line ${line}): ${message}`, line };
  }
  const list = Array.isArray(value) ? value : typeof value === 'object' && value !== null && Array.isArray((value as Record<string, unknown>)['rows']) ? (value as Record<string, unknown[]>)['rows'] : undefined;
  if (list === undefined) return { ok: false, message: 'expected a JSON array of row objects (or { "rows": [...] })', line: null };
  const issues: ReportIssue[] = [];
  const columns = new Set<string>();
  const rows: SourceRow[] = [];
  list.forEach((item: unknown, index) => {
    const label = `row [${index}]`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      issues.push({ severity: 'error', message: `${label} is not an object: skipped`, field: `[${index}]`, line: null });
      return;
    }
    const values = new Map<string, string>();
    flatten(item as Record<string, unknown>, '', values, decimalSeparator, (key) => issues.push({ severity: 'warning', message: `${label}: "${key}" is a JSON number with an exponent or beyond 2^53; write amounts as strings to keep their digits`, field: `[${index}].${key}`, line: null }));
    for (const key of values.keys()) columns.add(key);
    rows.push({ values, line: null, label });
  });
  return { ok: true, rows, columns: [...columns], issues };
}

/** Nested objects become `a.b` columns; numbers keep JSON's shortest text, written with the profile's decimal separator. */
function flatten(object: Record<string, unknown>, prefix: string, into: Map<string, string>, decimalSeparator: ',' | '.', imprecise: (key: string) => void): void {
  for (const [key, v] of Object.entries(object)) {
    const name = prefix + key;
    if (typeof v === 'string') into.set(name, v);
    else if (typeof v === 'number') {
      const text = String(v);
      if (/e/i.test(text) || (Number.isInteger(v) && !Number.isSafeInteger(v))) imprecise(name);
      into.set(name, text.replace('.', decimalSeparator));
    } else if (typeof v === 'boolean') into.set(name, String(v));
    else if (v === null) into.set(name, '');
    else if (typeof v === 'object' && !Array.isArray(v)) flatten(v as Record<string, unknown>, `${name}.`, into, decimalSeparator, imprecise);
  }
}
