/** @ksef-connect/core — KSeF 2.0 crypto, identifiers, FA validation, auth and sessions. */
export { coreModule } from './coreModule.js';
export { coreTokens } from './coreTokens.js';
export type { Clock } from './time/Clock.js';
export { systemClock } from './time/systemClock.js';
export type { KsefEnvironmentName } from './KsefEnvironment.js';
export { ksefEnvironmentUrls, parseKsefEnvironmentName } from './KsefEnvironment.js';
