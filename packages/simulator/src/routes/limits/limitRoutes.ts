import { effectiveApiRateLimits } from '../../domain/index.js';
import { json } from '../../http/RouteResult.js';
import type { RouteModule } from '../../SimulatorServices.js';

// Default session limits (ksef-api.md §10.3): 1 MB, 3 MB with attachment, 10 000 invoices.
const sessionLimits = { maxInvoiceSizeInMB: 1, maxInvoiceWithAttachmentSizeInMB: 3, maxInvoices: 10_000 };

/** What is in force: `GET /rate-limits`, `GET /limits/context`, `GET /limits/subject` (ksef-api.md §10). */
export const limitRoutes: RouteModule = (sim) => [
  {
    method: 'GET',
    path: '/v2/rate-limits',
    auth: 'access',
    handle: () => json(200, effectiveApiRateLimits(sim.limiter.currentProfile)),
  },
  {
    method: 'GET',
    path: '/v2/limits/context',
    auth: 'access',
    handle: () => json(200, { onlineSession: { ...sessionLimits }, batchSession: { ...sessionLimits } }),
  },
  {
    method: 'GET',
    path: '/v2/limits/subject',
    auth: 'access',
    // Per-subject certificate limits for a NIP subject (ksef-api.md §10.3): 300 enrollments, 100 active.
    handle: () => json(200, { enrollment: { maxEnrollments: 300 }, certificate: { maxCertificates: 100 } }),
  },
];
