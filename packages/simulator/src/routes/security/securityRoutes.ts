import type { RouteModule } from '../../SimulatorServices.js';
import { json } from '../../http/RouteResult.js';

/** `GET /security/public-key-certificates`: the simulator's own certificates, one per usage (ksef-api.md §3). */
export const securityRoutes: RouteModule = (sim) => [
  {
    method: 'GET',
    path: '/v2/security/public-key-certificates',
    auth: 'public',
    handle: () => json(200, sim.keys.publicKeyCertificates()),
  },
];
