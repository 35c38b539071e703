import type { RouteModule } from '../SimulatorServices.js';
import { securityRoutes } from './security/securityRoutes.js';

/** Every route module the simulator serves. One line per feature. */
export const routeModules: readonly RouteModule[] = [
  securityRoutes,
];
