import { readFileSync } from 'node:fs';
import { openApiPath } from '@ksef-connect/spec';

/** Request caps of one window set; `undefined` means the window is not limited. */
export interface RateLimitValues {
  readonly perSecond: number;
  readonly perMinute?: number;
  readonly perHour?: number;
}

/**
 * The limit groups exactly as `GET /rate-limits` names them (open-api.json `EffectiveApiRateLimits`),
 * plus `public`: the per-IP, per-second cap of unauthenticated and auth endpoints, which the spec
 * marks with group "-".
 */
export type RateLimitGroup =
  | 'onlineSession'
  | 'batchSession'
  | 'invoiceSend'
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

/** The groups `GET /rate-limits` reports, in the schema's order. */
export const effectiveRateLimitGroups = [
  'onlineSession', 'batchSession', 'invoiceSend', 'invoiceStatus', 'sessionList', 'sessionInvoiceList',
  'sessionMisc', 'invoiceMetadata', 'invoiceExport', 'invoiceExportStatus', 'invoiceDownload', 'other',
] as const satisfies readonly RateLimitGroup[];

/** One documented operation with its limit group and production limits. */
export interface OperationRateLimit {
  readonly method: string;
  /** Path template under `/v2`, e.g. `/sessions/{referenceNumber}`. */
  readonly pathTemplate: string;
  readonly group: RateLimitGroup;
  readonly limits: RateLimitValues;
}

const groups = new Set<string>([...effectiveRateLimitGroups]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Each operation's 429 description holds a table row
// `| **Limity liczby żądań** | 10 | 120 | 1200 | sessionMisc` naming the group; `x-rate-limits` holds
// the same numbers. The row is the only place the group name appears, so it is read from there.
function readOperationRateLimits(): OperationRateLimit[] {
  const spec: unknown = JSON.parse(readFileSync(openApiPath, 'utf8'));
  if (!isRecord(spec) || !isRecord(spec.paths)) throw new Error('open-api.json has no paths');
  const result: OperationRateLimit[] = [];
  for (const [pathTemplate, item] of Object.entries(spec.paths)) {
    if (!isRecord(item)) continue;
    for (const [method, operation] of Object.entries(item)) {
      if (!isRecord(operation) || !isRecord(operation.responses)) continue;
      const tooMany = operation.responses['429'];
      const description = isRecord(tooMany) && typeof tooMany.description === 'string' ? tooMany.description : '';
      const row = /\|\s*\*\*Limity liczby żądań\*\*\s*\|\s*(\d+)\s*\|\s*([\d-]+)\s*\|\s*([\d-]+)\s*\|\s*([A-Za-z-]+)/.exec(description);
      if (!row) continue;
      const [, s = '', m = '', h = '', name = ''] = row;
      const group: RateLimitGroup = name === '-' ? 'public' : groups.has(name) ? (name as RateLimitGroup) : 'other';
      result.push({
        method: method.toUpperCase(),
        pathTemplate,
        group,
        limits: { perSecond: Number(s), ...(m === '-' ? {} : { perMinute: Number(m) }), ...(h === '-' ? {} : { perHour: Number(h) }) },
      });
    }
  }
  return result;
}

/** Every documented operation's rate-limit group and production values, read from open-api.json. */
export const operationRateLimits: readonly OperationRateLimit[] = readOperationRateLimits();

const matchers = operationRateLimits
  .map((op) => ({
    op,
    regex: new RegExp(`^${op.pathTemplate.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`),
    // literal segments win over parameters: /sessions/{ref}/invoices/failed before /{invoiceReferenceNumber}
    literalLength: op.pathTemplate.replace(/\{[^}]+\}/g, '').length,
  }))
  .sort((a, b) => b.literalLength - a.literalLength);

/**
 * The documented operation a request hits, from its method and path under `/v2` (query string
 * ignored); `undefined` for paths open-api.json does not have.
 */
export function findOperationRateLimit(method: string, path: string): OperationRateLimit | undefined {
  const bare = path.split('?')[0] ?? path;
  const upper = method.toUpperCase();
  return matchers.find((m) => m.op.method === upper && m.regex.test(bare))?.op;
}
