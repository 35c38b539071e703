import { invoiceResult, type InvoiceReport, type SendReport } from './SendReport.js';

/** The `--json` output: exactly one JSON object and a newline. */
export function formatSendJson(report: SendReport): string {
  return `${JSON.stringify({ sessions: report.sessions, invoices: report.invoices })}\n`;
}

/**
 * The human summary on stdout: one row per file (result and KSeF number, or why not), the sessions
 * with their status and UPO files, the counts, and — when outcomes are still unknown — how to look
 * them up later without sending anything twice. `baseUrl` is the API the run talked to.
 */
export function formatSendReport(report: SendReport, baseUrl: string): string {
  const rows = report.invoices.map((invoice) => [invoice.file, invoiceResult(invoice), detail(invoice)] as const);
  const fileWidth = Math.max(4, ...rows.map(([file]) => file.length));
  const lines = [`${'FILE'.padEnd(fileWidth)}  RESULT    KSeF NUMBER / REASON`];
  for (const [file, result, text] of rows) lines.push(`${file.padEnd(fileWidth)}  ${result.padEnd(8)}  ${text}`);
  if (report.sessions.length > 0) {
    lines.push('', 'Sessions:');
    const formWidth = Math.max(...report.sessions.map((s) => s.formCode.length));
    for (const s of report.sessions) {
      const status = s.status ? `${s.status.code} ${s.status.description}` : 'status unknown';
      lines.push(`  ${s.referenceNumber}  ${s.formCode.padEnd(formWidth)}  ${status}${s.upoFiles.length > 0 ? `  UPO: ${s.upoFiles.join(', ')}` : ''}`);
    }
  }
  const count = (r: string): number => rows.filter(([, result]) => result === r).length;
  lines.push('', `${count('accepted')} accepted, ${count('rejected')} rejected, ${count('unknown')} unknown.`);
  const upos = report.invoices.filter((i) => i.upoFile !== null).length;
  if (upos > 0) lines.push(`Invoice UPOs written: ${upos} (<ksefNumber>.xml beside the session UPO pages).`);
  if (count('unknown') > 0) {
    lines.push(
      '',
      'KSeF has not finished processing some invoices within --wait-timeout. Nothing was resent.',
      'Look each one up later by its session and invoice reference (shown above), e.g.',
      `  GET ${baseUrl}/sessions/<session reference>/invoices/<invoice reference>`,
      'or run the same command again later: an invoice KSeF already has comes back as 440 (duplicate)',
      'with its original KSeF number, so nothing is taken twice.',
    );
  }
  return `${lines.join('\n')}\n`;
}

function detail(invoice: InvoiceReport): string {
  const local = invoice.validationErrors[0];
  if (local) {
    const more = invoice.validationErrors.length > 1 ? ` (+${invoice.validationErrors.length - 1} more)` : '';
    return `${local.rule === 'refused' ? 'not sent' : 'invalid, not sent'}: ${local.line !== null ? `line ${local.line}: ` : ''}${local.message}${more}`;
  }
  if (invoice.ksefNumber !== null) return invoice.ksefNumber;
  const status = invoice.status;
  const where = `session ${invoice.sessionReferenceNumber ?? '?'}, invoice ${invoice.referenceNumber ?? '(reference unknown)'}`;
  if (status === null) return `outcome unknown — ${where}`;
  if (status.code === 100 || status.code === 150) return `still ${status.code} ${status.description} — ${where}`;
  const original = status.extensions?.['originalKsefNumber'];
  const details = status.details.length > 0 ? ` (${status.details.join('; ')})` : '';
  return original
    ? `${status.code} duplicate of ${original} (session ${status.extensions?.['originalSessionReferenceNumber'] ?? '?'})`
    : `${status.code} ${status.description}${details}`;
}
