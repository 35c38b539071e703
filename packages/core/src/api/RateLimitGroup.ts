/**
 * KSeF's rate-limit groups (`limity/limity-api.md`, ksef-api.md §10.2), plus `public` for the
 * endpoints limited only per IP and second, and `none` for pre-signed storage URLs.
 */
export type RateLimitGroup =
  | 'onlineSession'
  | 'invoiceSend'
  | 'batchSession'
  | 'invoiceStatus'
  | 'sessionList'
  | 'sessionInvoiceList'
  | 'sessionMisc'
  | 'invoiceMetadata'
  | 'invoiceExport'
  | 'invoiceExportStatus'
  | 'invoiceDownload'
  | 'other'
  | 'public';

/** Requests allowed in the sliding last second, minute and hour; undefined means no limit. */
export interface RateLimitBudget {
  readonly perSecond?: number;
  readonly perMinute?: number;
  readonly perHour?: number;
}

/**
 * The production limits of open-api.json `x-rate-limits` (TEST defaults equal them since 2.5.0).
 * Our client-side budget stays under them so KSeF rarely has to answer 429.
 */
export const defaultRateLimitBudgets: Readonly<Record<RateLimitGroup, RateLimitBudget>> = {
  onlineSession: { perSecond: 10, perMinute: 30, perHour: 120 },
  invoiceSend: { perSecond: 10, perMinute: 30, perHour: 180 },
  batchSession: { perSecond: 10, perMinute: 20, perHour: 60 },
  invoiceStatus: { perSecond: 30, perMinute: 120, perHour: 1200 },
  sessionList: { perSecond: 5, perMinute: 10, perHour: 60 },
  sessionInvoiceList: { perSecond: 10, perMinute: 20, perHour: 200 },
  sessionMisc: { perSecond: 10, perMinute: 120, perHour: 1200 },
  invoiceMetadata: { perSecond: 8, perMinute: 16, perHour: 20 },
  invoiceExport: { perSecond: 8, perMinute: 16, perHour: 20 },
  invoiceExportStatus: { perSecond: 10, perMinute: 60, perHour: 600 },
  invoiceDownload: { perSecond: 8, perMinute: 16, perHour: 64 },
  other: { perSecond: 10, perMinute: 30, perHour: 120 },
  public: { perSecond: 60 },
};
