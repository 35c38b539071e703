import type { SubmissionOutcomeKind } from '@ksef-connect/core';
import type { InvoiceReport, SendReport } from './SendReport.js';
import { columnWidth } from '../report/columnWidth.js';

/** The `--json` output: exactly one JSON object and a newline. */
export function formatSendJson(report: SendReport): string {
  return `${JSON.stringify({ sessions: report.sessions, invoices: report.invoices })}\n`;
}

const order: readonly SubmissionOutcomeKind[] = ['accepted', 'alreadyInKsef', 'rejected', 'invalid', 'notSent', 'unknown'];

/**
 * The human summary on stdout: one row per file (its outcome and KSeF number, or why not), the
 * sessions with their status and UPO files, the counts, and — for anything not settled — the
 * `ksef` command that follows up. `baseUrl` is the API the run talked to.
 */
export function formatSendReport(report: SendReport, baseUrl: string): string {
  const fileWidth = columnWidth(4, report.invoices.map((i) => i.file));
  const resultWidth = columnWidth(6, report.invoices.map((i) => i.outcome));
  const lines = [`${'FILE'.padEnd(fileWidth)}  ${'RESULT'.padEnd(resultWidth)}  KSeF NUMBER / REASON`];
  for (const invoice of report.invoices) lines.push(`${invoice.file.padEnd(fileWidth)}  ${invoice.outcome.padEnd(resultWidth)}  ${detail(invoice)}`);
  if (report.sessions.length > 0) {
    lines.push('', 'Sessions:');
    const formWidth = Math.max(...report.sessions.map((s) => s.formCode.length));
    for (const s of report.sessions) {
      const status = s.status ? `${s.status.code} ${s.status.description}` : 'status unknown';
      lines.push(`  ${s.referenceNumber}  ${s.formCode.padEnd(formWidth)}  ${status}${s.upoFiles.length > 0 ? `  UPO: ${s.upoFiles.join(', ')}` : ''}`);
    }
  }
  const count = (kind: SubmissionOutcomeKind): number => report.invoices.filter((i) => i.outcome === kind).length;
  lines.push('', `${order.map((kind) => `${count(kind)} ${kind}`).join(', ')}.`);
  const upos = report.invoices.filter((i) => i.upoFile !== null).length;
  if (upos > 0) lines.push(`Invoice UPOs written: ${upos} (<ksefNumber>.xml beside the session UPO pages).`);
  if (report.stopped === 'interrupted') lines.push('', 'Interrupted: no further invoices were sent and every open session was closed.');
  if (count('notSent') > 0) {
    lines.push('', 'Files marked notSent never reached KSeF: run the same command again to send them. Files KSeF', 'already has come back as alreadyInKsef with their KSeF number, so nothing is registered twice.');
  }
  if (count('unknown') > 0) {
    const sessions = [...new Set(report.invoices.filter((i) => i.outcome === 'unknown').map((i) => i.sessionReferenceNumber).filter((s) => s !== null))];
    lines.push(
      '',
      `KSeF has not finished processing some invoices (at ${baseUrl}). Nothing was sent twice.`,
      'Look them up later, from any machine, with the same credentials:',
      ...sessions.map((s) => `  ksef status --session ${s} --nip … (--env … | --base-url …) --upo-dir …`),
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
  const status = invoice.status;
  const where = `session ${invoice.sessionReferenceNumber ?? '?'}, invoice ${invoice.referenceNumber ?? '(reference unknown)'}`;
  switch (invoice.outcome) {
    case 'accepted':
      return invoice.ksefNumber ?? '';
    case 'alreadyInKsef':
      return `${invoice.ksefNumber ?? ''} (already in KSeF from session ${invoice.sessionReferenceNumber ?? '?'}; not registered twice)`;
    case 'unknown':
      return status === null ? `outcome unknown — ${where}` : `still ${status.code} ${status.description} — ${where}`;
    case 'notSent':
      return invoice.message;
    default: {
      if (status === null) return invoice.message;
      const original = status.extensions?.['originalKsefNumber'];
      if (original) return invoice.message;
      const details = status.details.length > 0 ? ` (${status.details.join('; ')})` : '';
      return `${status.code} ${status.description}${details}`;
    }
  }
}
