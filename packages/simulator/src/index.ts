/**
 * @ksef-connect/simulator — a local KSeF 2.0 server written from the official spec, for tests, demos
 * and integrators' CI.
 */
export { startSimulator } from './startSimulator.js';
export type { SimulatorOptions, RunningSimulator } from './startSimulator.js';
export { SimulatorControl } from './control/SimulatorControl.js';
export type { Fault, FaultRequest } from './faults/Fault.js';
export type { ServedRoute, HttpMethod, RouteAuth } from './http/Route.js';
export { SimulatorClock } from './domain/SimulatorClock.js';
export type { SimulatorConfig } from './SimulatorConfig.js';
