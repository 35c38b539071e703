import type { CliCommand } from '../CliCommand.js';
import { convertCommand } from './ConvertCommand.js';
import { demoCommand } from './DemoCommand.js';
import { sendCommand } from './SendCommand.js';
import { simulatorCommand } from './SimulatorCommand.js';
import { validateCommand } from './ValidateCommand.js';

/** Every `ksef` sub-command, in the order `ksef --help` lists them. */
export const commands: readonly CliCommand[] = [validateCommand, convertCommand, sendCommand, simulatorCommand, demoCommand];
