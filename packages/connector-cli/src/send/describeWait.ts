import type { RateLimitGroup, RateLimitWait } from '@ksef-connect/core';

// What each KSeF rate-limit group counts (limity/limity-api.md), in words for the progress line.
const counted: Readonly<Record<RateLimitGroup, string>> = {
  invoiceSend: 'online sends',
  onlineSession: 'online session opens and closes',
  batchSession: 'batch session opens and closes',
  invoiceStatus: 'invoice status reads',
  sessionList: 'session list reads',
  sessionInvoiceList: 'session invoice list reads',
  sessionMisc: 'session status and UPO reads',
  invoiceMetadata: 'invoice metadata queries',
  invoiceExport: 'invoice exports',
  invoiceExportStatus: 'export status reads',
  invoiceDownload: 'invoice downloads',
  other: 'calls to this endpoint',
  public: 'unauthenticated calls from this IP address',
};

const per = { second: 'second', minute: 'minute', hour: 'hour' } as const;

/**
 * One stderr line announcing a rate-limit wait, e.g. "KSeF allows 180 online sends per hour for
 * this context; waiting 14 min (until 13:05) — use batch for volume". `timeZone` is for tests.
 */
export function describeWait(wait: RateLimitWait, timeZone?: string): string {
  const how = `waiting ${duration(wait.waitMs)} (until ${clockTime(wait.until, wait.waitMs, timeZone)})`;
  // KSeF recommends batch sessions for anything beyond single invoices (limity/limity-api.md, "Wysyłka faktur").
  const advice = wait.group === 'invoiceSend' || wait.group === 'onlineSession' ? ' — use batch for volume' : '';
  if (wait.reason === 'budget') {
    return `KSeF allows ${wait.limit} ${counted[wait.group]} per ${per[wait.window]} for this context; ${how}${advice}`;
  }
  const named = wait.limit !== undefined && wait.window !== undefined ? ` (limit ${wait.limit} per ${per[wait.window]})` : '';
  return `KSeF refused ${counted[wait.group]} with 429 Too Many Requests${named}; ${how} as it asked${advice}`;
}

/** "45 s", "14 min", "1 h 5 min": rounded up, so the wait is never shorter than announced. */
function duration(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return minutes % 60 === 0 ? `${minutes / 60} h` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** Local wall-clock time, to the second when the wait is under a minute. */
function clockTime(at: Date, waitMs: number, timeZone: string | undefined): string {
  return new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    ...(waitMs < 60_000 && { second: '2-digit' }),
    hourCycle: 'h23',
    ...(timeZone !== undefined && { timeZone }),
  }).format(at);
}
