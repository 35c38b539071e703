import type { Layer } from '../http/Layer.js';
import type { SimulatorServices } from '../SimulatorServices.js';
import { SessionProcessing } from './SessionProcessing.js';

/**
 * Catches the asynchronous processing up with the simulator clock before every request, so stages
 * whose `stageDelayMs` is over have ended whatever the request is — a rerun's new session meets the
 * outcome of the invoices it sent before, without timers running in the background.
 */
export function processingLayer(sim: SimulatorServices): Layer {
  const processing = new SessionProcessing(sim);
  return async (_ctx, _route, next) => {
    processing.catchUp();
    return next();
  };
}
