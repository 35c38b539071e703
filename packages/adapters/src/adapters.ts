import type { Adapter } from './Adapter.js';
import { csvAdapter } from './csv/csvAdapter.js';
import { eppAdapter } from './epp/eppAdapter.js';
import { jpkFaAdapter } from './jpk-fa/jpkFaAdapter.js';
import { optimaAdapter } from './optima/optimaAdapter.js';
import { ublAdapter } from './ubl/ublAdapter.js';

/** The built-in adapters, listed explicitly (issue 5): each one also runs the shared contract suite. */
export const adapters: readonly Adapter[] = [
  ublAdapter,
  eppAdapter,
  jpkFaAdapter,
  optimaAdapter,
  csvAdapter,
];
