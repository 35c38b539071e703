import type { JwtCodec } from './auth/JwtCodec.js';
import type { SimulatorClock } from './domain/SimulatorClock.js';
import type { DuplicateRegistry, InvoiceInspector, UpoBuilder } from './domain/index.js';
import type { RateLimiter } from './domain/limits/RateLimiter.js';
import type { KsefNumberFactory } from './domain/ids/KsefNumberFactory.js';
import type { ReferenceNumberFactory } from './domain/ids/ReferenceNumberFactory.js';
import type { SimulatorKeyRing } from './domain/keys/SimulatorKeyRing.js';
import type { FaultPlan } from './faults/FaultPlan.js';
import type { Route } from './http/Route.js';
import type { ContinuationTokens } from './paging/ContinuationTokens.js';
import type { SimulatorConfig } from './SimulatorConfig.js';
import type { SimulatorState } from './state/SimulatorState.js';
import type { PresignedUrls } from './storage/PresignedUrls.js';

/**
 * What route modules work with: the clock, the state, the id factories, the keys and the signers of
 * one simulator instance. Built once by `startSimulator`.
 */
export interface SimulatorServices {
  readonly clock: SimulatorClock;
  readonly config: SimulatorConfig;
  readonly state: SimulatorState;
  readonly references: ReferenceNumberFactory;
  readonly ksefNumbers: KsefNumberFactory;
  readonly keys: SimulatorKeyRing;
  readonly jwt: JwtCodec;
  readonly presigned: PresignedUrls;
  readonly duplicates: DuplicateRegistry;
  readonly limiter: RateLimiter;
  readonly faults: FaultPlan;
  readonly inspector: InvoiceInspector;
  readonly upo: UpoBuilder;
  readonly continuation: ContinuationTokens;
  /** Call after every state change, so a `dataDir` snapshot follows. */
  readonly changed: () => void;
}

/**
 * A feature's routes (`routes/<feature>/<feature>Routes.ts`). Add a module to `routes/routeModules.ts`
 * to serve it; the dispatcher applies auth, rate limits and fault injection from the route data.
 */
export type RouteModule = (services: SimulatorServices) => readonly Route[];
