/** @ksef-connect/connector-cli — the `ksef` command, usable as a library too. */
export { main } from './main.js';
export type { CliCommand, CliCommandEntry } from './CliCommand.js';
export { UsageError } from './CliCommand.js';
export type { CliIo } from './CliIo.js';
export { processIo } from './CliIo.js';
