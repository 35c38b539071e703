/** One CSV record: its fields and the 1-based line it starts on. */
export interface CsvRecord {
  readonly fields: readonly string[];
  readonly line: number;
}

/** The records, and problems found on the way (an unterminated quote). */
export interface ParsedCsv {
  readonly records: readonly CsvRecord[];
  readonly problems: readonly { readonly message: string; readonly line: number }[];
}

/**
 * Splits CSV text (RFC 4180, with any one-character delimiter and quote): quoted fields may hold the
 * delimiter, line breaks and doubled quotes; CRLF, LF and CR all end a record; blank lines are skipped.
 */
export function parseCsv(text: string, delimiter: string, quote: string): ParsedCsv {
  const records: CsvRecord[] = [];
  const problems: { message: string; line: number }[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let quoteLine = 1;
  let fieldStarted = false;
  const endRecord = (): void => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '' && !fieldStarted)) records.push({ fields, line: recordLine });
    fields = [];
    field = '';
    fieldStarted = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (quoted) {
      if (c === quote) {
        if (text[i + 1] === quote) {
          field += quote;
          i++;
        } else quoted = false;
      } else {
        if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
        field += c;
      }
      continue;
    }
    if (c === quote && field === '') {
      quoted = true;
      quoteLine = line;
      fieldStarted = true;
    } else if (c === delimiter) {
      fields.push(field);
      field = '';
      fieldStarted = true;
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += c;
      fieldStarted = true;
    }
  }
  if (quoted) problems.push({ message: `a quoted field opened on line ${quoteLine} is never closed`, line: quoteLine });
  if (field !== '' || fields.length > 0 || fieldStarted) endRecord();
  return { records, problems };
}
