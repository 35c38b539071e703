/**
 * `@ksef-connect/core/container` — the inversify composition: `coreModule` binds every core service
 * against `coreTokens`. Kept out of the package index so that plain imports of core never load
 * inversify (ARCHITECTURE.md §4.3: inversify only at composition roots). Import 'reflect-metadata'
 * once at your entry point first.
 */
export { coreModule } from './coreModule.js';
export { coreTokens } from './coreTokens.js';
