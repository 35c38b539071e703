import { ContainerModule } from 'inversify';
import { coreTokens } from './coreTokens.js';
import { CryptographyService } from './crypto/CryptographyService.js';
import { systemClock } from './time/systemClock.js';

/**
 * Binds every core service. Load it into an inversify `Container` (import 'reflect-metadata' once
 * at your entry point first); users without a container call the plain factories instead.
 */
export const coreModule = new ContainerModule(({ bind }) => {
  bind(coreTokens.Clock).toConstantValue(systemClock);
  bind(coreTokens.CryptographyService).to(CryptographyService).inSingletonScope();
});
