import { sha256Base64 } from '../../domain/index.js';
import { ApiError } from '../../http/ApiError.js';
import { param, type RouteContext } from '../../http/RouteContext.js';
import { raw, type RouteResult } from '../../http/RouteResult.js';
import { SessionRegistry } from '../../sessions/SessionRegistry.js';
import type { RouteModule, SimulatorServices } from '../../SimulatorServices.js';
import type { SessionRecord } from '../../state/SessionRecord.js';

const readers = ['InvoiceWrite', 'Introspection', 'PefInvoiceWrite', 'EnforcementOperations'];

/** A UPO document: `application/xml` with its SHA-256 in `x-ms-meta-hash` (ksef-api.md §6.5). */
function upoResult(xml: string): RouteResult {
  const bytes = Buffer.from(xml, 'utf8');
  return raw(200, bytes, 'application/xml', { 'x-ms-meta-hash': sha256Base64(bytes) });
}

const upoNotFound = (detail: string): ApiError => ApiError.badRequest(21178, 'Nie znaleziono UPO dla podanych kryteriów.', [detail]);

function invoiceUpo(session: SessionRecord, invoiceReference: string): string {
  const invoice = session.invoices.find((i) => i.referenceNumber === invoiceReference);
  if (invoice?.upoXml === undefined) throw upoNotFound(`UPO faktury o numerze referencyjnym ${invoiceReference} w sesji ${session.referenceNumber} nie zostało znalezione.`);
  return invoice.upoXml;
}

function pageUpo(session: SessionRecord, upoReference: string): string {
  const upoPage = session.upoPages.find((p) => p.referenceNumber === upoReference);
  if (upoPage === undefined) throw upoNotFound(`UPO o numerze referencyjnym ${upoReference} dla sesji ${session.referenceNumber} nie zostało znalezione.`);
  return upoPage.xml;
}

/**
 * The three authenticated UPO downloads and the pre-signed `/storage/upo/…` links handed out in
 * `upoDownloadUrl`/`downloadUrl` (no Bearer token, expiring, never rate-limited; ksef-api.md §6.2).
 */
export const upoRoutes: RouteModule = (sim: SimulatorServices) => {
  const sessions = new SessionRegistry(sim);
  const storageSession = (reference: string): SessionRecord => {
    const session = sim.state.sessions[reference];
    if (session === undefined) throw new ApiError(404, [], 'Nie znaleziono zasobu.');
    return session;
  };
  const presigned = (handle: (ctx: RouteContext) => RouteResult) =>
    (ctx: RouteContext): RouteResult => {
      const check = sim.presigned.check(ctx.path, ctx.query, sim.clock.nowMs());
      if (check !== 'valid') throw ApiError.forbidden('insufficient-resource-access', check === 'expired' ? 'Link wygasł.' : 'Nieprawidłowy podpis linku.');
      return handle(ctx);
    };
  return [
    {
      method: 'GET',
      path: '/v2/sessions/{referenceNumber}/invoices/{invoiceReferenceNumber}/upo',
      auth: 'access',
      permissions: readers,
      handle: (ctx) => upoResult(invoiceUpo(sessions.get(param(ctx, 'referenceNumber'), ctx.principal), param(ctx, 'invoiceReferenceNumber'))),
    },
    {
      method: 'GET',
      path: '/v2/sessions/{referenceNumber}/invoices/ksef/{ksefNumber}/upo',
      auth: 'access',
      permissions: readers,
      handle: (ctx) => {
        const session = sessions.get(param(ctx, 'referenceNumber'), ctx.principal);
        const ksefNumber = param(ctx, 'ksefNumber');
        const invoice = session.invoices.find((i) => i.ksefNumber === ksefNumber);
        if (invoice?.upoXml === undefined) throw upoNotFound(`UPO o numerze KSeF ${ksefNumber} i numerze referencyjnym sesji ${session.referenceNumber} nie zostało znalezione.`);
        return upoResult(invoice.upoXml);
      },
    },
    {
      method: 'GET',
      path: '/v2/sessions/{referenceNumber}/upo/{upoReferenceNumber}',
      auth: 'access',
      permissions: readers,
      handle: (ctx) => upoResult(pageUpo(sessions.get(param(ctx, 'referenceNumber'), ctx.principal), param(ctx, 'upoReferenceNumber'))),
    },
    {
      method: 'GET',
      path: '/storage/upo/{referenceNumber}/invoices/{invoiceReferenceNumber}',
      auth: 'public',
      handle: presigned((ctx) => upoResult(invoiceUpo(storageSession(param(ctx, 'referenceNumber')), param(ctx, 'invoiceReferenceNumber')))),
    },
    {
      method: 'GET',
      path: '/storage/upo/{referenceNumber}/pages/{upoReferenceNumber}',
      auth: 'public',
      handle: presigned((ctx) => upoResult(pageUpo(storageSession(param(ctx, 'referenceNumber')), param(ctx, 'upoReferenceNumber')))),
    },
  ];
};
