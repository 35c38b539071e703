import type { InvoiceLookupOutcome, InvoiceLookupReport, StatusReport } from './StatusReport.js';
import { columnWidth } from '../report/columnWidth.js';

/** The `--json` output: exactly one JSON object and a newline. */
export function formatStatusJson(report: StatusReport): string {
  return `${JSON.stringify({ session: report.session, invoices: report.invoices })}\n`;
}

const order: readonly InvoiceLookupOutcome[] = ['accepted', 'alreadyInKsef', 'rejected', 'processing', 'notFound'];

/**
 * The human summary on stdout, shaped like `ksef send`'s: the session with its status and UPO
 * files, one row per invoice (reference, invoice number, result, KSeF number or why not), the
 * counts, and — for anything not settled — the `ksef` command that follows up.
 */
export function formatStatusReport(report: StatusReport): string {
  const { session } = report;
  const counts = session.invoiceCount === null ? '' : ` (${session.invoiceCount} invoice(s): ${session.successfulInvoiceCount ?? 0} accepted, ${session.failedInvoiceCount ?? 0} failed)`;
  const details = session.status.details.length > 0 ? ` — ${session.status.details.join('; ')}` : '';
  const lines = [`Session ${session.referenceNumber}: ${session.status.code} ${session.status.description}${details}${counts}`];
  if (session.upoFiles.length > 0) lines.push(`Session UPO: ${session.upoFiles.join(', ')}`);
  lines.push('');
  if (report.invoices.length === 0) {
    lines.push('The session lists no invoices.');
  } else {
    const referenceWidth = columnWidth(9, report.invoices.map((i) => i.referenceNumber));
    const numberWidth = columnWidth(7, report.invoices.map((i) => i.invoiceNumber ?? ''));
    const resultWidth = columnWidth(6, report.invoices.map((i) => i.outcome));
    lines.push(`${'REFERENCE'.padEnd(referenceWidth)}  ${'INVOICE'.padEnd(numberWidth)}  ${'RESULT'.padEnd(resultWidth)}  KSeF NUMBER / REASON`);
    for (const invoice of report.invoices) {
      lines.push(`${invoice.referenceNumber.padEnd(referenceWidth)}  ${(invoice.invoiceNumber ?? '').padEnd(numberWidth)}  ${invoice.outcome.padEnd(resultWidth)}  ${detail(invoice)}`);
    }
  }
  const count = (kind: InvoiceLookupOutcome): number => report.invoices.filter((i) => i.outcome === kind).length;
  lines.push('', `${order.map((kind) => `${count(kind)} ${kind}`).join(', ')}.`);
  const upos = report.invoices.filter((i) => i.upoFile !== null).length;
  if (upos > 0) lines.push(`Invoice UPOs written: ${upos} (<ksefNumber>.xml beside the session UPO pages).`);
  if (count('notFound') > 0) {
    lines.push('', `Invoices marked notFound are not in session ${session.referenceNumber}: check the references, or list the session's invoices with`, `  ksef status --session ${session.referenceNumber} (without --invoice)`);
  }
  if (count('processing') > 0) {
    lines.push('', 'KSeF has not finished processing some invoices. Nothing was resent. Ask again later (or wait with --wait-timeout S):', `  ksef status --session ${session.referenceNumber} --nip … (--env … | --base-url …) --upo-dir …`);
  }
  return `${lines.join('\n')}\n`;
}

function detail(invoice: InvoiceLookupReport): string {
  const { status } = invoice;
  switch (invoice.outcome) {
    case 'accepted':
      return invoice.ksefNumber ?? '';
    case 'alreadyInKsef':
      return `${invoice.ksefNumber ?? ''} (already in KSeF from session ${status?.extensions?.['originalSessionReferenceNumber'] ?? '?'}; not registered twice)`;
    case 'processing':
      return status === null ? 'processing' : `still ${status.code} ${status.description}`;
    case 'notFound':
      return 'no such invoice in this session';
    default: {
      if (status === null) return invoice.message;
      if (status.extensions?.['originalKsefNumber']) return invoice.message;
      const details = status.details.length > 0 ? ` (${status.details.join('; ')})` : '';
      return `${status.code} ${status.description}${details}`;
    }
  }
}
