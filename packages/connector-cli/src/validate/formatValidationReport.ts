import type { InvoiceFileValidationResult, ValidationIssue } from '@ksef-connect/core/validation';

// Rules that come from KSeF's acceptance checks (faktury/weryfikacja-faktury.md), not from the XSD
// or XML itself: the human report names them.
const ksefRules = new Set<ValidationIssue['rule']>(['bom', 'encoding', 'pi', 'char', 'size', 'p1-future', 'nip']);

/** The human report: a line per file (`OK`/`INVALID`), then its errors and warnings, then a summary. */
export function formatValidationReport(results: readonly InvoiceFileValidationResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    lines.push(`${r.file}: ${r.valid ? 'OK' : 'INVALID'}${r.form === null ? '' : ` (${r.form})`}`);
    for (const e of r.errors) lines.push(issueLine(r.file, e, ''));
    for (const w of r.warnings) lines.push(issueLine(r.file, w, 'warning: '));
  }
  const invalid = results.filter((r) => !r.valid).length;
  lines.push(`${results.length} file${results.length === 1 ? '' : 's'}: ${results.length - invalid} valid, ${invalid} invalid.`);
  return `${lines.join('\n')}\n`;
}

function issueLine(file: string, issue: ValidationIssue, prefix: string): string {
  const where = `${file}:${issue.line ?? '-'}:${issue.column ?? '-'}`;
  const rule = ksefRules.has(issue.rule) ? ` [KSeF rule: ${issue.rule}]` : '';
  return `  ${where}  ${issue.path ?? '-'}  ${prefix}${issue.message}${rule}`;
}

/** The `--json` report: one array, one object per file, in order. */
export function formatValidationJson(results: readonly InvoiceFileValidationResult[]): string {
  return `${JSON.stringify(results.map((r) => ({ file: r.file, valid: r.valid, form: r.form, errors: r.errors, warnings: r.warnings })))}\n`;
}
