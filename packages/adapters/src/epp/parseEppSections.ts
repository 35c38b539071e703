import type { ReportIssue } from '../MappingReport.js';

/** One record of an EDI++ section: its fields (quotes removed) and the line it starts on. */
export interface EppRow {
  readonly fields: readonly string[];
  /** 1-based line of the record's first character. */
  readonly line: number;
}

/** A section of an EDI++ file: `[INFO]`, `[NAGLOWEK]` or `[ZAWARTOSC]`, with its records. */
export interface EppSection {
  readonly name: string;
  /** 1-based line of the `[NAME]` label. */
  readonly line: number;
  readonly rows: readonly EppRow[];
}

/** The sections of an EDI++ file in order, and problems found while reading them. */
export interface EppSections {
  readonly sections: readonly EppSection[];
  readonly issues: readonly ReportIssue[];
}

const label = /^\[([A-Za-z_]+)\][ \t]*$/;

/**
 * Splits EDI++ text into sections and records (InsERT, "Komunikacja EDI++" §1.1 and §1.6): a
 * `[LABEL]` alone on a line starts a section; every other non-empty line is a record of
 * comma-separated fields, text fields in double quotes (a doubled quote is a quote; a quoted field
 * may hold commas and line breaks). Line ends may be CRLF (what the Jet text driver writes), LF or
 * CR. Never throws: malformed quoting is reported with its line and read as well as possible.
 */
export function parseEppSections(text: string): EppSections {
  const sections: { name: string; line: number; rows: EppRow[] }[] = [];
  const issues: ReportIssue[] = [];
  let current: { name: string; line: number; rows: EppRow[] } | undefined;
  let i = 0;
  let line = 1;
  const n = text.length;

  const atLineEnd = (k: number): boolean => k >= n || text[k] === '\n' || text[k] === '\r';
  const skipLineEnd = (): void => {
    if (text[i] === '\r' && text[i + 1] === '\n') i += 2;
    else if (text[i] === '\r' || text[i] === '\n') i += 1;
    line++;
  };

  while (i < n) {
    // Read the physical line to recognise labels and blank lines.
    let end = i;
    while (!atLineEnd(end)) end++;
    const physical = text.slice(i, end);
    if (physical.trim() === '') {
      i = end;
      if (i < n) skipLineEnd();
      continue;
    }
    const match = label.exec(physical.trim());
    if (match) {
      current = { name: (match[1] ?? '').toUpperCase(), line, rows: [] };
      sections.push(current);
      i = end;
      if (i < n) skipLineEnd();
      continue;
    }
    // A record: parse fields, possibly spanning lines inside quotes.
    const startLine = line;
    const fields: string[] = [];
    let field = '';
    let recordDone = false;
    while (!recordDone) {
      if (text[i] === '"') {
        i++;
        let closed = false;
        while (i < n) {
          const c = text[i];
          if (c === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (c === '\r' || c === '\n') {
            field += '\n';
            skipLineEnd();
            continue;
          }
          field += c;
          i++;
        }
        if (!closed) {
          issues.push({
            severity: 'error',
            message: `a quoted field is not closed before the end of the file (field ${fields.length + 1} of the record)`,
            field: null,
            line: startLine,
          });
        }
        // After a closing quote only a comma or the line end may follow.
        if (i < n && text[i] !== ',' && !atLineEnd(i)) {
          let junk = '';
          while (i < n && text[i] !== ',' && !atLineEnd(i)) junk += text[i++];
          issues.push({
            severity: 'warning',
            message: `text "${junk.slice(0, 20)}" after the closing quote of field ${fields.length + 1} was kept as part of the field`,
            field: null,
            line,
          });
          field += junk;
        }
      } else {
        while (i < n && text[i] !== ',' && !atLineEnd(i)) field += text[i++];
        field = field.trim();
      }
      fields.push(field);
      field = '';
      if (i < n && text[i] === ',') {
        i++;
        continue;
      }
      recordDone = true;
    }
    if (i < n) skipLineEnd();
    if (!current) {
      issues.push({ severity: 'error', message: 'a record before the first [SECTION] label was ignored', field: null, line: startLine });
      continue;
    }
    current.rows.push({ fields, line: startLine });
  }
  return { sections, issues };
}
