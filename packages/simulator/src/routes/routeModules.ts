import type { RouteModule } from '../SimulatorServices.js';
import { authRoutes } from './auth/authRoutes.js';
import { authSessionRoutes } from './auth/authSessionRoutes.js';
import { batchRoutes } from './batch/batchRoutes.js';
import { limitRoutes } from './limits/limitRoutes.js';
import { onlineSessionRoutes } from './online/onlineSessionRoutes.js';
import { securityRoutes } from './security/securityRoutes.js';
import { sessionStatusRoutes } from './sessions/sessionStatusRoutes.js';
import { upoRoutes } from './sessions/upoRoutes.js';
import { tokenRoutes } from './tokens/tokenRoutes.js';

/** Every route module the simulator serves. One line per feature. */
export const routeModules: readonly RouteModule[] = [
  securityRoutes,
  authRoutes,
  authSessionRoutes,
  tokenRoutes,
  onlineSessionRoutes,
  batchRoutes,
  sessionStatusRoutes,
  upoRoutes,
  limitRoutes,
];
