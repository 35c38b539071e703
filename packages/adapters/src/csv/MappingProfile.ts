import { isVatRate, type VatRate } from '@ksef-connect/core';
import { encodingName } from '../text/decodeText.js';

/** Document-level draft fields a column (or a default) can fill; the first row of a document wins. */
export const documentFields = [
  'number', 'kind', 'issueDate', 'saleDate', 'currency', 'exchangeRate',
  'seller.nip', 'seller.name', 'seller.address.line1', 'seller.address.line2', 'seller.address.countryCode',
  'buyer.nip', 'buyer.taxNumber', 'buyer.name', 'buyer.address.line1', 'buyer.address.line2', 'buyer.address.countryCode',
  'buyer.email', 'buyer.customerNumber',
  'payment.dueDate', 'payment.method', 'payment.bankAccount', 'payment.splitPayment',
  'correction.number', 'correction.issueDate', 'correction.ksefNumber', 'correction.reason',
  'exemption', 'note', 'totals.grossTotal',
] as const;

/** Line fields: one row is one `FaWiersz`. */
export const lineFields = [
  'line.description', 'line.unit', 'line.quantity', 'line.unitPriceNet', 'line.unitPriceGross', 'line.discount',
  'line.netValue', 'line.grossValue', 'line.vatRate', 'line.gtu', 'line.index', 'line.gtin', 'line.pkwiu', 'line.cn',
] as const;

/** A field a profile can map a column to. */
export type ProfileField = (typeof documentFields)[number] | (typeof lineFields)[number];

/** A validated mapping profile (the JSON file given to `ksef convert --from csv --profile FILE`). */
export interface MappingProfile {
  /** `csv` (default) or `json` (an array of row objects; nested objects flatten to `a.b` column names). */
  readonly format: 'csv' | 'json';
  /** Forced text encoding; absent: detected (BOM, UTF-8, else windows-1250). */
  readonly encoding?: string;
  /** Field delimiter; default `;` (what Excel writes for a Polish locale). */
  readonly delimiter: string;
  /** Quote character; default `"`. */
  readonly quote: string;
  /** Whether the first CSV row names the columns (default true); without it columns are `1`, `2`, … */
  readonly header: boolean;
  /** Decimal separator of amounts; default `,`. */
  readonly decimalSeparator: ',' | '.';
  /** Grouping separator of amounts (`' '` also matches no-break spaces); default: spaces only. */
  readonly thousandsSeparator?: string;
  /** Date format with `YYYY`, `MM`, `DD`; default `YYYY-MM-DD`. */
  readonly dateFormat: string;
  /** Source column → draft field; `null` ignores a column on purpose (it is not reported as unmapped). */
  readonly columns: Readonly<Record<string, ProfileField | null>>;
  /** Values for fields no column carries (e.g. the seller's name and address). */
  readonly defaults: Readonly<Partial<Record<ProfileField, string>>>;
  /** Source VAT rate spellings → FA rates, on top of the built-in ones (`23%`, `ZW`, `0` …). */
  readonly rates: Readonly<Record<string, VatRate>>;
}

/** The validated profile, or every problem found, each naming the profile key. */
export type ParsedProfile = { readonly ok: true; readonly profile: MappingProfile } | { readonly ok: false; readonly errors: readonly string[] };

const allFields: readonly string[] = [...documentFields, ...lineFields];
const knownKeys = ['$comment', 'format', 'encoding', 'delimiter', 'quote', 'header', 'decimalSeparator', 'thousandsSeparator', 'dateFormat', 'columns', 'defaults', 'rates'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Validates a parsed JSON profile; messages name the key and what is expected. */
export function parseMappingProfile(value: unknown): ParsedProfile {
  const errors: string[] = [];
  if (!isRecord(value)) return { ok: false, errors: ['the profile must be a JSON object'] };
  for (const key of Object.keys(value)) if (!knownKeys.includes(key)) errors.push(`unknown key "${key}" (known: ${knownKeys.slice(1).join(', ')})`);
  const text = (key: string, fallback: string, check?: (v: string) => string | undefined): string => {
    const v = value[key];
    if (v === undefined) return fallback;
    if (typeof v !== 'string') {
      errors.push(`"${key}" must be a string`);
      return fallback;
    }
    const problem = check?.(v);
    if (problem !== undefined) errors.push(`"${key}": ${problem}`);
    return v;
  };
  const format = text('format', 'csv', (v) => (v === 'csv' || v === 'json' ? undefined : 'must be "csv" or "json"'));
  const encoding = value['encoding'] === undefined ? undefined : text('encoding', '', (v) => (encodingName(v) === undefined ? `unknown encoding "${v}" (e.g. utf-8, windows-1250, iso-8859-2)` : undefined));
  const oneChar = (v: string): string | undefined => ([...v].length === 1 ? undefined : 'must be exactly one character');
  const delimiter = text('delimiter', ';', (v) => (v === '\\t' ? undefined : oneChar(v))).replace('\\t', '\t');
  const quote = text('quote', '"', oneChar);
  const decimalSeparator = text('decimalSeparator', ',', (v) => (v === ',' || v === '.' ? undefined : 'must be "," or "."'));
  const thousandsSeparator = value['thousandsSeparator'] === undefined ? undefined : text('thousandsSeparator', '', (v) => ([' ', '\u00a0', '.', ',', "'", ''].includes(v) ? undefined : 'must be " ", ".", ",", "\'" or ""'));
  if (thousandsSeparator !== undefined && thousandsSeparator === decimalSeparator) errors.push('"thousandsSeparator" must differ from "decimalSeparator"');
  const dateFormat = text('dateFormat', 'YYYY-MM-DD', (v) => (/YYYY/.test(v) && /M/.test(v) && /D/.test(v) ? undefined : 'must contain YYYY, MM and DD, e.g. "DD.MM.YYYY"'));
  let header = true;
  if (value['header'] !== undefined) {
    if (typeof value['header'] === 'boolean') header = value['header'];
    else errors.push('"header" must be true or false');
  }

  const columns: Record<string, ProfileField | null> = {};
  const seen = new Map<string, string>();
  if (!isRecord(value['columns'])) errors.push('"columns" is required: an object mapping each source column to a field, e.g. { "Nr faktury": "number" }');
  else {
    for (const [column, field] of Object.entries(value['columns'])) {
      if (field === null) {
        columns[column] = null;
      } else if (typeof field !== 'string' || !allFields.includes(field)) {
        errors.push(`columns."${column}": "${String(field)}" is not a field; use one of ${allFields.join(', ')} (or null to ignore the column)`);
      } else if (seen.has(field)) {
        errors.push(`columns."${column}": field "${field}" is already mapped from column "${seen.get(field) ?? ''}"`);
      } else {
        seen.set(field, column);
        columns[column] = field as ProfileField;
      }
    }
  }
  const defaults: Partial<Record<ProfileField, string>> = {};
  if (value['defaults'] !== undefined) {
    if (!isRecord(value['defaults'])) errors.push('"defaults" must be an object of field → text');
    else {
      for (const [field, v] of Object.entries(value['defaults'])) {
        if (!allFields.includes(field)) errors.push(`defaults."${field}" is not a field`);
        else if (typeof v !== 'string') errors.push(`defaults."${field}" must be a string`);
        else defaults[field as ProfileField] = v;
      }
    }
  }
  for (const required of ['number', 'issueDate', 'line.vatRate'] as const) {
    if (!seen.has(required) && defaults[required] === undefined) errors.push(`no column is mapped to "${required}" (required)`);
  }
  if (!['line.netValue', 'line.grossValue', 'line.unitPriceNet', 'line.unitPriceGross'].some((f) => seen.has(f))) {
    errors.push('map a column to one of line.netValue, line.grossValue, line.unitPriceNet, line.unitPriceGross (each line needs a value)');
  }
  const rates: Record<string, VatRate> = {};
  if (value['rates'] !== undefined) {
    if (!isRecord(value['rates'])) errors.push('"rates" must be an object of source spelling → FA rate');
    else {
      for (const [spelling, rate] of Object.entries(value['rates'])) {
        if (isVatRate(rate)) rates[spelling.trim().toLowerCase()] = rate;
        else errors.push(`rates."${spelling}": "${String(rate)}" is not an FA rate (23, 22, 8, 7, 5, 4, 3, 0 KR, 0 WDT, 0 EX, zw, oo, np I, np II)`);
      }
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    profile: {
      format: format as 'csv' | 'json',
      ...(encoding === undefined ? {} : { encoding }),
      delimiter, quote, header,
      decimalSeparator: decimalSeparator as ',' | '.',
      ...(thousandsSeparator === undefined ? {} : { thousandsSeparator }),
      dateFormat, columns, defaults, rates,
    },
  };
}
