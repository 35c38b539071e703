import type { CliCommand } from '../CliCommand.js';
import { simulatorCommand } from './SimulatorCommand.js';
import { validateCommand } from './ValidateCommand.js';

/** Every `ksef` sub-command, in the order `ksef --help` lists them. */
export const commands: readonly CliCommand[] = [validateCommand, simulatorCommand];
