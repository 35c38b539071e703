import { ContainerModule } from 'inversify';
import { coreTokens } from './coreTokens.js';
import { KsefClient } from './client/KsefClient.js';
import type { KsefClientOptions } from './client/KsefClientOptions.js';
import type { Clock } from './time/Clock.js';
import { CryptographyService } from './crypto/CryptographyService.js';
import { systemClock } from './time/systemClock.js';
import { InvoiceValidator } from './fa/validation/InvoiceValidator.js';
import { LibxmlXsdValidator } from './fa/validation/LibxmlXsdValidator.js';
import type { XsdValidator } from './fa/validation/XsdValidator.js';
import { InvoiceRenderer } from './fa/render/InvoiceRenderer.js';

/**
 * Binds every core service. Load it into an inversify `Container` (import 'reflect-metadata' once
 * at your entry point first); users without a container call the plain factories instead.
 */
export const coreModule = new ContainerModule(({ bind }) => {
  bind(coreTokens.Clock).toConstantValue(systemClock);
  // Services are plain classes (ARCHITECTURE.md §4.3: inversify only at composition roots), so they
  // load without inversify — the validation worker threads start faster for it.
  bind(coreTokens.CryptographyService)
    .toDynamicValue((context) => new CryptographyService(context.get<Clock>(coreTokens.Clock)))
    .inSingletonScope();
  bind(coreTokens.XsdValidator).toDynamicValue(() => new LibxmlXsdValidator()).inSingletonScope();
  bind(coreTokens.InvoiceValidator)
    .toDynamicValue(
      (context) => new InvoiceValidator(context.get<XsdValidator>(coreTokens.XsdValidator), context.get<Clock>(coreTokens.Clock)),
    )
    .inSingletonScope();
  bind(coreTokens.InvoiceRenderer)
    .toDynamicValue(
      (context) =>
        new InvoiceRenderer(context.get<Clock>(coreTokens.Clock), context.get<InvoiceValidator>(coreTokens.InvoiceValidator)),
    )
    .inSingletonScope();
  // The client takes the container's clock and validator unless its options name others.
  bind(coreTokens.KsefClient)
    .toDynamicValue((context) => {
      const options = context.get<KsefClientOptions>(coreTokens.KsefClientOptions);
      return new KsefClient({
        clock: context.get<Clock>(coreTokens.Clock),
        validator: context.get<InvoiceValidator>(coreTokens.InvoiceValidator),
        ...options,
      });
    })
    .inSingletonScope();
});
