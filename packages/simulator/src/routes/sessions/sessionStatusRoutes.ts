import { formatKsefDateTime } from '../../domain/index.js';
import { ApiError } from '../../http/ApiError.js';
import { param, type RouteContext } from '../../http/RouteContext.js';
import { json } from '../../http/RouteResult.js';
import { page } from '../../paging/page.js';
import { pageSize } from '../../paging/pageSize.js';
import { parseDateFilter } from '../../paging/parseDateFilter.js';
import { commonSessionStatus } from '../../sessions/commonSessionStatus.js';
import { invoiceStatusView } from '../../sessions/invoiceStatusView.js';
import { isInvoiceFinal, SessionProcessing } from '../../sessions/SessionProcessing.js';
import { SessionRegistry } from '../../sessions/SessionRegistry.js';
import { invoiceCounts, sessionStatusView } from '../../sessions/sessionStatusView.js';
import type { RouteModule } from '../../SimulatorServices.js';

const readers = ['InvoiceWrite', 'Introspection', 'PefInvoiceWrite', 'EnforcementOperations'];
const statuses = ['InProgress', 'Succeeded', 'Failed', 'Cancelled'];

/**
 * Session and invoice status (ksef-api.md §6.1–6.3). Each read also drives the simulated
 * asynchronous processing one step (see {@link SessionProcessing}).
 */
export const sessionStatusRoutes: RouteModule = (sim) => {
  const sessions = new SessionRegistry(sim);
  const processing = new SessionProcessing(sim);
  return [
    {
      method: 'GET',
      path: '/v2/sessions',
      auth: 'access',
      permissions: ['InvoiceWrite', 'Introspection', 'EnforcementOperations'],
      handle: (ctx) => {
        const q = ctx.query;
        const sessionType = q.get('sessionType');
        if (sessionType !== 'Online' && sessionType !== 'Batch') throw ApiError.validation('The sessionType field is required (Online or Batch).');
        const size = pageSize(q, 10, 1000);
        const wanted = q.getAll('statuses');
        const unknown = wanted.find((s) => !statuses.includes(s));
        if (unknown !== undefined) throw ApiError.validation(`The value '${unknown}' is not valid for statuses.`);
        const range = (name: string): [number | undefined, number | undefined] => [parseDateFilter(q, `${name}From`), parseDateFilter(q, `${name}To`)];
        const created = range('dateCreated');
        const closed = range('dateClosed');
        const modified = range('dateModified');
        const within = (ms: number | undefined, [from, to]: [number | undefined, number | undefined]): boolean =>
          (from === undefined || (ms !== undefined && ms >= from)) && (to === undefined || (ms !== undefined && ms <= to));
        const reference = q.get('referenceNumber');
        const principal = ctx.principal;
        if (principal === undefined) throw ApiError.unauthorized();
        const matching = sessions.list(principal).filter((s) => {
          processing.expireIfDue(s);
          return s.kind === sessionType
            && (reference === null || reference === '' || s.referenceNumber === reference)
            && (wanted.length === 0 || wanted.includes(commonSessionStatus(s)))
            && within(s.createdAtMs, created) && within(s.closedAtMs, closed) && within(s.updatedAtMs, modified);
        });
        const scope = `sessions|${principal.context?.value ?? ''}|${[...q.entries()].filter(([k]) => k !== 'pageSize').sort().join('&')}`;
        const result = page(ctx, sim.continuation, scope, matching, size);
        return json(200, {
          ...(result.continuationToken === undefined ? {} : { continuationToken: result.continuationToken }),
          sessions: result.items.map((s) => {
            const counts = invoiceCounts(s);
            return {
              referenceNumber: s.referenceNumber,
              status: s.status,
              dateCreated: formatKsefDateTime(new Date(s.createdAtMs)),
              dateUpdated: formatKsefDateTime(new Date(s.updatedAtMs)),
              validUntil: formatKsefDateTime(new Date(s.validUntilMs)),
              totalInvoiceCount: counts.total,
              successfulInvoiceCount: counts.successful,
              failedInvoiceCount: counts.failed,
            };
          }),
        });
      },
    },
    {
      method: 'GET',
      path: '/v2/sessions/{referenceNumber}',
      auth: 'access',
      permissions: readers,
      handle: (ctx) => {
        const session = sessions.get(param(ctx, 'referenceNumber'), ctx.principal);
        processing.observeSession(session);
        return json(200, sessionStatusView(sim, ctx.origin, session));
      },
    },
    ...(['invoices', 'invoices/failed'] as const).map((list) => ({
      method: 'GET' as const,
      path: `/v2/sessions/{referenceNumber}/${list}`,
      auth: 'access' as const,
      permissions: readers,
      handle: (ctx: RouteContext) => {
        const session = sessions.get(param(ctx, 'referenceNumber'), ctx.principal);
        const size = pageSize(ctx.query, 10, 1000);
        processing.expireIfDue(session);
        for (const invoice of session.invoices) processing.observeInvoice(session, invoice);
        const invoices = list === 'invoices' ? session.invoices : session.invoices.filter((i) => isInvoiceFinal(i) && i.status.code !== 200);
        const result = page(ctx, sim.continuation, `${list}|${session.referenceNumber}`, invoices, size);
        return json(200, {
          ...(result.continuationToken === undefined ? {} : { continuationToken: result.continuationToken }),
          invoices: result.items.map((i) => invoiceStatusView(sim, ctx.origin, session, i)),
        });
      },
    })),
    {
      method: 'GET',
      path: '/v2/sessions/{referenceNumber}/invoices/{invoiceReferenceNumber}',
      auth: 'access',
      permissions: readers,
      handle: (ctx) => {
        const session = sessions.get(param(ctx, 'referenceNumber'), ctx.principal);
        const invoice = sessions.invoice(session, param(ctx, 'invoiceReferenceNumber'));
        processing.observeInvoice(session, invoice);
        return json(200, invoiceStatusView(sim, ctx.origin, session, invoice));
      },
    },
  ];
};
