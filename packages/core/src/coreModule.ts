import { ContainerModule } from 'inversify';
import { coreTokens } from './coreTokens.js';
import { CryptographyService } from './crypto/CryptographyService.js';
import { systemClock } from './time/systemClock.js';
import { InvoiceValidator } from './fa/validation/InvoiceValidator.js';
import { LibxmlXsdValidator } from './fa/validation/LibxmlXsdValidator.js';

/**
 * Binds every core service. Load it into an inversify `Container` (import 'reflect-metadata' once
 * at your entry point first); users without a container call the plain factories instead.
 */
export const coreModule = new ContainerModule(({ bind }) => {
  bind(coreTokens.Clock).toConstantValue(systemClock);
  bind(coreTokens.CryptographyService).to(CryptographyService).inSingletonScope();
  bind(coreTokens.XsdValidator).to(LibxmlXsdValidator).inSingletonScope();
  bind(coreTokens.InvoiceValidator).to(InvoiceValidator).inSingletonScope();
});
